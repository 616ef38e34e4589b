// @vitest-environment node
// Presence: viewing/typing fans out to the team's sockets, never to another team's, expires in
// seconds, and ends when the socket goes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PresenceEntry } from '../../lib/queue/protocol.ts';
import { CLOSE_TOO_FAST } from '../../server/poke.ts';
import { addMember, seedTeam, sleep, startTestServer, TestSocket, type MemberHandle, type TestServer } from './harness.ts';

const TTL = 600;
let t: TestServer;
let a: MemberHandle;
let b: MemberHandle;
let stranger: MemberHandle;

beforeAll(async () => {
  t = await startTestServer({ presenceTtlMs: TTL });
  const team = await seedTeam(t.server);
  a = team.admin;
  b = await addMember(t.server, team.teamId, 'agent');
  stranger = (await seedTeam(t.server, 'Other')).admin;
});
afterAll(() => t.stop());

const entries = (s: TestSocket): PresenceEntry[] => s.messages.flatMap((m) => ('presence' in m ? m.presence : []));

describe('presence', () => {
  it('fans out to teammates only, and expires by itself', async () => {
    const [sa, sb, sx] = await Promise.all([TestSocket.open(t.base, a), TestSocket.open(t.base, b), TestSocket.open(t.base, stranger)]);
    sa.send({ presence: { conversationKey: 'x:1', state: 'typing' } });
    await sb.waitFor((m) => 'presence' in m && m.presence.some((p) => p.conversationKey === 'x:1' && p.state === 'typing'));
    const typing = entries(sb).find((p) => p.state === 'typing')!;
    expect(typing.memberId).toBe(a.memberId);

    // A newcomer gets the live presence in its first message.
    const late = await TestSocket.open(t.base, b);
    expect(entries(late)).toContainEqual(expect.objectContaining({ memberId: a.memberId, conversationKey: 'x:1', state: 'typing' }));

    await sb.waitFor((m) => 'presence' in m && m.presence.some((p) => p.conversationKey === 'x:1' && p.state === null), TTL + 2000);
    const fresh = await TestSocket.open(t.base, b);
    expect(entries(fresh)).toEqual([]);
    await sleep(100);
    expect(entries(sx)).toEqual([]);
    for (const s of [sa, sb, sx, late, fresh]) s.close();
  });

  it('ends when the socket closes', async () => {
    const [sa, sb] = await Promise.all([TestSocket.open(t.base, a), TestSocket.open(t.base, b)]);
    sa.send({ presence: { conversationKey: 'x:2', state: 'viewing' } });
    await sb.waitFor((m) => 'presence' in m && m.presence.some((p) => p.conversationKey === 'x:2' && p.state === 'viewing'));
    const start = Date.now();
    sa.close();
    await sb.waitFor((m) => 'presence' in m && m.presence.some((p) => p.conversationKey === 'x:2' && p.state === null));
    expect(Date.now() - start).toBeLessThan(TTL);
    sb.close();
  });

  it('closes a socket that floods presence updates', async () => {
    const s = await TestSocket.open(t.base, a);
    for (let i = 0; i < 100; i++) s.send({ presence: { conversationKey: `flood:${i}`, state: 'viewing' } });
    expect(await s.closed).toBe(CLOSE_TOO_FAST);
  });

  it('answers pings, and closes a socket that sends garbage', async () => {
    const s = await TestSocket.open(t.base, a);
    s.send({ ping: true });
    await s.waitFor((m) => 'pong' in m);
    s.send({ presence: { conversationKey: 'x:3', state: 'typing', customerName: 'Jane' } });
    expect(await s.closed).toBe(4400);
  });
});
