/**
 * Conversation mutators: the claim lease with its fencing epoch (reliability.md §2). A claim is a
 * conditional update judged by the database clock, so of any number of concurrent claimers one
 * row update matches; every later write by a holder carries its epoch and matches only while
 * that epoch is still the newest, so a stale holder can never undo a newer claim.
 */
import type { ExpressionBuilder, OnConflictDatabase, OnConflictTables } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { MutationArgs } from '../../lib/queue/mutations.ts';
import { appendAudit } from './audit.ts';
import { applied, rejected, type MutationContext, type Outcome } from './mutation-context.ts';

function audit(ctx: MutationContext, action: string, target: string, detail?: Record<string, unknown>) {
  return appendAudit(ctx.tx, ctx.now, {
    teamId: ctx.teamId,
    actor: ctx.memberId,
    action,
    target,
    detail: detail ?? null,
    requestId: ctx.requestId,
  });
}

function current(ctx: MutationContext, key: string) {
  return ctx.tx
    .selectFrom('conversations')
    .select(['claim_holder', 'claim_epoch', 'status', 'last_inbound_at', 'platform'])
    .where('team_id', '=', ctx.teamId)
    .where('key', '=', key)
    .where('deleted', '=', 0)
    .executeTakeFirst();
}

/** Why a holder's fenced write did not match. */
async function fencedFailure(ctx: MutationContext, key: string, epoch: number): Promise<Outcome> {
  const row = await current(ctx, key);
  if (!row) return rejected('not_found');
  if (row.claim_epoch !== epoch) return rejected('stale_epoch', row.claim_holder ?? undefined);
  return rejected('not_holder', row.claim_holder ?? undefined);
}

/**
 * The inbound time and status an observation leaves on a known conversation: the newer inbound
 * time; replied when the page shows no wait (the row proposed as `excluded` says so), else open
 * unless snoozed. Written against `excluded` only, so one statement serves many observations.
 */
function observed(eb: ExpressionBuilder<OnConflictDatabase<Schema, 'conversations'>, OnConflictTables<'conversations'>>) {
  const last_inbound_at = eb
    .case()
    .when(
      eb.and([
        eb('excluded.last_inbound_at', 'is not', null),
        eb.or([eb('conversations.last_inbound_at', 'is', null), eb('excluded.last_inbound_at', '>', eb.ref('conversations.last_inbound_at'))]),
      ]),
    )
    .then(eb.ref('excluded.last_inbound_at'))
    .else(eb.ref('conversations.last_inbound_at'))
    .end();
  const status = eb
    .case()
    .when('excluded.status', '=', 'replied')
    .then('replied' as const)
    .when('conversations.status', '=', 'snoozed')
    .then('snoozed' as const)
    .else('open' as const)
    .end();
  return { last_inbound_at, status };
}

/** Observations per statement at most (15 parameters a row, well under both engines' limits). */
export const OBSERVE_ROWS_PER_STATEMENT = 200;

/**
 * Observations in one upsert: a new conversation is inserted; a known one takes the newer
 * inbound time and the status the page shows, and only a real change bumps its version
 * (inboxes are observed constantly, and every bump is a row in every teammate's next pull).
 * The keys must be distinct (PostgreSQL refuses to update one row twice in a statement); a
 * caller with a repeated key applies them in separate statements, in order.
 */
export async function observeMany(
  ctx: Pick<MutationContext, 'tx' | 'now' | 'teamId' | 'version'>,
  list: readonly MutationArgs<'observe'>[],
): Promise<void> {
  await ctx.tx
    .insertInto('conversations')
    .values(
      list.map((a) => ({
        team_id: ctx.teamId,
        key: a.conversationKey,
        platform: a.platform,
        first_seen_at: ctx.now,
        last_inbound_at: a.lastInboundAt,
        status: a.awaitingReply ? ('open' as const) : ('replied' as const),
        snoozed_until: null,
        claim_holder: null,
        claim_epoch: 0,
        lease_until: null,
        crisis_signal: null,
        handoff_from: null,
        handoff_note: null,
        version: ctx.version,
        deleted: 0,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['team_id', 'key'])
        .doUpdateSet((eb) => ({ ...observed(eb), version: ctx.version }))
        .where((eb) => {
          const next = observed(eb);
          return eb.or([
            eb(next.last_inbound_at, 'is distinct from', eb.ref('conversations.last_inbound_at')),
            eb(next.status, '!=', eb.ref('conversations.status')),
          ]);
        }),
    )
    .execute();
}

export async function observe(ctx: MutationContext, a: MutationArgs<'observe'>): Promise<Outcome> {
  await observeMany(ctx, [a]);
  return applied;
}

export async function claim(ctx: MutationContext, a: MutationArgs<'claim'>): Promise<Outcome> {
  const won = await ctx.tx
    .updateTable('conversations')
    .set((eb) => ({
      claim_holder: ctx.memberId,
      claim_epoch: eb('claim_epoch', '+', 1),
      lease_until: eb(ctx.now, '+', ctx.leaseMs),
      version: ctx.version,
    }))
    .where('team_id', '=', ctx.teamId)
    .where('key', '=', a.conversationKey)
    .where('deleted', '=', 0)
    .where((eb) => eb.or([eb('claim_holder', 'is', null), eb('lease_until', '<=', ctx.now)]))
    .returning(['claim_epoch', 'lease_until'])
    .executeTakeFirst();
  if (!won) {
    const row = await current(ctx, a.conversationKey);
    return row ? rejected('already_claimed', row.claim_holder ?? undefined) : rejected('not_found');
  }
  await audit(ctx, 'claim', a.conversationKey, { epoch: won.claim_epoch });
  return { status: 'applied', claim: { epoch: won.claim_epoch, leaseUntil: won.lease_until ?? 0 } };
}

export async function renew(ctx: MutationContext, a: MutationArgs<'renew'>): Promise<Outcome> {
  const row = await ctx.tx
    .updateTable('conversations')
    .set((eb) => ({ lease_until: eb(ctx.now, '+', ctx.leaseMs), version: ctx.version }))
    .where('team_id', '=', ctx.teamId)
    .where('key', '=', a.conversationKey)
    .where('deleted', '=', 0)
    .where('claim_holder', '=', ctx.memberId)
    .where('claim_epoch', '=', a.epoch)
    .returning(['claim_epoch', 'lease_until'])
    .executeTakeFirst();
  if (!row) return fencedFailure(ctx, a.conversationKey, a.epoch);
  return { status: 'applied', claim: { epoch: row.claim_epoch, leaseUntil: row.lease_until ?? 0 } };
}

async function fencedRelease(
  ctx: MutationContext,
  key: string,
  epoch: number,
  status: 'open' | 'replied',
  action: string,
): Promise<Outcome> {
  const row = await ctx.tx
    .updateTable('conversations')
    .set({
      claim_holder: null,
      lease_until: null,
      version: ctx.version,
      ...(status === 'replied' ? { status, handoff_from: null, handoff_note: null } : {}),
    })
    .where('team_id', '=', ctx.teamId)
    .where('key', '=', key)
    .where('deleted', '=', 0)
    .where('claim_holder', '=', ctx.memberId)
    .where('claim_epoch', '=', epoch)
    .returning('key')
    .executeTakeFirst();
  if (!row) return fencedFailure(ctx, key, epoch);
  await audit(ctx, action, key, { epoch });
  return applied;
}

export function release(ctx: MutationContext, a: MutationArgs<'release'>): Promise<Outcome> {
  return fencedRelease(ctx, a.conversationKey, a.epoch, 'open', 'claim.release');
}

export function markReplied(ctx: MutationContext, a: MutationArgs<'markReplied'>): Promise<Outcome> {
  return fencedRelease(ctx, a.conversationKey, a.epoch, 'replied', 'replied');
}

export async function snooze(ctx: MutationContext, a: MutationArgs<'snooze'>): Promise<Outcome> {
  const row = await ctx.tx
    .updateTable('conversations')
    .set((eb) => ({
      status: 'snoozed' as const,
      snoozed_until: eb(ctx.now, '+', a.minutes * 60_000),
      claim_holder: null,
      lease_until: null,
      version: ctx.version,
    }))
    .where('team_id', '=', ctx.teamId)
    .where('key', '=', a.conversationKey)
    .where('deleted', '=', 0)
    .where((eb) => {
      const free = [eb('claim_holder', 'is', null), eb('lease_until', '<=', ctx.now)];
      return a.epoch === null
        ? eb.or(free)
        : eb.or([...free, eb.and([eb('claim_holder', '=', ctx.memberId), eb('claim_epoch', '=', a.epoch)])]);
    })
    .returning('key')
    .executeTakeFirst();
  if (row) {
    await audit(ctx, 'snooze', a.conversationKey, { minutes: a.minutes });
    return applied;
  }
  const cur = await current(ctx, a.conversationKey);
  if (!cur) return rejected('not_found');
  if (a.epoch !== null && cur.claim_epoch !== a.epoch) return rejected('stale_epoch', cur.claim_holder ?? undefined);
  return rejected('already_claimed', cur.claim_holder ?? undefined);
}

/**
 * Hand-off in one statement: the holder's epoch is checked and the new holder (or the queue)
 * takes over in the same update, so there is no moment where a third agent can slip in.
 */
export async function handoff(ctx: MutationContext, a: MutationArgs<'handoff'>): Promise<Outcome> {
  if (a.to !== null) {
    if (a.to === ctx.memberId) return rejected('invalid_target');
    const target = await ctx.tx
      .selectFrom('members')
      .select('id')
      .where('team_id', '=', ctx.teamId)
      .where('id', '=', a.to)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (!target) return rejected('invalid_target');
  }
  const to = a.to;
  const row = await ctx.tx
    .updateTable('conversations')
    .set((eb) =>
      to === null
        ? { claim_holder: null, lease_until: null, handoff_from: ctx.memberId, handoff_note: a.note, status: 'open' as const, version: ctx.version }
        : {
            claim_holder: to,
            claim_epoch: eb('claim_epoch', '+', 1),
            lease_until: eb(ctx.now, '+', ctx.leaseMs),
            handoff_from: ctx.memberId,
            handoff_note: a.note,
            status: 'open' as const,
            version: ctx.version,
          },
    )
    .where('team_id', '=', ctx.teamId)
    .where('key', '=', a.conversationKey)
    .where('deleted', '=', 0)
    .where('claim_holder', '=', ctx.memberId)
    .where('claim_epoch', '=', a.epoch)
    .returning(['claim_epoch'])
    .executeTakeFirst();
  if (!row) return fencedFailure(ctx, a.conversationKey, a.epoch);
  await audit(ctx, 'handoff', a.conversationKey, { to, epoch: row.claim_epoch });
  return applied;
}

export async function flagCrisisSignal(ctx: MutationContext, a: MutationArgs<'flagCrisisSignal'>): Promise<Outcome> {
  const row = await ctx.tx
    .updateTable('conversations')
    .set({ crisis_signal: a.kind, version: ctx.version })
    .where('team_id', '=', ctx.teamId)
    .where('key', '=', a.conversationKey)
    .where('deleted', '=', 0)
    .returning('key')
    .executeTakeFirst();
  if (!row) return rejected('not_found');
  await audit(ctx, 'crisis.signal', a.conversationKey, { kind: a.kind });
  return applied;
}
