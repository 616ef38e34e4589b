// @vitest-environment node
// CORS and Origin (reliability.md E6): only configured extension origins get CORS headers, the
// token is still the real check, and a foreign Origin cannot open the poke socket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, seedTeam, startTestServer, TestSocket, type MemberHandle, type TestServer } from './harness.ts';

const EXT = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
let t: TestServer;
let admin: MemberHandle;

beforeAll(async () => {
  t = await startTestServer({ corsOrigins: [EXT] });
  ({ admin } = await seedTeam(t.server));
});
afterAll(() => t.stop());

async function ticketUrl() {
  const res = await http(t.base, 'POST', '/v1/ws-ticket', { token: admin.token });
  return `${t.base.replace('http', 'ws')}/v1/poke?ticket=${(res.body as { ticket: string }).ticket}`;
}

describe('CORS', () => {
  it('the configured extension origin gets CORS headers on preflight and response', async () => {
    const pre = await fetch(`${t.base}/v1/pull`, {
      method: 'OPTIONS',
      headers: { origin: EXT, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(pre.status).toBeLessThan(300);
    expect(pre.headers.get('access-control-allow-origin')).toBe(EXT);
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const res = await http(t.base, 'GET', '/v1/me', { token: admin.token, headers: { origin: EXT } });
    expect(res.headers.get('access-control-allow-origin')).toBe(EXT);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('a web origin gets no CORS headers, and without a token is still refused', async () => {
    for (const origin of ['https://evil.example', 'https://www.facebook.com', 'chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba', 'null']) {
      const pre = await fetch(`${t.base}/v1/pull`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
      const res = await http(t.base, 'POST', '/v1/pull', { headers: { origin }, body: { clientGroupId: 'group0001', cursor: null } });
      expect(res.status).toBe(401);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('the poke socket refuses a foreign Origin and accepts extension origins', async () => {
    const evil = new TestSocket(await ticketUrl(), { origin: 'https://evil.example' });
    await expect(evil.opened).rejects.toThrow();
    for (const origin of [EXT, 'moz-extension://0b7c2b1e-9f3a-4c55-8d7e-2a1f3c4d5e6f']) {
      const ok = new TestSocket(await ticketUrl(), { origin });
      await ok.opened;
      ok.close();
    }
  });
});
