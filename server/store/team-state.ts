/** Team-wide state set by admins (crisis mode, SLA policy) and each member's own shift. */
import type { MutationArgs } from '../../lib/queue/mutations.ts';
import { appendAudit } from './audit.ts';
import { applied, type MutationContext, type Outcome } from './mutation-context.ts';

export async function setCrisisMode(ctx: MutationContext, a: MutationArgs<'setCrisisMode'>): Promise<Outcome> {
  await ctx.tx
    .updateTable('teams')
    .set({
      crisis_on: a.on ? 1 : 0,
      crisis_statement: a.on ? a.holdingStatement : null,
      crisis_since: a.on ? ctx.now : null,
      state_version: ctx.version,
    })
    .where('id', '=', ctx.teamId)
    .execute();
  await appendAudit(ctx.tx, ctx.now, {
    teamId: ctx.teamId,
    actor: ctx.memberId,
    action: a.on ? 'crisis.on' : 'crisis.off',
    target: ctx.teamId,
    requestId: ctx.requestId,
  });
  return applied;
}

export async function setPolicy(ctx: MutationContext, a: MutationArgs<'setPolicy'>): Promise<Outcome> {
  await ctx.tx
    .updateTable('teams')
    .set({ policy: JSON.stringify(a), state_version: ctx.version })
    .where('id', '=', ctx.teamId)
    .execute();
  await appendAudit(ctx.tx, ctx.now, {
    teamId: ctx.teamId,
    actor: ctx.memberId,
    action: 'policy.set',
    target: ctx.teamId,
    requestId: ctx.requestId,
  });
  return applied;
}

export async function setShift(ctx: MutationContext, a: MutationArgs<'setShift'>): Promise<Outcome> {
  await ctx.tx
    .updateTable('members')
    .set({ on_shift: a.on ? 1 : 0, version: ctx.version })
    .where('team_id', '=', ctx.teamId)
    .where('id', '=', ctx.memberId)
    .execute();
  await appendAudit(ctx.tx, ctx.now, {
    teamId: ctx.teamId,
    actor: ctx.memberId,
    action: a.on ? 'shift.on' : 'shift.off',
    target: ctx.memberId,
    requestId: ctx.requestId,
  });
  return applied;
}
