/**
 * Pull (Replicache model, reliability.md §2, D4–D5): every row of the caller's team changed after
 * the cursor's version, deletes as tombstones; a null, malformed, future or foreign cursor gets a
 * full snapshot with `reset`.
 */
import type { Database } from '../db/connect.ts';
import type { ConversationsTable, MembersTable, RepliesTable, TeamsTable } from '../db/schema.ts';
import type { PatchOp, PullRequest, PullResponse } from '../../lib/queue/protocol.ts';
import { SlaPolicySchema } from '../../lib/time/schemas.ts';
import type { Caller } from './teams.ts';

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
