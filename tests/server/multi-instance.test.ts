// @vitest-environment node
// Several instances on one PostgreSQL: a push to one pokes sockets held by another, presence
// crosses, and a revocation on one closes the member's socket on the other at once (through
// LISTEN/NOTIFY). SQLite is one process by design; there the same fan-out is checked within it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from '../../server/main.ts';
import { CLOSE_REVOKED } from '../../server/poke.ts';
import { addMember, ENGINE, http, seedTeam, startSecondInstance, startTestServer, TestClient, TestSocket, type MemberHandle, type TestServer } from './harness.ts';

let t: TestServer;
let other: { server: Server; base: string } | null = null;
let otherBase: string;
let teamId: string;
let admin: MemberHandle;

beforeAll(async () => {
  t = await startTestServer({ revocationSweepMs: 60_000 }); // only the bus may close sockets here
  if (ENGINE === 'postgres') other = await startSecondInstance(t);
  otherBase = other?.base ?? t.base;
  ({ teamId, admin } = await seedTeam(t.server));
});
afterAll(async () => {
  await other?.server.stop();
  await t.stop();
});

describe(`pokes across instances (${ENGINE})`, () => {
  it('a push on one instance pokes a socket on the other', async () => {
    const agent = await addMember(t.server, teamId, 'agent');
    const remote = await TestSocket.open(otherBase, agent);
    const local = await TestSocket.open(t.base, admin);
    const res = await new TestClient(t.base, admin).push({ name: 'setShift', args: { on: true } });
    expect(await remote.waitFor((m) => 'v' in m && m.v === res.version)).toEqual({ v: res.version });
    expect(await local.waitFor((m) => 'v' in m && m.v === res.version)).toEqual({ v: res.version });
    remote.close();
    local.close();
  });

  it('presence set on one instance reaches the other', async () => {
    const agent = await addMember(t.server, teamId, 'agent');
    const remote = await TestSocket.open(otherBase, agent);
    const local = await TestSocket.open(t.base, admin);
    local.send({ presence: { conversationKey: 'mi:1', state: 'viewing' } });
    await remote.waitFor((m) => 'presence' in m && m.presence.some((p) => p.conversationKey === 'mi:1' && p.memberId === admin.memberId));
    remote.close();
    local.close();
  });

  it('a revocation on one instance closes the socket on the other at once', async () => {
    const agent = await addMember(t.server, teamId, 'agent');
    const remote = await TestSocket.open(otherBase, agent);
    const res = await http(t.base, 'POST', `/v1/admin/members/${agent.memberId}/revoke`, { token: admin.token, body: {} });
    expect(res.status).toBe(200);
    expect(await remote.closed).toBe(CLOSE_REVOKED);
    expect((await http(otherBase, 'GET', '/v1/me', { token: agent.token })).status).toBe(401);
  });

  it('readyz reports the database and the bus', async () => {
    for (const base of [t.base, otherBase]) {
      const res = await http(base, 'GET', '/readyz');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ready: true });
      expect((await http(base, 'GET', '/healthz')).status).toBe(200);
    }
  });
});
