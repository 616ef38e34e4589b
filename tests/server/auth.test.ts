// @vitest-environment node
// Auth and invites: single-use expiring invites, hashed high-entropy tokens, admin-only routes,
// single-use socket tickets and no tokens in socket URLs (reliability.md E2, E3).
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvite } from '../../server/store/teams.ts';
import { addMember, http, seedTeam, sleep, startTestServer, TestSocket, type MemberHandle, type TestServer } from './harness.ts';

let t: TestServer;
let teamId: string;
let admin: MemberHandle;

beforeAll(async () => {
  t = await startTestServer();
  ({ teamId, admin } = await seedTeam(t.server));
});
afterAll(() => t.stop());

describe('invites', () => {
  it('an admin invite joins once; the code cannot be used again', async () => {
    const invite = await http(t.base, 'POST', '/v1/admin/invites', { token: admin.token, body: { role: 'agent' } });
    expect(invite.status).toBe(200);
    const { code } = invite.body as { code: string };
    const first = await http(t.base, 'POST', '/v1/join', { body: { code, displayName: 'Bo' } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ teamId, role: 'agent' });
    const again = await http(t.base, 'POST', '/v1/join', { body: { code, displayName: 'Eve' } });
    expect(again.status).toBe(401);
  });

  it('concurrent redemptions of one code: exactly one member', async () => {
    const { code } = await createInvite(t.server.database.db, t.server.database.nowMs, { teamId, role: 'agent', createdBy: 'cli', ttlMs: 60_000 });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => http(t.base, 'POST', '/v1/join', { body: { code, displayName: `R${i}` } })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 401)).toHaveLength(7);
  });

  it('an expired invite is refused', async () => {
    const { code } = await createInvite(t.server.database.db, t.server.database.nowMs, { teamId, role: 'agent', createdBy: 'cli', ttlMs: 50 });
    await sleep(120);
    const res = await http(t.base, 'POST', '/v1/join', { body: { code, displayName: 'Late' } });
    expect(res.status).toBe(401);
  });

  it('an unknown code is refused the same way', async () => {
    const res = await http(t.base, 'POST', '/v1/join', { body: { code: 'bi_' + 'A'.repeat(43), displayName: 'X' } });
    expect(res.status).toBe(401);
  });
});

describe('tokens', () => {
  it('are ≥ 128 random bits and stored only as their SHA-256', async () => {
    expect(admin.token).toMatch(/^bt_[A-Za-z0-9_-]{43}$/); // 32 bytes = 256 bits
    const rows = await t.server.database.db.selectFrom('tokens').select('hash').where('member_id', '=', admin.memberId).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.hash).not.toBe(admin.token);
    expect(rows[0]!.hash).toBe(createHash('sha256').update(admin.token).digest('hex'));
    const dump = JSON.stringify(await t.server.database.db.selectFrom('tokens').selectAll().execute());
    expect(dump).not.toContain(admin.token);
  });

  it('the stored hash does not authenticate', async () => {
    const hash = createHash('sha256').update(admin.token).digest('hex');
    expect((await http(t.base, 'GET', '/v1/me', { token: hash })).status).toBe(401);
  });

  it('missing, malformed and wrong tokens get 401', async () => {
    expect((await http(t.base, 'GET', '/v1/me')).status).toBe(401);
    expect((await http(t.base, 'GET', '/v1/me', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
    expect((await http(t.base, 'GET', '/v1/me', { token: 'bt_' + 'x'.repeat(43) })).status).toBe(401);
    const me = await http(t.base, 'GET', '/v1/me', { token: admin.token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ memberId: admin.memberId, teamId, role: 'admin', displayName: 'Team admin' });
  });
});

describe('roles', () => {
  it('an agent gets 403 on every admin route, with an audit row per attempt', async () => {
    const agent = await addMember(t.server, teamId, 'agent');
    const attempts = [
      http(t.base, 'POST', '/v1/admin/invites', { token: agent.token, body: { role: 'admin' } }),
      http(t.base, 'GET', '/v1/admin/members', { token: agent.token }),
      http(t.base, 'POST', `/v1/admin/members/${admin.memberId}/revoke`, { token: agent.token, body: {} }),
      http(t.base, 'POST', `/v1/admin/members/${agent.memberId}/role`, { token: agent.token, body: { role: 'admin' } }),
      http(t.base, 'GET', '/v1/admin/audit', { token: agent.token }),
    ];
    for (const res of await Promise.all(attempts)) expect(res.status).toBe(403);
    const denied = await t.server.database.db
      .selectFrom('audit')
      .select('target')
      .where('actor', '=', agent.memberId)
      .where('action', '=', 'authz.denied')
      .execute();
    expect(denied).toHaveLength(5);
    const me = await http(t.base, 'GET', '/v1/me', { token: agent.token });
    expect((me.body as { role: string }).role).toBe('agent');
  });

  it('an admin can promote an agent, which takes effect on the next request', async () => {
    const agent = await addMember(t.server, teamId, 'agent');
    const res = await http(t.base, 'POST', `/v1/admin/members/${agent.memberId}/role`, { token: admin.token, body: { role: 'admin' } });
    expect(res.status).toBe(200);
    expect((await http(t.base, 'GET', '/v1/admin/members', { token: agent.token })).status).toBe(200);
  });
});

describe('poke socket tickets', () => {
  it('a ticket opens one socket once', async () => {
    const res = await http(t.base, 'POST', '/v1/ws-ticket', { token: admin.token });
    const { ticket } = res.body as { ticket: string };
    const url = `${t.base.replace('http', 'ws')}/v1/poke?ticket=${ticket}`;
    const first = new TestSocket(url);
    await first.opened;
    const second = new TestSocket(url);
    await expect(second.opened).rejects.toThrow();
    first.close();
  });

  it('a token in the URL is refused, and so is an expired ticket', async () => {
    const bad = new TestSocket(`${t.base.replace('http', 'ws')}/v1/poke?token=${admin.token}`);
    await expect(bad.opened).rejects.toThrow();
    const res = await http(t.base, 'GET', `/v1/poke?token=${admin.token}`);
    expect(res.status).toBe(400);
  });

  it('an expired ticket is refused', async () => {
    const short = await startTestServer({ wsTicketTtlMs: 50 });
    try {
      const { admin: a } = await seedTeam(short.server);
      const res = await http(short.base, 'POST', '/v1/ws-ticket', { token: a.token });
      const { ticket } = res.body as { ticket: string };
      await sleep(150);
      const s = new TestSocket(`${short.base.replace('http', 'ws')}/v1/poke?ticket=${ticket}`);
      await expect(s.opened).rejects.toThrow();
    } finally {
      await short.stop();
    }
  });
});
