// @vitest-environment node
// Audit completeness (reliability.md E6): claims, releases, hand-offs, role changes,
// revocations, crisis toggles, library changes and denied attempts each leave one row with
// actor, target, time and request id; the log exports as CSV and the database refuses edits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../lib/queue/protocol.ts';
import { auditToCsv } from '../../server/store/audit.ts';
import { addMember, http, observe, seedTeam, startTestServer, TestClient, type MemberHandle, type TestServer } from './harness.ts';

let t: TestServer;
let teamId: string;
let admin: MemberHandle;
let agent: MemberHandle;
let other: MemberHandle;

beforeAll(async () => {
  t = await startTestServer();
  ({ teamId, admin } = await seedTeam(t.server));
  agent = await addMember(t.server, teamId, 'agent', 'Agent');
  other = await addMember(t.server, teamId, 'agent', 'Other');
});
afterAll(() => t.stop());

async function entries(): Promise<AuditEntry[]> {
  const res = await http(t.base, 'GET', '/v1/admin/audit', { token: admin.token });
  expect(res.status).toBe(200);
  return (res.body as { entries: AuditEntry[] }).entries;
}

describe('audit log', () => {
  it('records every governed action exactly once, with actor, target, time and request id', async () => {
    const before = (await entries()).length;
    const a = new TestClient(t.base, agent);
    const ad = new TestClient(t.base, admin);
    await a.push(observe('au:1'), observe('au:2'));
    const e1 = (await a.push({ name: 'claim', args: { conversationKey: 'au:1' } })).results[0]!.claim!.epoch;
    await a.push({ name: 'release', args: { conversationKey: 'au:1', epoch: e1 } });
    const e2 = (await a.push({ name: 'claim', args: { conversationKey: 'au:2' } })).results[0]!.claim!.epoch;
    await a.push({ name: 'handoff', args: { conversationKey: 'au:2', epoch: e2, to: other.memberId, note: 'over to you' } });
    await a.push({ name: 'setCrisisMode', args: { on: true, holdingStatement: 'x' } }); // denied
    await ad.push({ name: 'setCrisisMode', args: { on: true, holdingStatement: 'Holding.' } });
    await ad.push({ name: 'setCrisisMode', args: { on: false, holdingStatement: null } });
    await ad.push({ name: 'upsertReply', args: { id: 'reply-au01', title: 'T', body: 'B', tags: [], crisisSafe: true } });
    await ad.push({ name: 'approveReply', args: { id: 'reply-au01' } });
    await ad.push({ name: 'retireReply', args: { id: 'reply-au01' } });
    await http(t.base, 'POST', `/v1/admin/members/${other.memberId}/role`, { token: admin.token, body: { role: 'admin' } });
    await http(t.base, 'POST', `/v1/admin/members/${other.memberId}/revoke`, { token: admin.token, body: {} });

    const log = (await entries()).slice(before);
    const summary = log.map((e) => [e.action, e.actor, e.target]);
    expect(summary).toEqual([
      ['claim', agent.memberId, 'au:1'],
      ['claim.release', agent.memberId, 'au:1'],
      ['claim', agent.memberId, 'au:2'],
      ['handoff', agent.memberId, 'au:2'],
      ['authz.denied', agent.memberId, 'setCrisisMode'],
      ['crisis.on', admin.memberId, teamId],
      ['crisis.off', admin.memberId, teamId],
      ['reply.create', admin.memberId, 'reply-au01'],
      ['reply.approve', admin.memberId, 'reply-au01'],
      ['reply.retire', admin.memberId, 'reply-au01'],
      ['member.role', admin.memberId, other.memberId],
      // The hand-off gave `other` the claim on au:2; revoking releases it.
      ['member.revoke', admin.memberId, other.memberId],
      ['claim.release', admin.memberId, 'au:2'],
    ]);
    for (const e of log) {
      expect(e.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(Math.abs(e.at - Date.now())).toBeLessThan(60_000);
    }
    expect(JSON.parse(log.find((e) => e.action === 'member.role')!.detail!)).toEqual({ from: 'agent', to: 'admin' });
    // Sequence numbers only grow.
    const seqs = log.map((e) => e.seq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
  });

  it('exports as CSV, with formula-looking cells defused', async () => {
    const res = await http(t.base, 'GET', '/v1/admin/audit?format=csv', { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe('seq,at,actor,action,target,detail,requestId');
    expect(lines.length).toBe((await entries()).length + 1);
    expect(lines.some((l) => /,claim,au:1,/.test(l))).toBe(true);
    for (const l of lines.slice(1)) expect(l).toMatch(/^\d+,\d{4}-\d\d-\d\dT/);
    // A member's display name or note could start a formula; the cell is defused and quoted.
    const csv = auditToCsv([{ seq: 1, at: 0, actor: '=HYPERLINK("http://x")', action: 'a', target: '+1', detail: 'x,y', requestId: null }]);
    expect(csv.split('\r\n')[1]).toBe(`1,1970-01-01T00:00:00.000Z,"'=HYPERLINK(""http://x"")",a,'+1,"x,y",`);
  });

  it('is append-only in the database itself', async () => {
    const { db } = t.server.database;
    await expect(db.updateTable('audit').set({ action: 'nothing' }).where('team_id', '=', teamId).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit').where('team_id', '=', teamId).execute()).rejects.toThrow(/append-only/);
  });
});
