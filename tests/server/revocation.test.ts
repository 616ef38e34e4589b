// @vitest-environment node
// Revocation takes effect at once (reliability.md E4): socket closed within 5 s, next request
// 401, claims released to the queue with audit rows, queued mutations refused — whether the
// admin revokes through the API or through the CLI's store call from another process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_REVOKED } from '../../server/poke.ts';
import { revokeMember } from '../../server/store/teams.ts';
import { addMember, http, observe, seedTeam, startTestServer, TestClient, TestSocket, type MemberHandle, type TestServer } from './harness.ts';

let t: TestServer;
let teamId: string;
let admin: MemberHandle;

beforeAll(async () => {
  t = await startTestServer({ revocationSweepMs: 500 });
  ({ teamId, admin } = await seedTeam(t.server));
});
afterAll(() => t.stop());

async function holderOf(key: string) {
  const { patch } = await new TestClient(t.base, admin).pull(null);
  const op = patch.find((p) => p.op === 'put' && p.kind === 'conversation' && p.value.key === key);
  return op && op.op === 'put' && op.kind === 'conversation' ? op.value.claim : undefined;
}

async function revokeScenario(revoke: (m: MemberHandle) => Promise<void>) {
  const m = await addMember(t.server, teamId, 'agent', 'Leaver');
  const client = new TestClient(t.base, m);
  const key = `rv:${m.memberId.slice(0, 8)}`;
  await client.push(observe(key), { name: 'claim', args: { conversationKey: key } });
  expect((await holderOf(key))?.holder).toBe(m.memberId);
  const socket = await TestSocket.open(t.base, m);
  const queued = client.envelope({ name: 'release', args: { conversationKey: key, epoch: 1 } });

  const started = Date.now();
  await revoke(m);
  expect(await socket.closed).toBe(CLOSE_REVOKED);
  expect(Date.now() - started).toBeLessThan(5000);

  expect((await http(t.base, 'GET', '/v1/me', { token: m.token })).status).toBe(401);
  expect((await client.pushRaw([queued])).status).toBe(401);
  // Push lets a token in on its remembered identity and re-checks it in the transaction; once
  // found dead there it is forgotten, and refused at the door from then on.
  expect((await client.pushRaw([queued])).status).toBe(401);
  expect((await http(t.base, 'POST', '/v1/pull', { token: m.token, body: { clientGroupId: client.clientGroupId, cursor: null } })).status).toBe(401);
  expect((await http(t.base, 'POST', '/v1/ws-ticket', { token: m.token })).status).toBe(401);

  const claim = await holderOf(key);
  expect(claim).toBeNull();
  const audit = await t.server.database.db.selectFrom('audit').select(['action', 'target', 'detail']).where('team_id', '=', teamId).execute();
  expect(audit).toContainEqual(expect.objectContaining({ action: 'member.revoke', target: m.memberId }));
  expect(audit).toContainEqual(expect.objectContaining({ action: 'claim.release', target: key }));
  // The released conversation is free for the team at once.
  const next = await new TestClient(t.base, admin).push({ name: 'claim', args: { conversationKey: key } });
  expect(next.results[0]!.status).toBe('applied');
  expect(next.results[0]!.claim!.epoch).toBeGreaterThan(1);
  return m;
}

describe('revocation', () => {
  it('through the admin API', async () => {
    await revokeScenario(async (m) => {
      const res = await http(t.base, 'POST', `/v1/admin/members/${m.memberId}/revoke`, { token: admin.token, body: {} });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ releasedClaims: 1 });
    });
  });

  it('from outside the server process (the CLI writes the database; the sweep closes sockets)', async () => {
    await revokeScenario(async (m) => {
      const done = await revokeMember(t.server.database.db, t.server.database.nowMs, { teamId, memberId: m.memberId, actor: 'cli' });
      expect(done?.released).toHaveLength(1);
    });
  });

  it('revoking twice or a member of another team is 404', async () => {
    const m = await addMember(t.server, teamId, 'agent');
    expect((await http(t.base, 'POST', `/v1/admin/members/${m.memberId}/revoke`, { token: admin.token, body: {} })).status).toBe(200);
    expect((await http(t.base, 'POST', `/v1/admin/members/${m.memberId}/revoke`, { token: admin.token, body: {} })).status).toBe(404);
    const other = await seedTeam(t.server, 'Other');
    expect((await http(t.base, 'POST', `/v1/admin/members/${other.admin.memberId}/revoke`, { token: admin.token, body: {} })).status).toBe(404);
    expect((await http(t.base, 'GET', '/v1/me', { token: other.admin.token })).status).toBe(200);
  });
});
