// @vitest-environment node
// Crash safety: kill -9 the server during a stream of pushes, restart it on the same data, and
// check that every acknowledged mutation is there and nothing is applied twice (a retry of
// every push, acknowledged or not, is either a duplicate or applied once).
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation } from '../../lib/queue/mutations.ts';
import type { PushResponse } from '../../lib/queue/protocol.ts';
import { freshStorage, http, listeningPort, runCliProcess, sleep, spawnServerProcess, storageEnv, TestClient, type MemberHandle } from './harness.ts';

let storage: Awaited<ReturnType<typeof freshStorage>>;
let env: Record<string, string>;
let child: ChildProcess | null = null;

async function start(): Promise<string> {
  child = spawnServerProcess([], { ...env, PORT: '0', RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_BURST: '1000000' });
  const port = await listeningPort(child);
  return `http://127.0.0.1:${port}`;
}

async function join(base: string, code: string, name: string): Promise<MemberHandle> {
  const res = await http(base, 'POST', '/v1/join', { body: { code, displayName: name } });
  const body = res.body as { token: string; memberId: string; teamId: string };
  return { ...body, role: 'admin' };
}

beforeAll(async () => {
  storage = await freshStorage();
  env = storageEnv(storage);
});
afterAll(async () => {
  child?.kill('SIGKILL');
  await storage.drop();
});

describe('kill -9', () => {
  it('loses no acknowledged mutation and applies none twice', async () => {
    const init = await runCliProcess(['init', '--name', 'Crash'], env);
    expect(init.code).toBe(0);
    const adminCode = /admin invite: (\S+)/.exec(init.stdout)![1]!;
    let base = await start();
    const admin = await join(base, adminCode, 'Admin');
    const clients: TestClient[] = [];
    for (let i = 0; i < 4; i++) {
      const inv = await http(base, 'POST', '/v1/admin/invites', { token: admin.token, body: { role: 'agent' } });
      const member = await join(base, (inv.body as { code: string }).code, `A${i}`);
      clients.push(new TestClient(base, member));
    }

    // Each client pushes [observe k, claim k] batches back to back until the server dies.
    const sent = new Map<TestClient, Mutation[][]>();
    const acked = new Map<TestClient, number>();
    let dead = false;
    const streams = clients.map(async (c, ci) => {
      sent.set(c, []);
      for (let n = 0; !dead; n++) {
        const key = `crash:${ci}:${n}`;
        const batch = [c.envelope({ name: 'observe', args: { conversationKey: key, platform: 'x', lastInboundAt: null, awaitingReply: true } }), c.envelope({ name: 'claim', args: { conversationKey: key } })];
        sent.get(c)!.push(batch);
        try {
          const res = await c.pushRaw(batch);
          if (res.status === 200) acked.set(c, batch[1]!.id);
        } catch {
          return; // connection reset by the kill
        }
      }
    });
    // Let the stream run, then kill without warning.
    const deadline = Date.now() + 20_000;
    while ([...acked.values()].reduce((s, v) => s + v, 0) < 120 && Date.now() < deadline) await sleep(20);
    const exited = new Promise((r) => child!.once('exit', r));
    child!.kill('SIGKILL');
    dead = true;
    await Promise.all(streams);
    await exited;

    base = await start();
    for (const [ci, c] of clients.entries()) {
      const last = acked.get(c) ?? 0;
      expect(last).toBeGreaterThan(0);
      const pulled = await http(base, 'POST', '/v1/pull', { token: c.member.token, body: { clientGroupId: c.clientGroupId, cursor: null } });
      const lastServer = (pulled.body as { lastMutationIdChanges: Record<string, number> }).lastMutationIdChanges[c.clientId] ?? 0;
      expect(lastServer, `client ${ci}`).toBeGreaterThanOrEqual(last);
      // Every acknowledged claim is held by its client.
      const convs = (pulled.body as { patch: { kind: string; value: { key: string; claim: { holder: string } | null } }[] }).patch.filter((p) => p.kind === 'conversation');
      const held = new Set(convs.filter((p) => p.value.claim?.holder === c.member.memberId).map((p) => p.value.key));
      for (let n = 0; n < last / 2; n++) expect(held.has(`crash:${ci}:${n}`), `crash:${ci}:${n}`).toBe(true);
      // Retry everything this client ever sent: acknowledged batches are duplicates, the rest applies once.
      c.base = base;
      for (const batch of sent.get(c)!) {
        const res = await c.pushRaw(batch);
        expect(res.status).toBe(200);
        const statuses = (res.body as PushResponse).results.map((r) => r.status);
        if (batch[1]!.id <= lastServer) expect(statuses).toEqual(['duplicate', 'duplicate']);
        else expect(statuses.every((s) => s === 'applied' || s === 'rejected')).toBe(true);
      }
    }
    // Exactly one claim audit row per conversation, however often it was sent.
    const audit = await http(base, 'GET', '/v1/admin/audit', { token: admin.token });
    const claims = (audit.body as { entries: { action: string; target: string }[] }).entries.filter((e) => e.action === 'claim');
    const perKey = new Map<string, number>();
    for (const e of claims) perKey.set(e.target, (perKey.get(e.target) ?? 0) + 1);
    expect([...perKey.values()].every((n) => n === 1)).toBe(true);
    expect(perKey.size).toBe([...sent.values()].reduce((s, b) => s + b.length, 0));
  });
});
