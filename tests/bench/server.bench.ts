/**
 * `npm run bench:server` (also part of `npm run bench`): the team server on SQLite and on PostgreSQL, each in its own process as
 * in production, driven by 100 concurrent clients from this one. Every figure is printed with a
 * floor measured in the same run (the same server answering an authenticated empty route,
 * GET /v1/me), so the ratio, not the absolute number, is what carries between machines.
 *   push: mutations per second and p50/p99 latency, 100 clients pushing one observe each, back to back
 *   pull: a full snapshot of 10,000 conversations
 *   poke: time from a push until each of 500 connected sockets has its poke
 * PostgreSQL uses BATON_BENCH_PG_URL or BATON_TEST_PG_URL (a scratch database is created there).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLIENTS = 100;
const SOCKETS = 500;
const PULL_ROWS = 10_000;
const PHASE_MS = 4000;

interface Engine {
  name: 'sqlite' | 'postgres';
  env: Record<string, string>;
  drop(): Promise<void>;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function sqliteEngine(): Promise<Engine> {
  const dir = mkdtempSync(path.join(tmpdir(), 'baton-bench-'));
  return { name: 'sqlite', env: { DATA_DIR: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function postgresEngine(url: string): Promise<Engine> {
  const name = `baton_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    name: 'postgres',
    env: { DATABASE_URL: u.toString(), DATA_DIR: mkdtempSync(path.join(tmpdir(), 'baton-bench-')), PG_POOL_MAX: '20' },
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

function run(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [path.join(ROOT, 'server/start.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_BURST: '1000000', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

async function cli(args: string[], env: Record<string, string>): Promise<string> {
  const child = run(args, env);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise((r) => child.once('exit', r));
  if (code !== 0) throw new Error(`cli ${args.join(' ')} failed: ${out}`);
  return out;
}

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  // LOG_LEVEL=info only for the one line that tells us the port; request logs would skew timing.
  const child = run([], { ...env, PORT: '0', LOG_LEVEL: 'info' });
  const port = await new Promise<number>((resolve, reject) => {
    let buf = '';
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /"port":(\d+),"engine"/.exec(buf);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', () => reject(new Error(`server exited: ${buf}`)));
  });
  return { child, base: `http://127.0.0.1:${port}` };
}

async function call(base: string, method: string, route: string, token?: string, body?: unknown): Promise<unknown> {
  const res = await fetch(base + route, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${method} ${route}: ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text);
}

/** 100 workers each repeating `op` for PHASE_MS; returns ops/s and sorted latencies. */
async function load(op: (worker: number, n: number) => Promise<number>): Promise<{ perSec: number; lat: number[] }> {
  const lat: number[] = [];
  let units = 0;
  const end = performance.now() + PHASE_MS;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, w) => {
      for (let n = 0; performance.now() < end; n++) {
        const t0 = performance.now();
        const done = await op(w, n); // (not `units += await …`: that would drop concurrent updates)
        units += done;
        lat.push(performance.now() - t0);
      }
    }),
  );
  const secs = (performance.now() - start) / 1000;
  return { perSec: units / secs, lat: lat.sort((a, b) => a - b) };
}

/** Absolute targets from the issue, judged on this run (they depend on the machine's load). */
const verdicts: string[] = [];
function target(ok: boolean, text: string) {
  verdicts.push(`  ${ok ? 'PASS' : 'MISS'} ${text}`);
}

function row(engine: string, metric: string, value: string, floor: string, ratio: number) {
  console.log(`${engine.padEnd(9)}${metric.padEnd(34)}${value.padStart(14)}${floor.padStart(22)}${ratio.toFixed(2).padStart(9)}`);
}

async function bench(engine: Engine) {
  const init = await cli(['init', '--name', 'Bench'], engine.env);
  const code = /admin invite: (\S+)/.exec(init)![1]!;
  const { child, base } = await startServer(engine.env);
  try {
    const admin = (await call(base, 'POST', '/v1/join', undefined, { code, displayName: 'Admin' })) as { token: string };
    const members: { token: string; group: string; client: string; next: number }[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const inv = (await call(base, 'POST', '/v1/admin/invites', admin.token, { role: 'agent' })) as { code: string };
      const m = (await call(base, 'POST', '/v1/join', undefined, { code: inv.code, displayName: `Agent ${i}` })) as { token: string };
      members.push({ token: m.token, group: `group${i}x${randomUUID().slice(0, 8)}`, client: `client${i}x${randomUUID().slice(0, 8)}`, next: 1 });
    }
    const push = (m: (typeof members)[number], mutations: unknown[]) =>
      call(base, 'POST', '/v1/push', m.token, { clientGroupId: m.group, mutations });
    const observe = (m: (typeof members)[number], key: string) => ({
      clientId: m.client,
      id: m.next++,
      name: 'observe',
      args: { conversationKey: key, platform: 'x', lastInboundAt: null, awaitingReply: true },
    });

    // Warm up both paths, then the floor and the push load.
    await load(async (w) => (await call(base, 'GET', '/v1/me', members[w]!.token), 1));
    const floor = await load(async (w) => (await call(base, 'GET', '/v1/me', members[w]!.token), 1));
    const pushes = await load(async (w, n) => {
      const m = members[w]!;
      await push(m, [observe(m, `load:${w}:${n}`)]);
      return 1;
    });
    const f50 = percentile(floor.lat, 50);
    const f99 = percentile(floor.lat, 99);
    row(engine.name, 'push throughput (mutations/s)', pushes.perSec.toFixed(0), `${floor.perSec.toFixed(0)} req/s`, pushes.perSec / floor.perSec);
    row(engine.name, 'push p50 latency (ms)', percentile(pushes.lat, 50).toFixed(1), `${f50.toFixed(1)} ms`, percentile(pushes.lat, 50) / f50);
    row(engine.name, 'push p99 latency (ms)', percentile(pushes.lat, 99).toFixed(1), `${f99.toFixed(1)} ms`, percentile(pushes.lat, 99) / f99);
    target(pushes.perSec >= 1000, `${engine.name}: push ≥ 1000 mutations/s (${pushes.perSec.toFixed(0)})`);
    target(percentile(pushes.lat, 99) < 50, `${engine.name}: push p99 < 50 ms (${percentile(pushes.lat, 99).toFixed(1)} ms)`);

    // Pull: top the team up to 10,000 conversations, then time full snapshots.
    const have = pushes.lat.length;
    const seeder = members[0]!;
    for (let i = have; i < PULL_ROWS; i += 100) {
      const batch = Array.from({ length: Math.min(100, PULL_ROWS - i) }, (_, j) => observe(seeder, `seed:${i + j}`));
      await push(seeder, batch);
    }
    const pullTimes: number[] = [];
    let rows = 0;
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      const res = (await call(base, 'POST', '/v1/pull', seeder.token, { clientGroupId: seeder.group, cursor: null })) as { patch: { kind: string }[] };
      pullTimes.push(performance.now() - t0);
      rows = res.patch.filter((p) => p.kind === 'conversation').length;
    }
    pullTimes.sort((a, b) => a - b);
    const single: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      await call(base, 'GET', '/v1/me', seeder.token);
      single.push(performance.now() - t0);
    }
    single.sort((a, b) => a - b);
    const s50 = percentile(single, 50);
    row(engine.name, `pull of ${rows} rows, median (ms)`, percentile(pullTimes, 50).toFixed(1), `${s50.toFixed(2)} ms`, percentile(pullTimes, 50) / s50);

    // Poke fan-out: 500 sockets, then pushes; latency from sending the push to each socket's poke.
    const sockets: WebSocket[] = [];
    const waiting = new Map<number, (at: number) => void>();
    for (let i = 0; i < SOCKETS; i++) {
      const m = members[i % CLIENTS]!;
      const { ticket } = (await call(base, 'POST', '/v1/ws-ticket', m.token)) as { ticket: string };
      const ws = new WebSocket(`${base.replace('http', 'ws')}/v1/poke?ticket=${ticket}`);
      await new Promise<void>((resolve, reject) => {
        ws.addEventListener('open', () => resolve());
        ws.addEventListener('error', () => reject(new Error('socket failed')));
      });
      ws.addEventListener('message', (e) => {
        const msg = JSON.parse(String(e.data)) as { v?: number };
        if (msg.v !== undefined) waiting.get(i)?.(performance.now());
      });
      sockets.push(ws);
    }
    const perSocket: number[] = [];
    const lastSocket: number[] = [];
    for (let round = 0; round < 20; round++) {
      const arrivals = sockets.map((_, i) => new Promise<number>((resolve) => waiting.set(i, resolve)));
      const t0 = performance.now();
      await push(seeder, [observe(seeder, `poke:${round}`)]);
      const times = (await Promise.all(arrivals)).map((at) => at - t0);
      perSocket.push(...times);
      lastSocket.push(Math.max(...times));
      await new Promise((r) => setTimeout(r, 50));
    }
    perSocket.sort((a, b) => a - b);
    lastSocket.sort((a, b) => a - b);
    row(engine.name, `poke to ${SOCKETS} sockets p50 (ms)`, percentile(perSocket, 50).toFixed(1), `${s50.toFixed(2)} ms`, percentile(perSocket, 50) / s50);
    row(engine.name, `poke to ${SOCKETS} sockets p99 (ms)`, percentile(perSocket, 99).toFixed(1), `${s50.toFixed(2)} ms`, percentile(perSocket, 99) / s50);
    row(engine.name, `poke, last of ${SOCKETS}, worst (ms)`, lastSocket[lastSocket.length - 1]!.toFixed(1), `${s50.toFixed(2)} ms`, lastSocket[lastSocket.length - 1]! / s50);
    target(percentile(perSocket, 99) < 100, `${engine.name}: poke reaches ${SOCKETS} sockets within 100 ms p99 (${percentile(perSocket, 99).toFixed(1)} ms)`);
    for (const ws of sockets) ws.close();
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

console.log(`Baton team server benchmark — ${CLIENTS} clients, ${PHASE_MS / 1000} s per load phase; ratio = value / floor`);
console.log(`${'engine'.padEnd(9)}${'metric'.padEnd(34)}${'value'.padStart(14)}${'floor (GET /v1/me)'.padStart(22)}${'ratio'.padStart(9)}`);
const engines: (() => Promise<Engine>)[] = [sqliteEngine];
const pgUrl = process.env.BATON_BENCH_PG_URL ?? process.env.BATON_TEST_PG_URL;
if (pgUrl) engines.push(() => postgresEngine(pgUrl));
else console.log('(PostgreSQL skipped: set BATON_BENCH_PG_URL or BATON_TEST_PG_URL)');
for (const make of engines) {
  const engine = await make();
  try {
    await bench(engine);
  } finally {
    await engine.drop();
  }
}
console.log(verdicts.join('\n'));
