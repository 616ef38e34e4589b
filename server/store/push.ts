/**
 * Push (Replicache model, reliability.md §2, D1–D3). Per pushed mutation: one already applied
 * (id ≤ the client's last) is a duplicate and skipped, one from the future (a gap) stops the
 * batch, one that fails is recorded as rejected inside its own savepoint, which leaves no trace
 * of it, and still advances the client's last mutation id.
 *
 * Group commit: a team's pushes queue in memory, and whatever has queued while the previous
 * transaction committed goes into the next one. A commit
 * (an fsync) is the dominant cost of a write, so under load one commit serves many pushes, and
 * nothing is acknowledged before its commit. A refused push (revoked member, someone else's
 * client) is refused before it writes anything. The transaction starts by bumping the team's version,
 * which in PostgreSQL also takes the team row's lock: pushes to one team from several instances
 * are applied one after another, other teams are not held up.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/connect.ts';
import type { Schema } from '../db/schema.ts';
import type { Mutation, MutationArgs, MutationName } from '../../lib/queue/mutations.ts';
import { ADMIN_MUTATIONS } from '../../lib/queue/mutations.ts';
import type { MutationResult, PushRequest, Role } from '../../lib/queue/protocol.ts';
import { appendAudit } from './audit.ts';
import * as conversations from './conversations.ts';
import * as library from './library.ts';
import { applied, rejected, type MutationContext, type Outcome } from './mutation-context.ts';
import * as teamState from './team-state.ts';
import { bumpTeamVersion, type Caller } from './teams.ts';

type Mutator = (ctx: MutationContext, args: never) => Promise<Outcome>;
const MUTATORS: Record<MutationName, Mutator> = {
  observe: conversations.observe,
  claim: conversations.claim,
  renew: conversations.renew,
  release: conversations.release,
  markReplied: conversations.markReplied,
  snooze: conversations.snooze,
  handoff: conversations.handoff,
  flagCrisisSignal: conversations.flagCrisisSignal,
  setCrisisMode: teamState.setCrisisMode,
  upsertReply: library.upsertReply,
  approveReply: library.approveReply,
  retireReply: library.retireReply,
  setPolicy: teamState.setPolicy,
  setShift: teamState.setShift,
};

export type PushOutcome =
  | { kind: 'ok'; results: MutationResult[]; version: number; changed: boolean }
  | { kind: 'revoked' }
  | { kind: 'foreign_client' };

export interface PushOptions {
  leaseMs: number;
  requestId: string;
  onError: (err: unknown, mutation: Mutation) => void;
}

interface Pending {
  caller: Caller;
  req: PushRequest;
  opts: PushOptions;
  resolve: (o: PushOutcome) => void;
  reject: (err: unknown) => void;
}

/** Pushes per transaction at most; a push holds at most 100 mutations. */
const MAX_GROUP = 64;

class Abort extends Error {
  readonly outcome: PushOutcome;
  constructor(outcome: PushOutcome) {
    super(outcome.kind);
    this.outcome = outcome;
  }
}

export class PushQueue {
  readonly #database: Database;
  readonly #waiting = new Map<string, Pending[]>();

  constructor(database: Database) {
    this.#database = database;
  }

  push(caller: Caller, req: PushRequest, opts: PushOptions): Promise<PushOutcome> {
    return new Promise((resolve, reject) => {
      const queue = this.#waiting.get(caller.teamId);
      const pending = { caller, req, opts, resolve, reject };
      if (queue) {
        queue.push(pending);
        return;
      }
      this.#waiting.set(caller.teamId, [pending]);
      // Start on the next turn of the event loop, not now: requests that have already arrived
      // get parsed and join this group. (node:sqlite is synchronous, so a transaction started at
      // once would run to its commit before the loop reads another request: a group of one.)
      setImmediate(() => void this.#drain(caller.teamId));
    });
  }

  async #drain(teamId: string) {
    for (;;) {
      const queue = this.#waiting.get(teamId);
      if (!queue || queue.length === 0) {
        this.#waiting.delete(teamId);
        return;
      }
      // Leave the (now empty) queue in the map while the group runs, so newcomers wait for it.
      const group = queue.splice(0, MAX_GROUP);
      try {
        const outcomes = await applyGroup(this.#database, teamId, group, false).catch((err: unknown) => {
          if (!(err instanceof MutatorThrew)) throw err;
          return applyGroup(this.#database, teamId, group, true);
        });
        group.forEach((p, i) => p.resolve(outcomes[i]!));
      } catch (err) {
        for (const p of group) p.reject(err);
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}

interface ClientRow {
  member_id: string;
  client_group_id: string;
  last_mutation_id: number;
  /** Changed by this group: written once at its end. */
  dirty: boolean;
}

/** A mutator threw on the fast path; the group is re-run with a savepoint per mutation. */
class MutatorThrew extends Error {}

/**
 * Observations waiting to be written in one statement (the fast path only). Inboxes are observed
 * constantly, so a group is mostly observations; one upsert for a run of them saves a round trip
 * each. Order is kept: the run is written before any other mutation runs, and a key repeated
 * within the run starts a new statement.
 */
class ObserveRun {
  readonly #ctx: Pick<MutationContext, 'tx' | 'now' | 'teamId' | 'version'>;
  #rows: MutationArgs<'observe'>[] = [];
  readonly #keys = new Set<string>();
  constructor(ctx: Pick<MutationContext, 'tx' | 'now' | 'teamId' | 'version'>) {
    this.#ctx = ctx;
  }

  async add(a: MutationArgs<'observe'>) {
    if (this.#keys.has(a.conversationKey) || this.#rows.length >= conversations.OBSERVE_ROWS_PER_STATEMENT) await this.flush();
    this.#rows.push(a);
    this.#keys.add(a.conversationKey);
  }

  async flush() {
    if (this.#rows.length === 0) return;
    const rows = this.#rows;
    this.#rows = [];
    this.#keys.clear();
    try {
      await conversations.observeMany(this.#ctx, rows);
    } catch {
      throw new MutatorThrew();
    }
  }
}

/** Rows per multi-row statement, well under SQLite's and PostgreSQL's parameter limits. */
const CLIENT_ROWS_PER_STATEMENT = 500;

/**
 * `safe` false, the fast path: mutators run without savepoints, which is sound because every
 * mutator decides a rejection before it writes anything. Only an unexpected error (which in
 * PostgreSQL aborts the transaction) needs a savepoint to be recorded alone; on one, the group is
 * rolled back and run again with `safe` true.
 */
async function applyGroup(database: Database, teamId: string, group: Pending[], safe: boolean): Promise<PushOutcome[]> {
  const { db, nowMs } = database;
  let outcomes: PushOutcome[] = [];
  try {
    return await db.transaction().execute(async (tx) => {
      const version = await bumpTeamVersion(tx, teamId);
      // Read under the team lock: a revocation or role change that committed a moment ago wins
      // over these pushes, so queued mutations of a revoked member are refused. The token is
      // checked here too: the request itself was let in on the token's remembered identity.
      // Live tokens and the clients' last mutation ids come in one statement (one round trip).
      const hashes = [...new Set(group.map((p) => p.caller.tokenHash))];
      const clientIds = [...new Set(group.flatMap((p) => p.req.mutations.map((m) => m.clientId)))];
      const rows = await tx
        .selectFrom('tokens')
        .innerJoin('members', 'members.id', 'tokens.member_id')
        .select([sql<'token' | 'client'>`'token'`.as('kind'), 'tokens.hash as key', 'members.id as a', sql<string>`members.role`.as('b'), sql<number>`0`.as('n')])
        .where('tokens.team_id', '=', teamId)
        .where('tokens.hash', 'in', hashes)
        .where('tokens.revoked_at', 'is', null)
        .where('members.status', '=', 'active')
        .unionAll(
          tx
            .selectFrom('clients')
            .select([sql<'token' | 'client'>`'client'`.as('kind'), 'id as key', 'member_id as a', 'client_group_id as b', 'last_mutation_id as n'])
            .where('team_id', '=', teamId)
            .where('id', 'in', clientIds),
        )
        .execute();
      const live = new Map<string, { id: string; role: Role }>();
      const clients = new Map<string, ClientRow>();
      for (const r of rows) {
        if (r.kind === 'token') live.set(r.key, { id: r.a, role: r.b as Role });
        else clients.set(r.key, { member_id: r.a, client_group_id: r.b, last_mutation_id: Number(r.n), dirty: false });
      }
      outcomes = [];
      let changed = false;
      const observeRun = safe ? null : new ObserveRun({ tx, now: nowMs, teamId, version });
      for (const p of group) {
        const member = live.get(p.caller.tokenHash);
        // Every refusal is decided before the push writes anything, so it needs no savepoint.
        const outcome =
          !member || member.id !== p.caller.memberId
            ? ({ kind: 'revoked' } as const)
            : await applyOne(tx, nowMs, version, member.role, clients, p, observeRun);
        changed ||= outcome.kind === 'ok' && outcome.changed;
        outcomes.push(outcome);
      }
      await observeRun?.flush();
      const dirty = [...clients].filter(([, c]) => c.dirty);
      for (let i = 0; i < dirty.length; i += CLIENT_ROWS_PER_STATEMENT) {
        await tx
          .insertInto('clients')
          .values(
            dirty.slice(i, i + CLIENT_ROWS_PER_STATEMENT).map(([id, c]) => ({
              team_id: teamId,
              id,
              client_group_id: c.client_group_id,
              member_id: c.member_id,
              last_mutation_id: c.last_mutation_id,
              version,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['team_id', 'id']).doUpdateSet((eb) => ({
              last_mutation_id: eb.ref('excluded.last_mutation_id'),
              version: eb.ref('excluded.version'),
            })),
          )
          .execute();
      }
      // Nothing applied (all duplicates, gaps or refusals): undo the version bump.
      if (!changed) throw new Abort({ kind: 'ok', results: [], version: version - 1, changed: false });
      return outcomes;
    });
  } catch (err) {
    if (!(err instanceof Abort)) throw err;
    const version = err.outcome.kind === 'ok' ? err.outcome.version : 0;
    return outcomes.map((o) => (o.kind === 'ok' ? { ...o, version } : o));
  }
}

async function applyOne(
  tx: Kysely<Schema>,
  now: RawBuilder<number>,
  version: number,
  role: Role,
  clients: Map<string, ClientRow>,
  p: Pending,
  observeRun: ObserveRun | null,
): Promise<PushOutcome> {
  const { caller, req, opts } = p;
  for (const m of req.mutations) {
    const c = clients.get(m.clientId);
    if (c && (c.member_id !== caller.memberId || c.client_group_id !== req.clientGroupId)) return { kind: 'foreign_client' };
  }
  const ctx: MutationContext = {
    tx,
    now,
    teamId: caller.teamId,
    memberId: caller.memberId,
    role,
    version,
    requestId: opts.requestId,
    leaseMs: opts.leaseMs,
  };
  const results: MutationResult[] = [];
  let changed = false;
  let stopped = false;
  for (const m of req.mutations) {
    const base = { clientId: m.clientId, id: m.id };
    const prev = clients.get(m.clientId)?.last_mutation_id ?? 0;
    if (stopped || m.id > prev + 1) {
      stopped = true;
      results.push({ ...base, status: 'future' });
      continue;
    }
    if (m.id <= prev) {
      results.push({ ...base, status: 'duplicate' });
      continue;
    }
    const outcome = await runOne(ctx, m, opts, observeRun);
    const row = clients.get(m.clientId);
    if (row) {
      row.last_mutation_id = m.id;
      row.dirty = true;
    } else {
      clients.set(m.clientId, { member_id: caller.memberId, client_group_id: req.clientGroupId, last_mutation_id: m.id, dirty: true });
    }
    changed = true;
    results.push({ ...base, ...outcome });
  }
  return { kind: 'ok', results, version, changed };
}

/** `observeRun` on the fast path, null on the safe one (a savepoint per mutation). */
async function runOne(ctx: MutationContext, m: Mutation, opts: PushOptions, observeRun: ObserveRun | null): Promise<Outcome> {
  if (observeRun && m.name === 'observe') {
    // An observation is never refused, so its outcome is known before it is written.
    await observeRun.add(m.args as MutationArgs<'observe'>);
    return applied;
  }
  await observeRun?.flush();
  if (ADMIN_MUTATIONS.has(m.name) && ctx.role !== 'admin') {
    await appendAudit(ctx.tx, ctx.now, {
      teamId: ctx.teamId,
      actor: ctx.memberId,
      action: 'authz.denied',
      target: m.name,
      requestId: ctx.requestId,
    });
    return rejected('forbidden');
  }
  if (observeRun) {
    try {
      return await MUTATORS[m.name](ctx, m.args as never);
    } catch {
      throw new MutatorThrew();
    }
  }
  await sql`savepoint mutation`.execute(ctx.tx);
  let outcome: Outcome;
  try {
    outcome = await MUTATORS[m.name](ctx, m.args as never);
  } catch (err) {
    opts.onError(err, m);
    outcome = rejected('error');
  }
  if (outcome.status === 'rejected') await sql`rollback to savepoint mutation`.execute(ctx.tx);
  await sql`release savepoint mutation`.execute(ctx.tx);
  return outcome;
}
