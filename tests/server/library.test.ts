// @vitest-environment node
// Library governance: anyone proposes (a draft), admins approve and retire, an edit sends an
// approved reply back to draft, a retired reply stays retired, and every change is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TeamReply } from '../../lib/queue/protocol.ts';
import { addMember, seedTeam, startTestServer, TestClient, type TestServer } from './harness.ts';

let t: TestServer;
let adminC: TestClient;
let agentC: TestClient;

beforeAll(async () => {
  t = await startTestServer();
  const { teamId, admin } = await seedTeam(t.server);
  adminC = new TestClient(t.base, admin);
  agentC = new TestClient(t.base, await addMember(t.server, teamId, 'agent'));
});
afterAll(() => t.stop());

async function reply(id: string): Promise<TeamReply | undefined> {
  const { patch } = await adminC.pull(null);
  return patch.flatMap((p) => (p.op === 'put' && p.kind === 'reply' && p.value.id === id ? [p.value] : []))[0];
}

const draft = { id: 'reply-0001', title: 'Refund delay', body: 'Hi {name}, refunds take 5 days.', tags: ['billing'], crisisSafe: false };

describe('reply library', () => {
  it('an agent proposes a reply as a draft', async () => {
    const res = await agentC.push({ name: 'upsertReply', args: draft });
    expect(res.results[0]!.status).toBe('applied');
    expect(await reply(draft.id)).toMatchObject({ status: 'draft', authorId: agentC.member.memberId, approvedBy: null });
  });

  it('an agent cannot approve or retire', async () => {
    const res = await agentC.push({ name: 'approveReply', args: { id: draft.id } }, { name: 'retireReply', args: { id: draft.id } });
    for (const r of res.results) expect(r).toMatchObject({ status: 'rejected', reason: 'forbidden' });
    expect((await reply(draft.id))?.status).toBe('draft');
  });

  it('an admin approves; an edit by anyone returns it to draft for re-approval', async () => {
    expect((await adminC.push({ name: 'approveReply', args: { id: draft.id } })).results[0]!.status).toBe('applied');
    expect(await reply(draft.id)).toMatchObject({ status: 'approved', approvedBy: adminC.member.memberId });
    await agentC.push({ name: 'upsertReply', args: { ...draft, body: 'Hi {name}, refunds take 3 days.' } });
    expect(await reply(draft.id)).toMatchObject({ status: 'draft', approvedBy: null, body: 'Hi {name}, refunds take 3 days.' });
  });

  it('an admin retires; a retired reply can be neither edited nor approved', async () => {
    expect((await adminC.push({ name: 'retireReply', args: { id: draft.id } })).results[0]!.status).toBe('applied');
    const res = await adminC.push({ name: 'upsertReply', args: draft }, { name: 'approveReply', args: { id: draft.id } });
    for (const r of res.results) expect(r).toMatchObject({ status: 'rejected', reason: 'retired' });
    expect((await reply(draft.id))?.status).toBe('retired');
  });

  it('approving an unknown reply is not_found', async () => {
    const res = await adminC.push({ name: 'approveReply', args: { id: 'reply-none' } });
    expect(res.results[0]).toMatchObject({ status: 'rejected', reason: 'not_found' });
  });

  it('every library change is in the audit log', async () => {
    const rows = await t.server.database.db.selectFrom('audit').select(['action', 'actor']).where('target', '=', draft.id).orderBy('seq').execute();
    expect(rows.map((r) => r.action)).toEqual(['reply.create', 'reply.approve', 'reply.edit', 'reply.retire']);
  });

  it('oversized bodies and HTML-only fields are refused by the schema', async () => {
    const res = await adminC.pushRaw([adminC.envelope({ name: 'upsertReply', args: { ...draft, id: 'reply-0002', body: 'x'.repeat(5001) } }, 1)]);
    expect(res.status).toBe(400);
    const extra = await adminC.pushRaw([adminC.envelope({ name: 'upsertReply', args: { ...draft, id: 'reply-0003', html: '<b>x</b>' } as never }, 1)]);
    expect(extra.status).toBe(400);
  });
});
