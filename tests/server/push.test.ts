// @vitest-environment node
// Push idempotency (reliability.md D1–D3): duplicates, concurrent duplicates, gaps, poison
// mutations, foreign clients, and strict schemas refusing customer text.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushResponse } from '../../lib/queue/protocol.ts';
import { addMember, observe, seedTeam, startTestServer, TestClient, type MemberHandle, type TestServer } from './harness.ts';

let t: TestServer;
let teamId: string;
let admin: MemberHandle;

beforeAll(async () => {
  t = await startTestServer();
  ({ teamId, admin } = await seedTeam(t.server));
});
afterAll(() => t.stop());

const claimAudits = (key: string) =>
  t.server.database.db.selectFrom('audit').select('seq').where('action', '=', 'claim').where('target', '=', key).execute();

async function lastMutationId(c: TestClient) {
  return (await c.pull(null)).lastMutationIdChanges[c.clientId];
}

describe('push', () => {
  it('a duplicate sent again later is skipped with no effect', async () => {
    const c = new TestClient(t.base, admin);
    const batch = [c.envelope(observe('dup:1')), c.envelope({ name: 'claim', args: { conversationKey: 'dup:1' } })];
    const first = await c.pushRaw(batch);
    expect((first.body as PushResponse).results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const second = await c.pushRaw(batch);
    expect(second.status).toBe(200);
    expect((second.body as PushResponse).results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect((second.body as PushResponse).version).toBe((first.body as PushResponse).version);
    expect(await claimAudits('dup:1')).toHaveLength(1);
    expect(await lastMutationId(c)).toBe(2);
  });

  it('the same push sent concurrently is applied exactly once', async () => {
    const c = new TestClient(t.base, admin);
    await c.push(observe('dup:2'));
    const batch = [c.envelope({ name: 'claim', args: { conversationKey: 'dup:2' } })];
    const responses = await Promise.all(Array.from({ length: 6 }, () => c.pushRaw(batch)));
    const statuses = responses.map((r) => (r.body as PushResponse).results[0]!.status).sort();
    expect(statuses).toEqual(['applied', 'duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect(await claimAudits('dup:2')).toHaveLength(1);
    expect(await lastMutationId(c)).toBe(2);
  });

  it('a gap stops the batch: 3 before 2 waits, then [2, 3] applies in order', async () => {
    const c = new TestClient(t.base, admin);
    await c.push(observe('gap:1'));
    const m2 = c.envelope({ name: 'claim', args: { conversationKey: 'gap:1' } });
    const m3 = c.envelope({ name: 'setShift', args: { on: true } });
    const early = await c.pushRaw([m3]);
    expect((early.body as PushResponse).results).toEqual([{ clientId: c.clientId, id: 3, status: 'future' }]);
    expect(await claimAudits('gap:1')).toHaveLength(0);
    expect(await lastMutationId(c)).toBe(1);
    const mixed = await c.pushRaw([m2, { ...m3, id: 5 }]);
    expect((mixed.body as PushResponse).results.map((r) => r.status)).toEqual(['applied', 'future']);
    const rest = await c.pushRaw([m2, m3]);
    expect((rest.body as PushResponse).results.map((r) => r.status)).toEqual(['duplicate', 'applied']);
    expect(await lastMutationId(c)).toBe(3);
  });

  it('a poison mutation is rejected, recorded, and the next one still applies', async () => {
    const c = new TestClient(t.base, admin);
    const res = await c.push(
      { name: 'claim', args: { conversationKey: 'never:seen' } },
      observe('after:poison'),
      { name: 'release', args: { conversationKey: 'after:poison', epoch: 9 } },
      { name: 'setShift', args: { on: true } },
    );
    expect(res.results.map((r) => [r.status, r.reason])).toEqual([
      ['rejected', 'not_found'],
      ['applied', undefined],
      ['rejected', 'stale_epoch'],
      ['applied', undefined],
    ]);
    expect(await lastMutationId(c)).toBe(4);
    // The rejected ones are never retried: sending them again is a duplicate.
    const again = await c.pushRaw([c.envelope({ name: 'claim', args: { conversationKey: 'never:seen' } }, 1)]);
    expect((again.body as PushResponse).results[0]!.status).toBe('duplicate');
  });

  it('a mutation that fails unexpectedly is rejected as error alone; its batch and concurrent pushes apply', async () => {
    // A database trigger makes inserting one key fail, as a bug or a constraint would.
    const { db, engine } = t.server.database;
    if (engine === 'postgres') {
      await sql`CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'boom'; END $$`.execute(db);
      await sql`CREATE TRIGGER boom BEFORE INSERT ON conversations FOR EACH ROW WHEN (NEW.key = 'boom:1') EXECUTE FUNCTION boom()`.execute(db);
    } else {
      await sql`CREATE TRIGGER boom BEFORE INSERT ON conversations WHEN NEW.key = 'boom:1' BEGIN SELECT RAISE(ABORT, 'boom'); END`.execute(db);
    }
    const c = new TestClient(t.base, admin);
    const others = Array.from({ length: 5 }, () => new TestClient(t.base, admin));
    const [res, ...rest] = await Promise.all([
      c.push(observe('boom:0'), observe('boom:1'), observe('boom:2')),
      ...others.map((o, i) => o.push(observe(`boom:other:${i}`))),
    ]);
    expect(res!.results.map((r) => [r.status, r.reason])).toEqual([
      ['applied', undefined],
      ['rejected', 'error'],
      ['applied', undefined],
    ]);
    for (const r of rest) expect(r.results[0]!.status).toBe('applied');
    const keys = (await c.pull(null)).patch.flatMap((p) => (p.op === 'put' && p.kind === 'conversation' ? [p.value.key] : []));
    expect(keys).toEqual(expect.arrayContaining(['boom:0', 'boom:2', 'boom:other:0', 'boom:other:4']));
    expect(keys).not.toContain('boom:1');
    expect(await lastMutationId(c)).toBe(3);
  });

  it('observations written together keep their order around other mutations and across concurrent pushes', async () => {
    // The server writes runs of observations in one statement; a repeated key or any other
    // mutation must still see them applied one by one, in order.
    const seen = (key: string, at: number, awaitingReply: boolean) =>
      ({ name: 'observe', args: { conversationKey: key, platform: 'x', lastInboundAt: at, awaitingReply } }) as const;
    const c = new TestClient(t.base, admin);
    const res = await c.push(
      seen('run:1', 2000, true),
      seen('run:2', 1000, true),
      seen('run:1', 1000, false),
      { name: 'claim', args: { conversationKey: 'run:1' } },
      { name: 'snooze', args: { conversationKey: 'run:2', epoch: null, minutes: 5 } },
      seen('run:2', 3000, true),
      seen('run:1', 3000, true),
    );
    expect(res.results.map((r) => r.status)).toEqual(Array(7).fill('applied'));
    const others = Array.from({ length: 8 }, () => new TestClient(t.base, admin));
    const concurrent = await Promise.all(others.map((o, i) => o.push(seen('run:3', 5000 + i, i % 2 === 0), seen(`run:own:${i}`, 1, true))));
    for (const r of concurrent) expect(r.results.map((x) => x.status)).toEqual(['applied', 'applied']);
    const convs = new Map((await c.pull(null)).patch.flatMap((p) => (p.op === 'put' && p.kind === 'conversation' ? [[p.value.key, p.value]] : [])));
    expect(convs.get('run:1')).toMatchObject({ lastInboundAt: 3000, status: 'open', claim: { holder: admin.memberId, epoch: 1 } });
    expect(convs.get('run:2')).toMatchObject({ lastInboundAt: 3000, status: 'snoozed' });
    expect(convs.get('run:3')?.lastInboundAt).toBe(5007);
    for (let i = 0; i < 8; i++) expect(convs.has(`run:own:${i}`)).toBe(true);
  });

  it("a client registered to another member is refused with 403 and changes nothing", async () => {
    const other = await addMember(t.server, teamId, 'agent');
    const mine = new TestClient(t.base, admin);
    await mine.push(observe('own:1'));
    const theirs = new TestClient(t.base, other);
    const res = await theirs.pushRaw([{ ...mine.envelope(observe('own:2')), clientId: mine.clientId }]);
    expect(res.status).toBe(403);
    const sameGroupOtherMember = await http403(other, mine);
    expect(sameGroupOtherMember).toBe(403);
    expect((await mine.pull(null)).patch.some((p) => p.op === 'put' && p.kind === 'conversation' && p.value.key === 'own:2')).toBe(false);
  });

  it('customer text is refused by the schema: 400 and nothing applied', async () => {
    const c = new TestClient(t.base, admin);
    const res = await c.pushRaw([
      c.envelope(observe('strict:1')),
      {
        clientId: c.clientId,
        id: 2,
        name: 'observe',
        args: { ...observe('strict:2').args, messageText: 'my order never came', customerName: 'Jane Roe' },
      } as never,
    ]);
    expect(res.status).toBe(400);
    expect(await lastMutationId(c)).toBeUndefined();
    const unknownTop = await c.pushRaw([c.envelope(observe('strict:3'), 1)].map((m) => ({ ...m, extra: 1 }) as never));
    expect(unknownTop.status).toBe(400);
  });
});

async function http403(other: MemberHandle, mine: TestClient) {
  // The other member reuses my client id inside my client group.
  const res = await fetch(`${t.base}/v1/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${other.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ clientGroupId: mine.clientGroupId, mutations: [mine.envelope(observe('own:3'), 2)] }),
  });
  return res.status;
}
