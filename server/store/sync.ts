/**
 * Push and pull (Replicache model, reliability.md §2). A push is one transaction: the team's
 * version is bumped first (in PostgreSQL that row lock orders the team's pushes), each mutation
 * runs inside its own savepoint so a rejected one leaves no trace but still advances its client's
 * last mutation id, a duplicate is skipped and a gap stops the batch. A push that changes nothing
 * rolls back and leaves the version alone.
 */
import { sql } from 'kysely';
import type { Database } from '../db/connect.ts';
import type { ConversationsTable, MembersTable, RepliesTable, TeamsTable } from '../db/schema.ts';
import type { Mutation, MutationName } from '../../lib/queue/mutations.ts';
import { ADMIN_MUTATIONS } from '../../lib/queue/mutations.ts';
import type { MutationResult, PatchOp, PullRequest, PullResponse, PushRequest } from '../../lib/queue/protocol.ts';
import { SlaPolicySchema } from '../../lib/time/schemas.ts';
import { appendAudit } from './audit.ts';
import * as conversations from './conversations.ts';
import * as library from './library.ts';
import { rejected, type MutationContext, type Outcome } from './mutation-context.ts';
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

class Abort extends Error {
  readonly outcome: PushOutcome;
  constructor(outcome: PushOutcome) {
    super(outcome.kind);
    this.outcome = outcome;
  }
}

export interface PushOptions {
  leaseMs: number;
  requestId: string;
  onError: (err: unknown, mutation: Mutation) => void;
}

export async function applyPush(database: Database, caller: Caller, req: PushRequest, opts: PushOptions): Promise<PushOutcome> {
  const { db, nowMs } = database;
  try {
    return await db.transaction().execute(async (tx) => {
      const version = await bumpTeamVersion(tx, caller.teamId);
      // Re-read the member under the team lock: a revocation or role change that committed a
      // moment ago wins over this push, and queued mutations of a revoked member are refused.
      const member = await tx
        .selectFrom('members')
        .select(['role', 'status'])
        .where('team_id', '=', caller.teamId)
        .where('id', '=', caller.memberId)
        .executeTakeFirst();
      if (!member || member.status !== 'active') throw new Abort({ kind: 'revoked' });

      const clientIds = [...new Set(req.mutations.map((m) => m.clientId))];
      const known = await tx
        .selectFrom('clients')
        .select(['id', 'member_id', 'client_group_id', 'last_mutation_id'])
        .where('team_id', '=', caller.teamId)
        .where('id', 'in', clientIds)
        .execute();
      const last = new Map<string, number>();
      for (const c of known) {
        if (c.member_id !== caller.memberId || c.client_group_id !== req.clientGroupId) {
          throw new Abort({ kind: 'foreign_client' });
        }
        last.set(c.id, c.last_mutation_id);
      }

      const ctx: MutationContext = {
        tx,
        now: nowMs,
        teamId: caller.teamId,
        memberId: caller.memberId,
        role: member.role,
        version,
        requestId: opts.requestId,
        leaseMs: opts.leaseMs,
      };
      const results: MutationResult[] = [];
      const touched = new Set<string>();
      let stopped = false;
      for (const m of req.mutations) {
        const base = { clientId: m.clientId, id: m.id };
        const prev = last.get(m.clientId) ?? 0;
        if (stopped || m.id > prev + 1) {
          stopped = true;
          results.push({ ...base, status: 'future' });
          continue;
        }
        if (m.id <= prev) {
          results.push({ ...base, status: 'duplicate' });
          continue;
        }
        const outcome = await runOne(ctx, m, opts);
        last.set(m.clientId, m.id);
        touched.add(m.clientId);
        results.push({ ...base, ...outcome });
      }
      if (touched.size === 0) throw new Abort({ kind: 'ok', results, version: version - 1, changed: false });

      for (const clientId of touched) {
        const values = { last_mutation_id: last.get(clientId) ?? 0, version };
        if (known.some((c) => c.id === clientId)) {
          await tx.updateTable('clients').set(values).where('team_id', '=', caller.teamId).where('id', '=', clientId).execute();
        } else {
          await tx
            .insertInto('clients')
            .values({ team_id: caller.teamId, id: clientId, client_group_id: req.clientGroupId, member_id: caller.memberId, ...values })
            .execute();
        }
      }
      return { kind: 'ok', results, version, changed: true } satisfies PushOutcome;
    });
  } catch (e) {
    if (e instanceof Abort) return e.outcome;
    throw e;
  }
}

async function runOne(ctx: MutationContext, m: Mutation, opts: PushOptions): Promise<Outcome> {
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

// ---- pull -------------------------------------------------------------------------------------

function conversationOp(r: ConversationsTable): PatchOp {
  if (r.deleted) return { op: 'del', kind: 'conversation', id: r.key };
  return {
    op: 'put',
    kind: 'conversation',
    value: {
      key: r.key,
      platform: r.platform as never,
      firstSeenAt: r.first_seen_at,
      lastInboundAt: r.last_inbound_at,
      status: r.status,
      snoozedUntil: r.snoozed_until,
      claim: r.claim_holder ? { holder: r.claim_holder, epoch: r.claim_epoch, leaseUntil: r.lease_until ?? 0 } : null,
      epoch: r.claim_epoch,
      crisisSignal: r.crisis_signal as never,
      handoff: r.handoff_from ? { from: r.handoff_from, note: r.handoff_note ?? '' } : null,
    },
  };
}

function replyOp(r: RepliesTable): PatchOp {
  if (r.deleted) return { op: 'del', kind: 'reply', id: r.id };
  return {
    op: 'put',
    kind: 'reply',
    value: {
      id: r.id,
      title: r.title,
      body: r.body,
      tags: JSON.parse(r.tags) as string[],
      crisisSafe: r.crisis_safe === 1,
      status: r.status,
      authorId: r.author_id,
      approvedBy: r.approved_by,
    },
  };
}

function memberOp(r: MembersTable): PatchOp {
  if (r.status !== 'active') return { op: 'del', kind: 'member', id: r.id };
  return { op: 'put', kind: 'member', value: { id: r.id, displayName: r.display_name, role: r.role, onShift: r.on_shift === 1 } };
}

const DEFAULT_POLICY = { sla: SlaPolicySchema.parse({}), brandAccounts: [] };

function teamOp(t: TeamsTable): PatchOp {
  const policy = t.policy ? (JSON.parse(t.policy) as typeof DEFAULT_POLICY) : DEFAULT_POLICY;
  return {
    op: 'put',
    kind: 'team',
    value: {
      id: t.id,
      name: t.name,
      crisis: { on: t.crisis_on === 1, holdingStatement: t.crisis_statement, since: t.crisis_since },
      policy,
    },
  };
}

/** Parses `<namespace>.<version>`; null unless it names a version this team has reached. */
function cursorVersion(cursor: string | null, team: TeamsTable): number | null {
  const m = cursor === null ? null : /^([0-9a-f]{8})\.(\d{1,15})$/.exec(cursor);
  if (!m || m[1] !== team.cursor_ns) return null;
  const v = Number(m[2]);
  return v <= team.version ? v : null;
}

export async function pull(database: Database, caller: Caller, req: PullRequest): Promise<PullResponse> {
  const { db, nowMs } = database;
  const team = await db.selectFrom('teams').selectAll().where('id', '=', caller.teamId).executeTakeFirstOrThrow();
  const { now } = await db.selectNoFrom(nowMs.as('now')).executeTakeFirstOrThrow();
  const since = cursorVersion(req.cursor, team);
  const reset = since === null;
  const after = since ?? -1;

  const [convs, replies, members, clients] = await Promise.all([
    db
      .selectFrom('conversations')
      .selectAll()
      .where('team_id', '=', caller.teamId)
      .where('version', '>', after)
      .$if(reset, (q) => q.where('deleted', '=', 0))
      .orderBy('version')
      .execute(),
    db
      .selectFrom('replies')
      .selectAll()
      .where('team_id', '=', caller.teamId)
      .where('version', '>', after)
      .$if(reset, (q) => q.where('deleted', '=', 0))
      .execute(),
    db
      .selectFrom('members')
      .selectAll()
      .where('team_id', '=', caller.teamId)
      .where('version', '>', after)
      .$if(reset, (q) => q.where('status', '=', 'active'))
      .execute(),
    db
      .selectFrom('clients')
      .select(['id', 'last_mutation_id'])
      .where('team_id', '=', caller.teamId)
      .where('client_group_id', '=', req.clientGroupId)
      .where('member_id', '=', caller.memberId)
      .where('version', '>', after)
      .execute(),
  ]);
  const patch: PatchOp[] = [];
  if (reset || team.state_version > after) patch.push(teamOp(team));
  for (const m of members) patch.push(memberOp(m));
  for (const r of replies) patch.push(replyOp(r));
  for (const c of convs) patch.push(conversationOp(c));
  return {
    cursor: `${team.cursor_ns}.${team.version}`,
    reset,
    serverTime: now,
    lastMutationIdChanges: Object.fromEntries(clients.map((c) => [c.id, c.last_mutation_id])),
    patch,
  };
}
