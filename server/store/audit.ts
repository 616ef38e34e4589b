/** The append-only audit log: who did what to which target, timed by the database clock. */
import type { Kysely, RawBuilder } from 'kysely';
import type { Schema } from '../db/schema.ts';
import type { AuditEntry } from '../../lib/queue/protocol.ts';

export interface AuditEvent {
  teamId: string;
  actor: string;
  action: string;
  target?: string | null;
  detail?: Record<string, unknown> | null;
  requestId?: string | null;
}

export async function appendAudit(db: Kysely<Schema>, nowMs: RawBuilder<number>, e: AuditEvent): Promise<void> {
  await db
    .insertInto('audit')
    .values({
      team_id: e.teamId,
      at: nowMs,
      actor: e.actor,
      action: e.action,
      target: e.target ?? null,
      detail: e.detail ? JSON.stringify(e.detail) : null,
      request_id: e.requestId ?? null,
    })
    .execute();
}

export async function listAudit(db: Kysely<Schema>, teamId: string, afterSeq = 0, limit = 10_000): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom('audit')
    .select(['seq', 'at', 'actor', 'action', 'target', 'detail', 'request_id'])
    .where('team_id', '=', teamId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    actor: r.actor,
    action: r.action,
    target: r.target,
    detail: r.detail,
    requestId: r.request_id,
  }));
}

const CSV_COLUMNS = ['seq', 'at', 'actor', 'action', 'target', 'detail', 'requestId'] as const;

/**
 * RFC 4180 CSV. Cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) get a
 * leading apostrophe (OWASP CSV injection).
 */
export function auditToCsv(entries: readonly AuditEntry[]): string {
  const cell = (v: string | number | null): string => {
    let s = v === null ? '' : String(v);
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of entries) {
    lines.push(
      [e.seq, new Date(e.at).toISOString(), e.actor, e.action, e.target, e.detail, e.requestId].map(cell).join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
