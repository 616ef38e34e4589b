// @vitest-environment node
// Abuse limits (reliability.md E5): 413 for oversized bodies before parsing, 400 for too many
// mutations or overlong strings, 429 with Retry-After per token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, MAX_MUTATIONS_PER_PUSH } from '../../lib/queue/limits.ts';
import { addMember, http, observe, seedTeam, startTestServer, TestClient, type MemberHandle, type TestServer } from './harness.ts';

const BURST = 20;
let t: TestServer;
let teamId: string;
let admin: MemberHandle;

beforeAll(async () => {
  t = await startTestServer({ rateLimitBurst: BURST, rateLimitPerMinute: 60 });
  ({ teamId, admin } = await seedTeam(t.server));
});
afterAll(() => t.stop());

describe('limits', () => {
  it('a body over 256 KiB is 413, even when it is not valid JSON', async () => {
    const m = await addMember(t.server, teamId, 'agent');
    const big = await http(t.base, 'POST', '/v1/push', { token: m.token, rawBody: '{"x":"' + 'a'.repeat(MAX_BODY_BYTES) + '"}', headers: { 'content-type': 'application/json' } });
    expect(big.status).toBe(413);
    const garbage = await http(t.base, 'POST', '/v1/push', { token: m.token, rawBody: '{'.repeat(MAX_BODY_BYTES + 10), headers: { 'content-type': 'application/json' } });
    expect(garbage.status).toBe(413);
  });

  it('more than 100 mutations in one push is 400', async () => {
    const m = await addMember(t.server, teamId, 'agent');
    const c = new TestClient(t.base, m);
    const many = Array.from({ length: MAX_MUTATIONS_PER_PUSH + 1 }, (_, i) => c.envelope(observe(`lim:${i}`), i + 1));
    expect((await c.pushRaw(many)).status).toBe(400);
    expect((await c.pushRaw(many.slice(0, MAX_MUTATIONS_PER_PUSH))).status).toBe(200);
  });

  it('strings over their schema maximum are 400', async () => {
    const m = await addMember(t.server, teamId, 'agent');
    const c = new TestClient(t.base, m);
    expect((await c.pushRaw([c.envelope(observe('k'.repeat(201)), 1)])).status).toBe(400);
    expect((await c.pushRaw([c.envelope({ name: 'handoff', args: { conversationKey: 'k', epoch: 1, to: null, note: 'n'.repeat(501) } }, 1)])).status).toBe(400);
    expect((await http(t.base, 'POST', '/v1/pull', { token: m.token, body: { clientGroupId: 'g'.repeat(65), cursor: null } })).status).toBe(400);
  });

  it('a token past its burst gets 429 with Retry-After; other tokens are unaffected', async () => {
    const m = await addMember(t.server, teamId, 'agent');
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < BURST + 5; i++) {
      const res = await http(t.base, 'GET', '/v1/me', { token: m.token });
      statuses.push(res.status);
      if (res.status === 429) retryAfter ??= res.headers.get('retry-after');
    }
    expect(statuses.slice(0, BURST - 1).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(-3)).toEqual([429, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect((await http(t.base, 'GET', '/v1/me', { token: admin.token })).status).toBe(200);
  });
});
