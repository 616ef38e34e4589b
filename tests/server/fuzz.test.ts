// @vitest-environment node
// Hostile input: malformed, oversized and strange requests on every route, with and without a
// valid token, as JSON, as text and as raw bytes. Nothing may produce a 5xx or bring the server
// down.
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUTATION_NAMES } from '../../lib/queue/mutations.ts';
import { http, seedTeam, startTestServer, type MemberHandle, type TestServer } from './harness.ts';

let t: TestServer;
let admin: MemberHandle;

beforeAll(async () => {
  t = await startTestServer();
  ({ admin } = await seedTeam(t.server));
});
afterAll(() => t.stop());

const routes = [
  '/v1/push', '/v1/pull', '/v1/ws-ticket', '/v1/poke', '/v1/join', '/v1/me', '/v1/admin/invites',
  '/v1/admin/members', '/v1/admin/members/abcdefgh1234/revoke', '/v1/admin/members/%00%ff/role',
  '/v1/admin/audit', '/v1/admin/audit?format=xml&after=-1', '/healthz', '/readyz', '/nope', '/v1/push?__proto__=1',
];

const hostileString = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.constantFrom('__proto__', 'constructor', '<script>alert(1)</script>', "'; DROP TABLE audit; --", '\u0000', '\ud800', '𝕏'.repeat(100), '9'.repeat(400)),
);
const mutationLike = fc.record(
  {
    clientId: hostileString,
    id: fc.oneof(fc.integer(), fc.double(), fc.constant(Number.MAX_SAFE_INTEGER + 2), hostileString),
    name: fc.oneof(fc.constantFrom(...MUTATION_NAMES), hostileString),
    args: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.dictionary(hostileString, fc.jsonValue({ maxDepth: 2 }))),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.record({ clientGroupId: hostileString, mutations: fc.array(mutationLike, { maxLength: 5 }) }).map((v) => JSON.stringify(v)),
  fc.record({ clientGroupId: hostileString, cursor: fc.oneof(hostileString, fc.integer(), fc.constant(null)) }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.constantFrom('{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', '[', '{"a":'.repeat(2000), 'null', '1e999', '"\\ud800"'),
);

describe('fuzz', () => {
  it('random requests never get a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
        fc.constantFrom(...routes),
        fc.constantFrom('valid', 'none', 'garbage'),
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'multipart/form-data; boundary=x'),
        body,
        async (method, route, auth, contentType, payload) => {
          const headers: Record<string, string> = { 'content-type': contentType };
          if (auth === 'valid') headers.authorization = `Bearer ${admin.token}`;
          if (auth === 'garbage') headers.authorization = 'Bearer \u00ff\u00fe' ;
          let status: number;
          try {
            const res = await fetch(t.base + route, { method, headers, body: method === 'GET' ? undefined : payload });
            status = res.status;
            await res.arrayBuffer();
          } catch (err) {
            // Header values outside Latin-1 are refused by fetch itself, not by the server.
            if (auth === 'garbage') return;
            throw err;
          }
          expect(status, `${method} ${route} ${auth} ${contentType} ${payload.slice(0, 80)}`).toBeLessThan(500);
        },
      ),
      { numRuns: 400, seed: 20261126 },
    );
    expect((await http(t.base, 'GET', '/healthz')).status).toBe(200);
  });

  it('raw malformed HTTP does not crash the server', async () => {
    const raw = [
      'GARBAGE\r\n\r\n',
      'POST /v1/push HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n{',
      'POST /v1/push HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n',
      `POST /v1/pull HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${admin.token}\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n{"a":`,
      'GET /v1/poke?ticket=' + 'a'.repeat(20000) + ' HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    ];
    for (const r of raw) {
      const answer = await new Promise<string>((resolve) => {
        const sock = connect(new URL(t.base).port as unknown as number, '127.0.0.1');
        let data = '';
        sock.on('data', (d) => (data += d.toString()));
        sock.on('error', () => resolve(data));
        sock.on('close', () => resolve(data));
        sock.write(r);
        setTimeout(() => sock.destroy(), 300);
      });
      expect(answer).not.toMatch(/^HTTP\/1\.1 5\d\d/);
    }
    expect((await http(t.base, 'GET', '/healthz')).status).toBe(200);
  });

  it('oversized and deeply nested bodies are refused politely', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const res = await http(t.base, 'POST', '/v1/push', { token: admin.token, rawBody: deep, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBeLessThan(500);
    const nested = await http(t.base, 'POST', '/v1/pull', { token: admin.token, rawBody: '['.repeat(5000) + ']'.repeat(5000), headers: { 'content-type': 'application/json' } });
    expect(nested.status).toBe(400);
  });
});
