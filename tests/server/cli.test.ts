// @vitest-environment node
// The admin CLI (`npm run server -- <command>`), run as a real process against the same
// database as a running server: init, invite, members, revoke, audit --csv.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Server } from '../../server/main.ts';
import { freshStorage, http, runCliProcess, storageEnv, testConfig } from './harness.ts';

let storage: Awaited<ReturnType<typeof freshStorage>>;
let env: Record<string, string>;
let server: Server;
let base: string;

beforeAll(async () => {
  storage = await freshStorage();
  env = storageEnv(storage);
  server = await startServer(testConfig(storage));
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.stop();
  await storage.drop();
});

const join = async (code: string, displayName: string) => {
  const res = await http(base, 'POST', '/v1/join', { body: { code, displayName } });
  expect(res.status).toBe(200);
  return res.body as { token: string; memberId: string; teamId: string; role: string };
};

describe('CLI', () => {
  let adminToken = '';
  let agentId = '';
  let agentToken = '';

  it('init creates a team and prints a working admin invite', async () => {
    const out = await runCliProcess(['init', '--name', 'Acme Social'], env);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^team [0-9a-f-]{36} \(Acme Social\)$/m);
    const code = /admin invite: (bi_\S+)/.exec(out.stdout)?.[1];
    expect(code).toBeDefined();
    const admin = await join(code!, 'Ada');
    expect(admin.role).toBe('admin');
    adminToken = admin.token;
  });

  it('invite prints an agent invite (the single team is implied)', async () => {
    const out = await runCliProcess(['invite', '--role', 'agent'], env);
    expect(out.code).toBe(0);
    const agent = await join(/agent invite: (bi_\S+)/.exec(out.stdout)![1]!, 'Bo');
    expect(agent.role).toBe('agent');
    agentId = agent.memberId;
    agentToken = agent.token;
  });

  it('members lists everyone with role and status', async () => {
    const out = await runCliProcess(['members'], env);
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(new RegExp(`^${agentId}\\tagent\\tactive\\toff-shift\\t"Bo"$`));
  });

  it('revoke takes effect on the running server at once', async () => {
    expect((await http(base, 'GET', '/v1/me', { token: agentToken })).status).toBe(200);
    const out = await runCliProcess(['revoke', agentId], env);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`revoked ${agentId}`);
    expect((await http(base, 'GET', '/v1/me', { token: agentToken })).status).toBe(401);
    expect((await runCliProcess(['members'], env)).stdout).toMatch(new RegExp(`${agentId}\\tagent\\trevoked`));
  });

  it('audit --csv exports the log', async () => {
    const out = await runCliProcess(['audit', '--csv'], env);
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('seq,at,actor,action,target,detail,requestId');
    const actions = lines.slice(1).map((l) => l.split(',')[3]);
    expect(actions).toEqual(['team.create', 'invite.create', 'member.join', 'invite.create', 'member.join', 'member.revoke']);
    const api = await http(base, 'GET', '/v1/admin/audit?format=csv', { token: adminToken });
    expect(api.text).toBe(out.stdout);
  });

  it('bad usage exits 2 with the usage text', async () => {
    for (const args of [['frobnicate'], ['revoke'], ['invite', '--role', 'owner'], ['members', '--team', 'nope']]) {
      const out = await runCliProcess(args, env);
      expect(out.code, args.join(' ')).toBe(2);
    }
  });
});
