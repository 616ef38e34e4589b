/**
 * The team's approved reply library. Anyone may propose or edit a reply, which makes it a draft
 * again; only admins approve or retire (the push checks the role); a retired reply stays retired.
 */
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

export async function upsertReply(ctx: MutationContext, a: MutationArgs<'upsertReply'>): Promise<Outcome> {
  const existing = await ctx.tx
    .selectFrom('replies')
    .select('status')
    .where('team_id', '=', ctx.teamId)
    .where('id', '=', a.id)
    .executeTakeFirst();
  const fields = { title: a.title, body: a.body, tags: JSON.stringify(a.tags), crisis_safe: a.crisisSafe ? 1 : 0 };
  if (!existing) {
    await ctx.tx
      .insertInto('replies')
      .values({
        team_id: ctx.teamId,
        id: a.id,
        ...fields,
        status: 'draft',
        author_id: ctx.memberId,
        approved_by: null,
        version: ctx.version,
        deleted: 0,
      })
      .execute();
    await audit(ctx, 'reply.create', a.id);
    return applied;
  }
  if (existing.status === 'retired') return rejected('retired');
  await ctx.tx
    .updateTable('replies')
    .set({ ...fields, status: 'draft', approved_by: null, version: ctx.version })
    .where('team_id', '=', ctx.teamId)
    .where('id', '=', a.id)
    .execute();
  await audit(ctx, 'reply.edit', a.id, { wasApproved: existing.status === 'approved' });
  return applied;
}

async function setStatus(ctx: MutationContext, id: string, status: 'approved' | 'retired'): Promise<Outcome> {
  const row = await ctx.tx
    .updateTable('replies')
    .set({ status, approved_by: status === 'approved' ? ctx.memberId : null, version: ctx.version })
    .where('team_id', '=', ctx.teamId)
    .where('id', '=', id)
    .where('status', '!=', 'retired')
    .returning('id')
    .executeTakeFirst();
  if (!row) {
    const exists = await ctx.tx.selectFrom('replies').select('id').where('team_id', '=', ctx.teamId).where('id', '=', id).executeTakeFirst();
    return rejected(exists ? 'retired' : 'not_found');
  }
  await audit(ctx, status === 'approved' ? 'reply.approve' : 'reply.retire', id);
  return applied;
}

export const approveReply = (ctx: MutationContext, a: MutationArgs<'approveReply'>) => setStatus(ctx, a.id, 'approved');
export const retireReply = (ctx: MutationContext, a: MutationArgs<'retireReply'>) => setStatus(ctx, a.id, 'retired');
