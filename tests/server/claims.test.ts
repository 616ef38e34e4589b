// @vitest-environment node
// Claims as leases with a fencing epoch (reliability.md D6, D7, D9): expiry judged by the
// database clock, stale holders fenced off, hand-off atomic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conversation } from '../../lib/queue/protocol.ts';
import { addMember, observe, seedTeam, sleep, startTestServer, TestClient, type MemberHandle, type TestServer } from './harness.ts';

const LEASE_MS = 1500;
let t: TestServer;
let teamId: string;
let a: TestClient;
let b: TestClient;
let c: TestClient;
let admin: MemberHandle;

beforeAll(async () => {
  t = await startTestServer({ leaseMs: LEASE_MS });
  ({ teamId, admin } = await seedTeam(t.server));
  a = new TestClient(t.base, await addMember(t.server, teamId, 'agent', 'A'));
  b = new TestClient(t.base, await addMember(t.server, teamId, 'agent', 'B'));
  c = new TestClient(t.base, await addMember(t.server, teamId, 'agent', 'C'));
});
afterAll(() => t.stop());

async function conversation(key: string): Promise<Conversation> {
  const res = await new TestClient(t.base, admin).pull(null);
  const op = res.patch.find((p) => p.op === 'put' && p.kind === 'conversation' && p.value.key === key);
  if (!op || op.op !== 'put' || op.kind !== 'conversation') throw new Error(`no ${key}`);
  return op.value;
}

describe('claims', () => {
  it('a live lease keeps others out; after it expires by the database clock another may claim', async () => {
    await a.push(observe('c:1'));
    const won = await a.push({ name: 'claim', args: { conversationKey: 'c:1' } });
    expect(won.results[0]).toMatchObject({ status: 'applied', claim: { epoch: 1 } });
    const { leaseUntil } = won.results[0]!.claim!;
    const { serverTime } = await a.pull(null);
    expect(leaseUntil - serverTime).toBeGreaterThan(0);
    expect(leaseUntil - serverTime).toBeLessThanOrEqual(LEASE_MS);

    const lost = await b.push({ name: 'claim', args: { conversationKey: 'c:1' } });
    expect(lost.results[0]).toMatchObject({ status: 'rejected', reason: 'already_claimed', holder: a.member.memberId });

    await sleep(LEASE_MS + 150);
    const taken = await b.push({ name: 'claim', args: { conversationKey: 'c:1' } });
    expect(taken.results[0]).toMatchObject({ status: 'applied', claim: { epoch: 2 } });
    expect((await conversation('c:1')).claim).toMatchObject({ holder: b.member.memberId, epoch: 2 });
  });

  it('the stale holder can neither release, renew, hand off nor mark replied over the new claim', async () => {
    // Continues c:1: A held epoch 1, B now holds epoch 2.
    const stale = await a.push(
      { name: 'markReplied', args: { conversationKey: 'c:1', epoch: 1 } },
      { name: 'release', args: { conversationKey: 'c:1', epoch: 1 } },
      { name: 'renew', args: { conversationKey: 'c:1', epoch: 1 } },
      { name: 'handoff', args: { conversationKey: 'c:1', epoch: 1, to: null, note: 'bye' } },
      { name: 'snooze', args: { conversationKey: 'c:1', epoch: 1, minutes: 30 } },
    );
    for (const r of stale.results) expect(r).toMatchObject({ status: 'rejected', reason: 'stale_epoch' });
    // Guessing the current epoch does not help a non-holder either.
    const guess = await a.push({ name: 'renew', args: { conversationKey: 'c:1', epoch: 2 } });
    expect(guess.results[0]).toMatchObject({ status: 'rejected', reason: 'not_holder' });
    const conv = await conversation('c:1');
    expect(conv.claim).toMatchObject({ holder: b.member.memberId, epoch: 2 });
    expect(conv.status).toBe('open');
  });

  it('the holder renews, and marks replied with its epoch', async () => {
    const renewed = await b.push({ name: 'renew', args: { conversationKey: 'c:1', epoch: 2 } });
    expect(renewed.results[0]).toMatchObject({ status: 'applied', claim: { epoch: 2 } });
    const done = await b.push({ name: 'markReplied', args: { conversationKey: 'c:1', epoch: 2 } });
    expect(done.results[0]!.status).toBe('applied');
    const conv = await conversation('c:1');
    expect(conv.claim).toBeNull();
    expect(conv.status).toBe('replied');
  });

  it('hand-off to a member moves the claim in one step; a concurrent third claimer loses', async () => {
    await a.push(observe('c:2'));
    const { results } = await a.push({ name: 'claim', args: { conversationKey: 'c:2' } });
    const epoch = results[0]!.claim!.epoch;
    await sleep(LEASE_MS + 100); // A's lease has run out, so the conversation would be free…
    const [handed, grabbed] = await Promise.all([
      a.push({ name: 'handoff', args: { conversationKey: 'c:2', epoch, to: b.member.memberId, note: 'needs refund approval' } }),
      c.push({ name: 'claim', args: { conversationKey: 'c:2' } }),
    ]);
    const conv = await conversation('c:2');
    // …yet exactly one of the two won, and the row shows the winner whole.
    if (handed.results[0]!.status === 'applied') {
      expect(grabbed.results[0]).toMatchObject({ status: 'rejected', reason: 'already_claimed', holder: b.member.memberId });
      expect(conv.claim).toMatchObject({ holder: b.member.memberId, epoch: epoch + 1 });
      expect(conv.handoff).toEqual({ from: a.member.memberId, note: 'needs refund approval' });
    } else {
      expect(handed.results[0]).toMatchObject({ status: 'rejected', reason: 'stale_epoch' });
      expect(grabbed.results[0]!.status).toBe('applied');
      expect(conv.claim).toMatchObject({ holder: c.member.memberId, epoch: epoch + 1 });
      expect(conv.handoff).toBeNull();
    }
  });

  it('hand-off back to the queue frees it with the note; to a stranger or to oneself is refused', async () => {
    await a.push(observe('c:3'));
    const epoch = (await a.push({ name: 'claim', args: { conversationKey: 'c:3' } })).results[0]!.claim!.epoch;
    const other = await seedTeam(t.server, 'Elsewhere');
    const bad = await a.push(
      { name: 'handoff', args: { conversationKey: 'c:3', epoch, to: other.admin.memberId, note: '' } },
      { name: 'handoff', args: { conversationKey: 'c:3', epoch, to: a.member.memberId, note: '' } },
    );
    for (const r of bad.results) expect(r).toMatchObject({ status: 'rejected', reason: 'invalid_target' });
    const back = await a.push({ name: 'handoff', args: { conversationKey: 'c:3', epoch, to: null, note: 'end of shift' } });
    expect(back.results[0]!.status).toBe('applied');
    const conv = await conversation('c:3');
    expect(conv.claim).toBeNull();
    expect(conv.handoff).toEqual({ from: a.member.memberId, note: 'end of shift' });
    const next = await b.push({ name: 'claim', args: { conversationKey: 'c:3' } });
    expect(next.results[0]).toMatchObject({ status: 'applied', claim: { epoch: epoch + 1 } });
  });

  it('snooze: free conversations and the holder may snooze; others may not while a lease lives', async () => {
    await a.push(observe('c:4'));
    const epoch = (await a.push({ name: 'claim', args: { conversationKey: 'c:4' } })).results[0]!.claim!.epoch;
    const other = await b.push({ name: 'snooze', args: { conversationKey: 'c:4', epoch: null, minutes: 10 } });
    expect(other.results[0]).toMatchObject({ status: 'rejected', reason: 'already_claimed' });
    const own = await a.push({ name: 'snooze', args: { conversationKey: 'c:4', epoch, minutes: 10 } });
    expect(own.results[0]!.status).toBe('applied');
    const conv = await conversation('c:4');
    expect(conv.status).toBe('snoozed');
    expect(conv.claim).toBeNull();
    const { serverTime } = await a.pull(null);
    expect(conv.snoozedUntil! - serverTime).toBeGreaterThan(9 * 60_000);
  });
});
