// @vitest-environment node
// Graceful shutdown: on SIGTERM the server finishes the requests it has accepted, closes poke
// sockets, closes the database and exits 0; nothing it acknowledged is lost. Also health checks.
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushResponse } from '../../lib/queue/protocol.ts';
import { freshStorage, http, listeningPort, runCliProcess, spawnServerProcess, storageEnv, TestClient, TestSocket, type MemberHandle } from './harness.ts';

let storage: Awaited<ReturnType<typeof freshStorage>>;
let env: Record<string, string>;
let child: ChildProcess | null = null;

async function start() {
  child = spawnServerProcess([], { ...env, PORT: '0' });
  return `http://127.0.0.1:${await listeningPort(child)}`;
}

beforeAll(async () => {
  storage = await freshStorage();
  env = storageEnv(storage);
});
afterAll(async () => {
  child?.kill('SIGKILL');
  await storage.drop();
});

describe('shutdown', () => {
  it('healthz and readyz answer while running', async () => {
    const base = await start();
    expect((await http(base, 'GET', '/healthz')).body).toEqual({ ok: true });
    expect((await http(base, 'GET', '/readyz')).body).toEqual({ ready: true });
    const exited = new Promise((r) => child!.once('exit', r));
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('SIGTERM: accepted pushes complete and persist, sockets close, exit 0', async () => {
    const init = await runCliProcess(['init'], env);
    const code = /admin invite: (\S+)/.exec(init.stdout)![1]!;
    let base = await start();
    const joined = (await http(base, 'POST', '/v1/join', { body: { code, displayName: 'A' } })).body as MemberHandle;
    const socket = await TestSocket.open(base, joined);
    const clients = Array.from({ length: 10 }, () => new TestClient(base, joined));
    const pushes = clients.map((c, i) => c.pushRaw([c.envelope({ name: 'observe', args: { conversationKey: `sd:${i}`, platform: 'x', lastInboundAt: null, awaitingReply: true } })]));
    const exited = new Promise((r) => child!.once('exit', r));
    await new Promise((r) => setTimeout(r, 5));
    child!.kill('SIGTERM');
    const settled = await Promise.allSettled(pushes);
    expect(await exited).toBe(0);
    expect(await socket.closed).toBe(1001);
    const acked = settled.flatMap((s, i) => (s.status === 'fulfilled' && s.value.status === 200 && (s.value.body as PushResponse).results[0]!.status === 'applied' ? [`sd:${i}`] : []));
    for (const s of settled) if (s.status === 'fulfilled') expect([200, 503]).toContain(s.value.status);

    base = await start();
    const pulled = await new TestClient(base, joined).pull(null);
    const keys = new Set(pulled.patch.flatMap((p) => (p.op === 'put' && p.kind === 'conversation' ? [p.value.key] : [])));
    for (const k of acked) expect(keys.has(k), k).toBe(true);
  });
});
