// @vitest-environment node
// Pull (reliability.md D4, D5): incremental patches by cursor, reset on a null, malformed,
// future or foreign cursor, deletes as tombstones, and mutation ids only for the caller's group.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullResponseSchema, type PatchOp } from '../../lib/queue/protocol.ts';
import { addMember, http, observe, seedTeam, startTestServer, TestClient, type MemberHandle, type TestServer } from './harness.ts';

let t: TestServer;
let teamId: string;
let admin: MemberHandle;

beforeAll(async () => {
  t = await startTestServer();
  ({ teamId, admin } = await seedTeam(t.server));
});
afterAll(() => t.stop());

const convKeys = (patch: PatchOp[]) =>
  patch.flatMap((p) => (p.op === 'put' && p.kind === 'conversation' ? [p.value.key] : [])).sort();

describe('pull', () => {
  it('a null cursor resets with a full snapshot that parses with the shared schema', async () => {
    const c = new TestClient(t.base, admin);
    await c.push(observe('p:1'), observe('p:2'));
    const res = await c.pull(null);
    expect(() => PullResponseSchema.parse(res)).not.toThrow();
    expect(res.reset).toBe(true);
    expect(convKeys(res.patch)).toEqual(['p:1', 'p:2']);
    expect(res.patch.some((p) => p.op === 'put' && p.kind === 'team')).toBe(true);
    expect(res.lastMutationIdChanges).toEqual({ [c.clientId]: 2 });
    expect(Math.abs(res.serverTime - Date.now())).toBeLessThan(60_000);
  });

  it('a cursor returns only what changed since, and nothing when nothing did', async () => {
    const c = new TestClient(t.base, admin);
    await c.pull(null);
    const empty = await c.pull();
    expect(empty.reset).toBe(false);
    expect(empty.patch).toEqual([]);
    expect(empty.lastMutationIdChanges).toEqual({});
    const other = new TestClient(t.base, admin);
    await other.push(observe('p:3'), { name: 'claim', args: { conversationKey: 'p:1' } });
    const inc = await c.pull();
    expect(inc.reset).toBe(false);
    expect(convKeys(inc.patch)).toEqual(['p:1', 'p:3']);
    // Another client group's mutation ids are not ours to see.
    expect(inc.lastMutationIdChanges).toEqual({});
    const claimed = inc.patch.find((p) => p.op === 'put' && p.kind === 'conversation' && p.value.key === 'p:1');
    expect(claimed).toMatchObject({ value: { claim: { holder: admin.memberId, epoch: 1 } } });
  });

  it('observing again changes a conversation only when its time or status really changed', async () => {
    const c = new TestClient(t.base, admin);
    const seen = (at: number | null, awaitingReply: boolean) =>
      ({ name: 'observe', args: { conversationKey: 'obs:1', platform: 'x', lastInboundAt: at, awaitingReply } }) as const;
    const conv = (patch: PatchOp[]) => patch.flatMap((p) => (p.op === 'put' && p.kind === 'conversation' && p.value.key === 'obs:1' ? [p.value] : []));
    await c.push(seen(1000, true));
    const first = conv((await c.pull(null)).patch)[0]!;
    expect(first).toMatchObject({ lastInboundAt: 1000, status: 'open' });
    await c.push(seen(1000, true), seen(500, true), seen(null, true));
    expect(conv((await c.pull()).patch)).toEqual([]);
    await c.push(seen(2000, true));
    expect(conv((await c.pull()).patch)).toEqual([{ ...first, lastInboundAt: 2000 }]);
    await c.push(seen(2000, false));
    expect(conv((await c.pull()).patch)[0]).toMatchObject({ lastInboundAt: 2000, status: 'replied', firstSeenAt: first.firstSeenAt });
    await c.push({ name: 'snooze', args: { conversationKey: 'obs:1', epoch: null, minutes: 5 } }, seen(3000, true));
    expect(conv((await c.pull()).patch)[0]).toMatchObject({ lastInboundAt: 3000, status: 'snoozed' });
  });

  it('a future, malformed or foreign cursor resets', async () => {
    const c = new TestClient(t.base, admin);
    const { cursor } = await c.pull(null);
    const [ns, v] = cursor.split('.');
    for (const bad of [`${ns}.${Number(v) + 1000}`, 'garbage', `${ns}.-1`, `00000000.${v}`, `${ns}.1.2`]) {
      const res = await c.pull(bad);
      expect(res.reset, bad).toBe(true);
      expect(convKeys(res.patch).length).toBeGreaterThan(0);
    }
    // Another team's valid cursor is unknown here.
    const other = await seedTeam(t.server, 'Other');
    const theirs = await new TestClient(t.base, other.admin).pull(null);
    const res = await c.pull(theirs.cursor);
    expect(res.reset).toBe(true);
    expect(JSON.stringify(res)).not.toContain(other.teamId);
  });

  it('deletes arrive as tombstones after the cursor and are absent from a reset', async () => {
    const c = new TestClient(t.base, admin);
    const agent = await addMember(t.server, teamId, 'agent', 'Leaving');
    await c.pull(null);
    const res = await http(t.base, 'POST', `/v1/admin/members/${agent.memberId}/revoke`, { token: admin.token, body: {} });
    expect(res.status).toBe(200);
    const inc = await c.pull();
    expect(inc.patch).toContainEqual({ op: 'del', kind: 'member', id: agent.memberId });
    const reset = await c.pull(null);
    expect(JSON.stringify(reset.patch)).not.toContain(agent.memberId);
  });

  it('a body with unknown fields or a bad cursor type is 400', async () => {
    const bad = await http(t.base, 'POST', '/v1/pull', { token: admin.token, body: { clientGroupId: 'group0001', cursor: 5 } });
    expect(bad.status).toBe(400);
    const extra = await http(t.base, 'POST', '/v1/pull', { token: admin.token, body: { clientGroupId: 'group0001', cursor: null, teamId } });
    expect(extra.status).toBe(400);
  });
});
