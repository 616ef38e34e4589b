// @vitest-environment node
// Tenant isolation (reliability.md E1): team A's credentials with team B's ids, over every
// endpoint and every mutation. Each answer is a 404 or a rejection (or acts on A's own data),
// B's rows are unchanged, and no answer carries anything of B's.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation } from '../../lib/queue/mutations.ts';
import type { PushResponse } from '../../lib/queue/protocol.ts';
import { addMember, http, observe, seedTeam, sleep, startTestServer, TestClient, TestSocket, type MemberHandle, type TestServer } from './harness.ts';

let t: TestServer;
let a: { teamId: string; admin: MemberHandle; agent: MemberHandle };
let b: { teamId: string; admin: MemberHandle; agent: MemberHandle; client: TestClient; cursor: string };
let bSecrets: string[];

async function snapshotB() {
  const { db } = t.server.database;
  const id = b.teamId;
  return JSON.stringify(
    await Promise.all([
      db.selectFrom('teams').selectAll().where('id', '=', id).execute(),
      db.selectFrom('members').selectAll().where('team_id', '=', id).orderBy('id').execute(),
      db.selectFrom('conversations').selectAll().where('team_id', '=', id).orderBy('key').execute(),
      db.selectFrom('replies').selectAll().where('team_id', '=', id).orderBy('id').execute(),
      db.selectFrom('clients').selectAll().where('team_id', '=', id).orderBy('id').execute(),
      db.selectFrom('audit').selectAll().where('team_id', '=', id).orderBy('seq').execute(),
      db.selectFrom('tokens').selectAll().where('team_id', '=', id).orderBy('hash').execute(),
    ]),
  );
}

beforeAll(async () => {
  t = await startTestServer();
  const ta = await seedTeam(t.server, 'Alpha');
  a = { ...ta, agent: await addMember(t.server, ta.teamId, 'agent', 'Alpha agent') };
  const tb = await seedTeam(t.server, 'Bravo-Secret-Name');
  const client = new TestClient(t.base, tb.admin);
  await client.push(observe('b:1'), { name: 'claim', args: { conversationKey: 'b:1' } });
  await client.push({ name: 'upsertReply', args: { id: 'reply-b001', title: 'Bravo title', body: 'BRAVO-SECRET-BODY', tags: [], crisisSafe: false } });
  await client.push({ name: 'setCrisisMode', args: { on: true, holdingStatement: 'BRAVO-SECRET-STATEMENT' } });
  const { cursor } = await client.pull(null);
  b = { ...tb, agent: await addMember(t.server, tb.teamId, 'agent', 'Bravo agent'), client, cursor };
  bSecrets = [b.teamId, b.admin.memberId, b.agent.memberId, 'Bravo-Secret-Name', 'BRAVO-SECRET-BODY', 'BRAVO-SECRET-STATEMENT', cursor.split('.')[0]!];
  // (B's client id is not in the list: it is the caller's own input, which the push echoes.)
});
afterAll(() => t.stop());

function expectNoB(text: string) {
  for (const s of bSecrets) expect(text, `leaked ${s}`).not.toContain(s);
}

type M = { name: Mutation['name']; args: unknown };
const mutations: [string, M, string | null][] = [
  ['claim B conversation', { name: 'claim', args: { conversationKey: 'b:1' } }, 'not_found'],
  ['renew B claim', { name: 'renew', args: { conversationKey: 'b:1', epoch: 1 } }, 'not_found'],
  ['release B claim', { name: 'release', args: { conversationKey: 'b:1', epoch: 1 } }, 'not_found'],
  ['markReplied B', { name: 'markReplied', args: { conversationKey: 'b:1', epoch: 1 } }, 'not_found'],
  ['snooze B', { name: 'snooze', args: { conversationKey: 'b:1', epoch: null, minutes: 5 } }, 'not_found'],
  ['handoff B', { name: 'handoff', args: { conversationKey: 'b:1', epoch: 1, to: null, note: '' } }, 'not_found'],
  ['flag B', { name: 'flagCrisisSignal', args: { conversationKey: 'b:1', kind: 'other' } }, 'not_found'],
  ['approve B reply', { name: 'approveReply', args: { id: 'reply-b001' } }, 'not_found'],
  ['retire B reply', { name: 'retireReply', args: { id: 'reply-b001' } }, 'not_found'],
  // These act on A's own namespace (a key or reply id is per team), never on B's rows.
  ['observe B key', observe('b:1') as M, null],
  ['upsert B reply id', { name: 'upsertReply', args: { id: 'reply-b001', title: 'a', body: 'a', tags: [], crisisSafe: false } }, null],
  ['crisis mode', { name: 'setCrisisMode', args: { on: false, holdingStatement: null } }, null],
  ['policy', { name: 'setPolicy', args: { sla: {}, brandAccounts: [] } }, null],
  ['shift', { name: 'setShift', args: { on: true } }, null],
];

describe('tenant isolation', () => {
  it.each(mutations)('mutation: %s', async (_label, m, reason) => {
    const before = await snapshotB();
    const c = new TestClient(t.base, a.admin);
    const res = await c.pushRaw([c.envelope(m as never)]);
    expect(res.status).toBe(200);
    const result = (res.body as PushResponse).results[0]!;
    if (reason) expect(result).toMatchObject({ status: 'rejected', reason });
    else expect(result.status).toBe('applied');
    expectNoB(res.text);
    expectNoB(JSON.stringify(await c.pull(null)));
    expect(await snapshotB()).toBe(before);
  });

  it('hand-off of an own conversation to a B member is refused', async () => {
    const before = await snapshotB();
    const c = new TestClient(t.base, a.admin);
    await c.push(observe('a:1'));
    const epoch = (await c.push({ name: 'claim', args: { conversationKey: 'a:1' } })).results[0]!.claim!.epoch;
    const res = await c.push({ name: 'handoff', args: { conversationKey: 'a:1', epoch, to: b.agent.memberId, note: '' } });
    expect(res.results[0]).toMatchObject({ status: 'rejected', reason: 'invalid_target' });
    expect(await snapshotB()).toBe(before);
  });

  const endpoints: [string, string, string, (() => unknown) | null, number[]][] = [
    ['revoke B member', 'POST', '/v1/admin/members/:bAgent/revoke', () => ({}), [404]],
    ['promote B member', 'POST', '/v1/admin/members/:bAgent/role', () => ({ role: 'admin' }), [404]],
    ['members list', 'GET', '/v1/admin/members', null, [200]],
    ['audit JSON', 'GET', '/v1/admin/audit', null, [200]],
    ['audit CSV', 'GET', '/v1/admin/audit?format=csv', null, [200]],
    ['pull with B cursor and group', 'POST', '/v1/pull', () => ({ clientGroupId: b.client.clientGroupId, cursor: b.cursor }), [200]],
    ['push with B client id and group', 'POST', '/v1/push', () => ({ clientGroupId: b.client.clientGroupId, mutations: [{ clientId: b.client.clientId, id: 2, name: 'setShift', args: { on: false } }] }), [200]],
    ['me', 'GET', '/v1/me', null, [200]],
    ['ws ticket', 'POST', '/v1/ws-ticket', null, [200]],
    ['invite', 'POST', '/v1/admin/invites', () => ({ role: 'agent' }), [200]],
  ];

  it.each(endpoints)('endpoint: %s', async (_label, method, route, body, statuses) => {
    const before = await snapshotB();
    const res = await http(t.base, method, route.replace(':bAgent', b.agent.memberId), { token: a.admin.token, body: body?.() });
    expect(statuses).toContain(res.status);
    expectNoB(res.text);
    expect(await snapshotB()).toBe(before);
    expect((await http(t.base, 'GET', '/v1/me', { token: b.agent.token })).status).toBe(200);
  });

  it("A's socket never hears B's pokes", async () => {
    const s = await TestSocket.open(t.base, a.agent);
    await b.client.push({ name: 'setShift', args: { on: true } });
    await sleep(300);
    expect(s.messages.filter((m) => 'v' in m)).toEqual([]);
    s.close();
  });

  it('random ids and keys from A never reach B (property)', async () => {
    const key = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9:_.-]{0,30}$/);
    const id = fc.stringMatching(/^[A-Za-z0-9_-]{8,20}$/);
    const mutation = fc.oneof(
      key.map((k) => ({ name: 'claim', args: { conversationKey: k } })),
      fc.tuple(key, fc.integer({ min: 1, max: 5 })).map(([k, e]) => ({ name: 'release', args: { conversationKey: k, epoch: e } })),
      fc.tuple(key, id).map(([k, to]) => ({ name: 'handoff', args: { conversationKey: k, epoch: 1, to, note: '' } })),
      id.map((i) => ({ name: 'approveReply', args: { id: i } })),
      id.map((i) => ({ name: 'retireReply', args: { id: i } })),
    );
    const before = await snapshotB();
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 5 }), async (ms) => {
        const c = new TestClient(t.base, a.admin);
        const res = await c.pushRaw(ms.map((m) => c.envelope(m as never)));
        expect(res.status).toBe(200);
        expectNoB(res.text);
      }),
      { numRuns: 25, seed: 7 },
    );
    expect(await snapshotB()).toBe(before);
  });
});
