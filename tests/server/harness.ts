/**
 * A real Baton server on port 0 for one test file, on the engine named by BATON_TEST_ENGINE
 * (sqlite: a fresh DATA_DIR; postgres: a fresh database on BATON_TEST_PG_URL), plus small typed
 * clients for its HTTP API and poke socket.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../../server/config.ts';
import { startServer, type Server } from '../../server/main.ts';
import { createInvite, createTeam, redeemInvite } from '../../server/store/teams.ts';
import type { Mutation } from '../../lib/queue/mutations.ts';
import type { PullResponse, PushResponse, Role, ServerWsMessage } from '../../lib/queue/protocol.ts';

export const ENGINE: 'sqlite' | 'postgres' = process.env.BATON_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
const PG_URL = process.env.BATON_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:55432/postgres';
export const ROOT = path.resolve(import.meta.dirname, '../..');

/** A fresh place to keep data: a temp dir for SQLite, a new database for PostgreSQL. */
export async function freshStorage(): Promise<{ dataDir: string; databaseUrl: string | null; drop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'baton-test-'));
  if (ENGINE === 'sqlite') {
    return { dataDir, databaseUrl: null, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `baton_t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    dataDir,
    databaseUrl: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function testConfig(storage: { dataDir: string; databaseUrl: string | null }, overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: storage.dataDir,
    databaseUrl: storage.databaseUrl,
    pgPoolMax: 10,
    corsOrigins: ['chrome-extension://abcdefghijklmnopabcdefghijklmnop'],
    allowFirefoxOrigins: true,
    leaseMs: 600_000,
    inviteTtlMs: 3_600_000,
    wsTicketTtlMs: 30_000,
    presenceTtlMs: 15_000,
    rateLimitPerMinute: 1_000_000,
    rateLimitBurst: 1_000_000,
    bodyLimitBytes: 256 * 1024,
    revocationSweepMs: 500,
    shutdownTimeoutMs: 5000,
    trustProxy: false,
    logLevel: 'silent',
    ...overrides,
  };
}

export interface TestServer {
  server: Server;
  base: string;
  config: Config;
  stop(): Promise<void>;
}

export async function startTestServer(overrides: Partial<Config> = {}, logStream?: NodeJS.WritableStream): Promise<TestServer> {
  const storage = await freshStorage();
  const config = testConfig(storage, overrides);
  const server = await startServer(config, logStream);
  return {
    server,
    base: `http://127.0.0.1:${server.port}`,
    config,
    stop: async () => {
      await server.stop();
      await storage.drop();
    },
  };
}

/** Another instance on the same database (PostgreSQL: several servers behind one balancer). */
export async function startSecondInstance(t: TestServer): Promise<{ server: Server; base: string }> {
  const server = await startServer({ ...t.config, port: 0 });
  return { server, base: `http://127.0.0.1:${server.port}` };
}

export interface MemberHandle {
  token: string;
  memberId: string;
  teamId: string;
  role: Role;
}

/** A team with an admin, made through the store as the CLI does. */
export async function seedTeam(server: Server, name = 'Team'): Promise<{ teamId: string; admin: MemberHandle }> {
  const { db, nowMs } = server.database;
  const teamId = await createTeam(db, nowMs, name);
  const admin = await addMember(server, teamId, 'admin', `${name} admin`);
  return { teamId, admin };
}

export async function addMember(server: Server, teamId: string, role: Role, displayName = 'Agent'): Promise<MemberHandle> {
  const { db, nowMs } = server.database;
  const { code } = await createInvite(db, nowMs, { teamId, role, createdBy: 'cli', ttlMs: 60_000 });
  const joined = await redeemInvite(db, nowMs, code, displayName);
  if (!joined) throw new Error('invite failed');
  return { token: joined.token, memberId: joined.memberId, teamId, role };
}

export async function http(
  base: string,
  method: string,
  route: string,
  opts: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: unknown; headers: Headers; text: string }> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(base + route, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON (CSV, empty)
  }
  return { status: res.status, body: parsed, headers: res.headers, text };
}

type MutationInput = { [N in Mutation['name']]: { name: N; args: Extract<Mutation, { name: N }>['args'] } }[Mutation['name']];

/** One browser: a client group with one client whose mutation ids count up. */
export class TestClient {
  readonly clientGroupId = `g${randomUUID().replace(/-/g, '')}`;
  readonly clientId = `c${randomUUID().replace(/-/g, '')}`;
  nextId = 1;
  cursor: string | null = null;
  base: string;
  readonly member: MemberHandle;

  constructor(base: string, member: MemberHandle) {
    this.base = base;
    this.member = member;
  }

  envelope(m: MutationInput, id = this.nextId++): Mutation {
    return { clientId: this.clientId, id, ...m } as Mutation;
  }

  async pushRaw(mutations: Mutation[]) {
    return http(this.base, 'POST', '/v1/push', {
      token: this.member.token,
      body: { clientGroupId: this.clientGroupId, mutations },
    });
  }

  /** Pushes mutations with fresh ids and expects a 200. */
  async push(...ms: MutationInput[]): Promise<PushResponse> {
    const res = await this.pushRaw(ms.map((m) => this.envelope(m)));
    if (res.status !== 200) throw new Error(`push ${res.status}: ${res.text}`);
    return res.body as PushResponse;
  }

  async pull(cursor: string | null = this.cursor): Promise<PullResponse> {
    const res = await http(this.base, 'POST', '/v1/pull', {
      token: this.member.token,
      body: { clientGroupId: this.clientGroupId, cursor },
    });
    if (res.status !== 200) throw new Error(`pull ${res.status}: ${res.text}`);
    const body = res.body as PullResponse;
    this.cursor = body.cursor;
    return body;
  }
}

export function observe(conversationKey: string): MutationInput {
  return { name: 'observe', args: { conversationKey, platform: 'x', lastInboundAt: 1_700_000_000_000, awaitingReply: true } };
}

/** A poke socket that records what it receives. */
export class TestSocket {
  readonly messages: ServerWsMessage[] = [];
  closeCode: number | null = null;
  readonly ws: WebSocket;
  readonly opened: Promise<void>;
  readonly closed: Promise<number>;
  #waiters: (() => void)[] = [];

  constructor(url: string, headers?: Record<string, string>) {
    // Node's WebSocket (undici) accepts extra handshake headers such as Origin.
    this.ws = new WebSocket(url, headers ? ({ headers } as unknown as string[]) : undefined);
    this.opened = new Promise((resolve, reject) => {
      this.ws.addEventListener('open', () => resolve());
      this.ws.addEventListener('error', () => reject(new Error('socket error')));
    });
    this.closed = new Promise((resolve) => {
      this.ws.addEventListener('close', (e) => {
        this.closeCode = e.code;
        resolve(e.code);
      });
    });
    this.ws.addEventListener('message', (e) => {
      this.messages.push(JSON.parse(String(e.data)) as ServerWsMessage);
      for (const w of this.#waiters.splice(0)) w();
    });
  }

  static async open(base: string, member: MemberHandle): Promise<TestSocket> {
    const res = await http(base, 'POST', '/v1/ws-ticket', { token: member.token });
    const { ticket } = res.body as { ticket: string };
    const s = new TestSocket(`${base.replace('http', 'ws')}/v1/poke?ticket=${ticket}`);
    await s.opened;
    await s.waitFor((m) => 'presence' in m); // the presence snapshot comes first
    return s;
  }

  send(msg: unknown) {
    this.ws.send(JSON.stringify(msg));
  }

  /** Resolves with the first message (already received or future) matching `pred`. */
  async waitFor(pred: (m: ServerWsMessage) => boolean, timeoutMs = 5000): Promise<ServerWsMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.messages.find(pred);
      if (hit) return hit;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching message in ${timeoutMs} ms: ${JSON.stringify(this.messages)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  close() {
    this.ws.close();
  }
}

/** Spawns `node server/start.ts [args]` with the given environment (the real CLI and service). */
export function spawnServerProcess(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [path.join(ROOT, 'server/start.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

export function storageEnv(storage: { dataDir: string; databaseUrl: string | null }): Record<string, string> {
  return storage.databaseUrl ? { DATABASE_URL: storage.databaseUrl, DATA_DIR: storage.dataDir } : { DATA_DIR: storage.dataDir };
}

/** Waits for the spawned server's "listening" log line and returns its port. */
export function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const onData = (chunk: Buffer) => {
      buf += chunk.toString();
      const m = /"port":(\d+),"engine"/.exec(buf);
      if (m) {
        // Keep draining: a child blocked on a full stdout pipe would stop answering.
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening: ${buf}`)));
  });
}

/** Runs the CLI to completion and returns its exit code and output. */
export async function runCliProcess(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
  const child = spawnServerProcess(args, env);
  let stdout = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
