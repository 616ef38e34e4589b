// @vitest-environment node
// Exactly one winner (reliability.md D6): 200 rounds of 20–50 members claiming the same
// conversation at the same moment. Each round: one success, every loser told who holds it, one
// claim audit row, and the stored holder is the winner. On PostgreSQL the claimers are split
// across two server instances, so the race is decided by the database, not by one process's
// queue; SQLite (one process by design) runs it on one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from '../../server/main.ts';
import { addMember, ENGINE, observe, seedTeam, startSecondInstance, startTestServer, TestClient, type TestServer } from './harness.ts';

const ROUNDS = 200;
let t: TestServer;
let second: { server: Server; base: string } | null = null;
let admin: TestClient;
const claimers: TestClient[] = [];

beforeAll(async () => {
  t = await startTestServer({ pgPoolMax: 20 });
  const team = await seedTeam(t.server);
  admin = new TestClient(t.base, team.admin);
  if (ENGINE === 'postgres') second = await startSecondInstance(t);
  for (let i = 0; i < 50; i++) {
    const base = second && i % 2 === 1 ? second.base : t.base;
    claimers.push(new TestClient(base, await addMember(t.server, team.teamId, 'agent', `M${i}`)));
  }
});
afterAll(async () => {
  await second?.server.stop();
  await t.stop();
});

/** Deterministic so a failing round can be replayed. */
function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

describe('exactly one winner', () => {
  it(`${ROUNDS} rounds of 20–50 concurrent claimers`, { timeout: 240_000 }, async () => {
    const rand = lcg(42);
    const { db } = t.server.database;
    for (let round = 0; round < ROUNDS; round++) {
      const key = `race:${round}`;
      await admin.push(observe(key));
      const n = 20 + Math.floor(rand() * 31);
      const start = Math.floor(rand() * 50);
      const group = Array.from({ length: n }, (_, i) => claimers[(start + i) % 50]!);
      const responses = await Promise.all(group.map((c) => c.push({ name: 'claim', args: { conversationKey: key } })));
      const results = responses.map((r) => r.results[0]!);
      const winners = results.flatMap((r, i) => (r.status === 'applied' ? [group[i]!.member.memberId] : []));
      expect(winners, `round ${round}`).toHaveLength(1);
      for (const r of results) {
        if (r.status !== 'applied') expect(r, `round ${round}`).toMatchObject({ status: 'rejected', reason: 'already_claimed', holder: winners[0] });
      }
      const row = await db.selectFrom('conversations').select(['claim_holder', 'claim_epoch']).where('key', '=', key).executeTakeFirstOrThrow();
      expect(row).toEqual({ claim_holder: winners[0], claim_epoch: 1 });
      const audits = await db.selectFrom('audit').select(['actor']).where('action', '=', 'claim').where('target', '=', key).execute();
      expect(audits, `round ${round}`).toEqual([{ actor: winners[0] }]);
    }
  });
});
