/**
 * Teams, members, invites, tokens and socket tickets. Every function takes the caller's team id
 * and scopes its queries by it; secrets are looked up by hash only.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, RawBuilder } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { Role } from '../../lib/queue/protocol.ts';
import { hashSecret, newSecret } from '../secrets.ts';
import { appendAudit } from './audit.ts';

type Db = Kysely<Schema>;
type Now = RawBuilder<number>;

export interface Caller {
  memberId: string;
  teamId: string;
  role: Role;
  displayName: string;
  tokenHash: string;
}

/** Bumps the team's version and returns it; in PostgreSQL this also locks the team row, which
 * serialises a team's writes (not other teams') for the rest of the transaction. */
export async function bumpTeamVersion(db: Db, teamId: string): Promise<number> {
  const row = await db
    .updateTable('teams')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', teamId)
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

export async function createTeam(db: Db, now: Now, name: string): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('teams')
    .values({
      id,
      name,
      cursor_ns: randomUUID().slice(0, 8),
      version: 0,
      created_at: now,
      crisis_on: 0,
      crisis_statement: null,
      crisis_since: null,
      policy: null,
      state_version: 0,
    })
    .execute();
  await appendAudit(db, now, { teamId: id, actor: 'cli', action: 'team.create', target: id, detail: { name } });
  return id;
}

export async function listTeams(db: Db): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('teams').select(['id', 'name']).orderBy('created_at').execute();
}

export async function createInvite(
  db: Db,
  now: Now,
  args: { teamId: string; role: Role; createdBy: string; ttlMs: number; requestId?: string },
): Promise<{ code: string; expiresAt: number }> {
  const code = newSecret('invite');
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('invites')
      .values((eb) => ({
        hash: hashSecret(code),
        team_id: args.teamId,
        role: args.role,
        created_by: args.createdBy,
        expires_at: eb(now, '+', args.ttlMs),
        used_at: null,
        used_by: null,
      }))
      .returning('expires_at')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, now, {
      teamId: args.teamId,
      actor: args.createdBy,
      action: 'invite.create',
      detail: { role: args.role },
      requestId: args.requestId,
    });
    return { code, expiresAt: row.expires_at };
  });
}

/** Redeems a single-use, unexpired invite for a new member and token; null if it cannot. */
export async function redeemInvite(
  db: Db,
  now: Now,
  code: string,
  displayName: string,
  requestId?: string,
): Promise<{ token: string; memberId: string; teamId: string; role: Role; version: number } | null> {
  const memberId = randomUUID();
  return db.transaction().execute(async (tx) => {
    // The conditional update is the single-use check: of two concurrent redemptions one matches.
    const invite = await tx
      .updateTable('invites')
      .set({ used_at: now, used_by: memberId })
      .where('hash', '=', hashSecret(code))
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['team_id', 'role'])
      .executeTakeFirst();
    if (!invite) return null;
    const version = await bumpTeamVersion(tx, invite.team_id);
    await tx
      .insertInto('members')
      .values({
        id: memberId,
        team_id: invite.team_id,
        display_name: displayName,
        role: invite.role,
        status: 'active',
        on_shift: 0,
        joined_at: now,
        revoked_at: null,
        version,
      })
      .execute();
    const token = newSecret('token');
    await tx
      .insertInto('tokens')
      .values({ hash: hashSecret(token), member_id: memberId, team_id: invite.team_id, created_at: now, revoked_at: null })
      .execute();
    await appendAudit(tx, now, {
      teamId: invite.team_id,
      actor: memberId,
      action: 'member.join',
      target: memberId,
      detail: { role: invite.role },
      requestId,
    });
    return { token, memberId, teamId: invite.team_id, role: invite.role, version };
  });
}

/** The member behind a bearer token, if the token and the member are both live. */
export async function authenticate(db: Db, token: string): Promise<Caller | null> {
  return authenticateHash(db, hashSecret(token));
}

async function authenticateHash(db: Db, tokenHash: string): Promise<Caller | null> {
  const row = await db
    .selectFrom('tokens')
    .innerJoin('members', 'members.id', 'tokens.member_id')
    .select(['members.id', 'members.team_id', 'members.role', 'members.display_name'])
    .where('tokens.hash', '=', tokenHash)
    .where('tokens.revoked_at', 'is', null)
    .where('members.status', '=', 'active')
    .executeTakeFirst();
  return row ? { memberId: row.id, teamId: row.team_id, role: row.role, displayName: row.display_name, tokenHash } : null;
}

/** Tokens whose identity is remembered at most (a few bytes each; the oldest go first). */
const IDENTITIES_KEPT = 20_000;

/**
 * Who a token belongs to, remembered: a token's member and team never change, so once a token
 * has been seen live, a route that checks the token and its member again inside its own
 * transaction (push: under the team lock, where a revocation committed a moment ago is seen)
 * needs no lookup of its own. A token never seen, or one seen dead, is looked up in full. Only
 * `memberId`, `teamId` and `tokenHash` of what this returns may be relied on: role and display
 * name are as they were when the token was first seen.
 */
export class TokenIdentities {
  readonly #db: Db;
  readonly #known = new Map<string, Caller>();
  constructor(db: Db) {
    this.#db = db;
  }

  async identify(token: string): Promise<Caller | null> {
    const tokenHash = hashSecret(token);
    const known = this.#known.get(tokenHash);
    if (known) return known;
    const caller = await authenticateHash(this.#db, tokenHash);
    if (caller) {
      if (this.#known.size >= IDENTITIES_KEPT) this.#known.delete(this.#known.keys().next().value!);
      this.#known.set(tokenHash, caller);
    }
    return caller;
  }

  /** Forgets a token found dead, so its next request is refused at the door, not in a transaction. */
  forget(tokenHash: string) {
    this.#known.delete(tokenHash);
  }
}

export async function listMembers(db: Db, teamId: string) {
  const rows = await db
    .selectFrom('members')
    .select(['id', 'display_name', 'role', 'status', 'on_shift', 'joined_at'])
    .where('team_id', '=', teamId)
    .orderBy('joined_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    displayName: r.display_name,
    role: r.role,
    onShift: r.on_shift === 1,
    status: r.status,
    joinedAt: r.joined_at,
  }));
}

/**
 * Revokes a member at once: tokens dead, member marked revoked, every claim they hold released
 * to the queue (epoch bumped so their stale writes fail), all in one transaction with audit rows.
 * Returns the new team version, or null when the member is not in this team or already revoked.
 */
export async function revokeMember(
  db: Db,
  now: Now,
  args: { teamId: string; memberId: string; actor: string; requestId?: string },
): Promise<{ version: number; released: string[] } | null> {
  return db.transaction().execute(async (tx) => {
    const version = await bumpTeamVersion(tx, args.teamId);
    const member = await tx
      .updateTable('members')
      .set({ status: 'revoked', revoked_at: now, on_shift: 0, version })
      .where('team_id', '=', args.teamId)
      .where('id', '=', args.memberId)
      .where('status', '=', 'active')
      .returning('id')
      .executeTakeFirst();
    if (!member) {
      // Nothing to do: undo the version bump.
      throw new NothingChanged();
    }
    await tx.updateTable('tokens').set({ revoked_at: now }).where('member_id', '=', args.memberId).where('revoked_at', 'is', null).execute();
    await tx.deleteFrom('ws_tickets').where('member_id', '=', args.memberId).execute();
    const released = await tx
      .updateTable('conversations')
      .set((eb) => ({ claim_holder: null, lease_until: null, claim_epoch: eb('claim_epoch', '+', 1), version }))
      .where('team_id', '=', args.teamId)
      .where('claim_holder', '=', args.memberId)
      .returning('key')
      .execute();
    await appendAudit(tx, now, {
      teamId: args.teamId,
      actor: args.actor,
      action: 'member.revoke',
      target: args.memberId,
      detail: { releasedClaims: released.length },
      requestId: args.requestId,
    });
    for (const r of released) {
      await appendAudit(tx, now, {
        teamId: args.teamId,
        actor: args.actor,
        action: 'claim.release',
        target: r.key,
        detail: { holder: args.memberId, reason: 'revoked' },
        requestId: args.requestId,
      });
    }
    return { version, released: released.map((r) => r.key) };
  }).catch((e: unknown) => {
    if (e instanceof NothingChanged) return null;
    throw e;
  });
}

export async function setRole(
  db: Db,
  now: Now,
  args: { teamId: string; memberId: string; role: Role; actor: string; requestId?: string },
): Promise<number | null> {
  return db.transaction().execute(async (tx) => {
    const version = await bumpTeamVersion(tx, args.teamId);
    const before = await tx
      .selectFrom('members')
      .select('role')
      .where('team_id', '=', args.teamId)
      .where('id', '=', args.memberId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (!before) throw new NothingChanged();
    await tx.updateTable('members').set({ role: args.role, version }).where('id', '=', args.memberId).execute();
    await appendAudit(tx, now, {
      teamId: args.teamId,
      actor: args.actor,
      action: 'member.role',
      target: args.memberId,
      detail: { from: before.role, to: args.role },
      requestId: args.requestId,
    });
    return version;
  }).catch((e: unknown) => {
    if (e instanceof NothingChanged) return null;
    throw e;
  });
}

/** Rolls a transaction back when it turns out to change nothing. */
export class NothingChanged extends Error {}

export async function createWsTicket(db: Db, now: Now, caller: Caller, ttlMs: number): Promise<string> {
  const ticket = newSecret('ticket');
  await db.deleteFrom('ws_tickets').where('expires_at', '<', now).execute();
  await db
    .insertInto('ws_tickets')
    .values((eb) => ({ hash: hashSecret(ticket), member_id: caller.memberId, team_id: caller.teamId, expires_at: eb(now, '+', ttlMs) }))
    .execute();
  return ticket;
}

/** Consumes a ticket (single use: the delete is the check) and returns its live member. */
export async function consumeWsTicket(db: Db, now: Now, ticket: string): Promise<Caller | null> {
  const row = await db
    .deleteFrom('ws_tickets')
    .where('hash', '=', hashSecret(ticket))
    .returning(['member_id', 'expires_at'])
    .executeTakeFirst();
  if (!row) return null;
  const member = await db
    .selectFrom('members')
    .select(['id', 'team_id', 'role', 'display_name'])
    .where('id', '=', row.member_id)
    .where('status', '=', 'active')
    .where(now, '<', row.expires_at)
    .executeTakeFirst();
  return member
    ? { memberId: member.id, teamId: member.team_id, role: member.role, displayName: member.display_name, tokenHash: '' }
    : null;
}

/** Of these members, the ones no longer active (for closing their sockets). */
export async function inactiveAmong(db: Db, memberIds: readonly string[]): Promise<string[]> {
  if (memberIds.length === 0) return [];
  const rows = await db.selectFrom('members').select('id').where('id', 'in', memberIds).where('status', '!=', 'active').execute();
  return rows.map((r) => r.id);
}
