// @vitest-environment node
// Structured logs carry method, path, status and timing, and never a secret or customer data:
// no bearer token, invite code, socket ticket, conversation key or display name (reliability.md
// E3, F1).
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushResponse } from '../../lib/queue/protocol.ts';
import { http, seedTeam, startTestServer, TestClient, TestSocket, type TestServer } from './harness.ts';

const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, cb) {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    cb();
  },
});
let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ logLevel: 'info' }, sink);
});
afterAll(() => t.stop());

describe('logs', () => {
  it('record requests without secrets or customer data', async () => {
    const { teamId, admin } = await seedTeam(t.server);
    const invite = await http(t.base, 'POST', '/v1/admin/invites', { token: admin.token, body: { role: 'agent' } });
    const code = (invite.body as { code: string }).code;
    const joined = await http(t.base, 'POST', '/v1/join', { body: { code, displayName: 'Zed Secretname' } });
    const token = (joined.body as { token: string }).token;
    const c = new TestClient(t.base, { token, memberId: '', teamId, role: 'agent' });
    const res = await c.push(
      { name: 'observe', args: { conversationKey: 'x:convkey-4242', platform: 'x', lastInboundAt: 1, awaitingReply: true } },
      { name: 'claim', args: { conversationKey: 'x:convkey-4242' } },
    );
    expect((res as PushResponse).results[1]!.status).toBe('applied');
    const ticketRes = await http(t.base, 'POST', '/v1/ws-ticket', { token });
    const ticket = (ticketRes.body as { ticket: string }).ticket;
    const s = new TestSocket(`${t.base.replace('http', 'ws')}/v1/poke?ticket=${ticket}`);
    await s.opened;
    s.close();
    await http(t.base, 'GET', '/v1/me', { token: 'bt_' + 'W'.repeat(43) });
    await new Promise((r) => setTimeout(r, 100));

    const text = lines.join('\n');
    for (const secret of [admin.token, token, code, ticket, 'convkey-4242', 'Zed Secretname', 'W'.repeat(43)]) {
      expect(text, `log leaks ${secret.slice(0, 12)}`).not.toContain(secret);
    }
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.some((l) => (l.req as { path?: string } | undefined)?.path === '/v1/push')).toBe(true);
    expect(parsed.some((l) => (l.req as { path?: string } | undefined)?.path === '/v1/poke')).toBe(true);
    expect(parsed.some((l) => (l.res as { statusCode?: number } | undefined)?.statusCode === 401)).toBe(true);
    for (const l of parsed) expect(typeof l.level).toBe('number');
  });
});
