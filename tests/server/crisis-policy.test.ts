// @vitest-environment node
// Crisis mode and policy (reliability.md D9, E2): admin only, with a holding statement, and every
// connected client hears about it through one poke.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatchOp, TeamState } from '../../lib/queue/protocol.ts';
import { addMember, seedTeam, startTestServer, TestClient, TestSocket, type MemberHandle, type TestServer } from './harness.ts';

let t: TestServer;
let teamId: string;
let admin: MemberHandle;
let agent: MemberHandle;

beforeAll(async () => {
  t = await startTestServer();
  ({ teamId, admin } = await seedTeam(t.server));
  agent = await addMember(t.server, teamId, 'agent');
});
afterAll(() => t.stop());

const teamOf = (patch: PatchOp[]): TeamState | undefined =>
  patch.flatMap((p) => (p.op === 'put' && p.kind === 'team' ? [p.value] : []))[0];

const denials = () =>
  t.server.database.db.selectFrom('audit').select('target').where('action', '=', 'authz.denied').where('actor', '=', agent.memberId).execute();

describe('crisis mode', () => {
  it('an agent is refused and audited; nothing changes', async () => {
    const c = new TestClient(t.base, agent);
    const res = await c.push({ name: 'setCrisisMode', args: { on: true, holdingStatement: 'We are looking into it.' } });
    expect(res.results[0]).toMatchObject({ status: 'rejected', reason: 'forbidden' });
    expect((await denials()).map((d) => d.target)).toContain('setCrisisMode');
    expect(teamOf((await c.pull(null)).patch)?.crisis.on).toBe(false);
  });

  it('turning it on needs a holding statement (400)', async () => {
    const c = new TestClient(t.base, admin);
    const res = await c.pushRaw([c.envelope({ name: 'setCrisisMode', args: { on: true, holdingStatement: null } })]);
    expect(res.status).toBe(400);
  });

  it('an admin turns it on; every connected client is poked and pulls it', async () => {
    const watcherClient = new TestClient(t.base, agent);
    await watcherClient.pull(null);
    const sockets = await Promise.all([TestSocket.open(t.base, agent), TestSocket.open(t.base, admin)]);
    const res = await new TestClient(t.base, admin).push({
      name: 'setCrisisMode',
      args: { on: true, holdingStatement: 'We are aware of the outage and working on it.' },
    });
    expect(res.results[0]!.status).toBe('applied');
    for (const s of sockets) {
      const poke = await s.waitFor((m) => 'v' in m);
      expect(poke).toEqual({ v: res.version });
      s.close();
    }
    const team = teamOf((await watcherClient.pull()).patch);
    expect(team?.crisis).toMatchObject({ on: true, holdingStatement: 'We are aware of the outage and working on it.' });
    expect(team?.crisis.since).toBeTypeOf('number');
    const off = await new TestClient(t.base, admin).push({ name: 'setCrisisMode', args: { on: false, holdingStatement: null } });
    expect(off.results[0]!.status).toBe('applied');
    expect(teamOf((await watcherClient.pull()).patch)?.crisis).toEqual({ on: false, holdingStatement: null, since: null });
  });

  it('any member may flag a crisis signal on a conversation', async () => {
    const c = new TestClient(t.base, agent);
    const res = await c.push(
      { name: 'observe', args: { conversationKey: 'x:77', platform: 'x', lastInboundAt: null, awaitingReply: true } },
      { name: 'flagCrisisSignal', args: { conversationKey: 'x:77', kind: 'press' } },
    );
    expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const conv = (await c.pull(null)).patch.find((p) => p.op === 'put' && p.kind === 'conversation' && p.value.key === 'x:77');
    expect(conv).toMatchObject({ value: { crisisSignal: 'press' } });
  });
});

describe('policy', () => {
  const policy = {
    sla: {
      replyTargetMinutes: 60,
      firstResponseTargetMinutes: 15,
      warnAt: 0.5,
      perPlatform: { x: { replyTargetMinutes: 30 } },
      businessHours: {
        timeZone: 'Europe/Berlin',
        days: [[], [{ start: '09:00', end: '17:00' }], [{ start: '09:00', end: '17:00' }], [], [], [], []],
        holidays: ['2026-12-25'],
      },
    },
    brandAccounts: [{ platform: 'instagram' as const, handle: 'acme' }],
  };

  it('an agent is refused and audited', async () => {
    const res = await new TestClient(t.base, agent).push({ name: 'setPolicy', args: policy });
    expect(res.results[0]).toMatchObject({ status: 'rejected', reason: 'forbidden' });
    expect((await denials()).map((d) => d.target)).toContain('setPolicy');
  });

  it('an admin sets SLA, business hours and brand accounts; clients pull them', async () => {
    const c = new TestClient(t.base, admin);
    expect((await c.push({ name: 'setPolicy', args: policy })).results[0]!.status).toBe('applied');
    expect(teamOf((await c.pull(null)).patch)?.policy).toEqual(policy);
  });

  it('an invalid policy is 400 (bad zone, bad clock time, unknown field)', async () => {
    const c = new TestClient(t.base, admin);
    for (const bad of [
      { ...policy, sla: { ...policy.sla, businessHours: { ...policy.sla.businessHours, timeZone: 'Mars/Olympus' } } },
      { ...policy, sla: { ...policy.sla, businessHours: { ...policy.sla.businessHours, days: [[{ start: '25:00', end: '26:00' }], [], [], [], [], [], []] } } },
      { ...policy, secret: 1 },
    ]) {
      const res = await c.pushRaw([c.envelope({ name: 'setPolicy', args: bad as never }, 1)]);
      expect(res.status).toBe(400);
    }
  });
});
