/**
 * Loads a platform fixture the way a browser would — at its real URL, with its inline scripts run
 * (they attach the open shadow roots the real pages create, sometimes late) — and reads its
 * sibling `<name>.expected.json` (the catalogue shared with E2E: tests/e2e/harness/expected.ts).
 */
import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { expect } from 'vitest';
import { z } from 'zod';
import { InertCopier, readRowIsolated } from '../../../lib/overlay/isolated-read';
import { preferThread } from '../../../lib/platforms/common';
import { checkHealth } from '../../../lib/platforms/health';
import { listFixtures, type Fixture } from '../../e2e/harness/expected.ts';
import type { PlatformAdapter, ReadContext } from '../../../lib/platforms/types';

export { listFixtures, type Fixture };

const Iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'ISO-8601 date');

/** What the adapter unit tests check beyond the E2E essentials (all optional, per fixture). */
const Conversation = z.looseObject({
  key: z.string(),
  waitingSince: Iso.nullable(),
  customerName: z.string().nullable().optional(),
  lastIsInbound: z.boolean().nullable().optional(),
  unread: z.boolean().optional(),
  /** The row's waiting-since once merged with the open thread (common.preferThread). */
  withThread: Iso.nullable().optional(),
  /**
   * False when the row cannot be read on its own (the overlay then falls back to a full read):
   * e.g. a mention, whose answer is another tweet, or an id-less row whose key needs the thread.
   */
  isolated: z.boolean().default(true),
});

export const UnitExpectedSchema = z.looseObject({
  url: z.url(),
  pageKind: z.enum(['inbox', 'thread', 'comments']).nullable().optional(),
  now: Iso.optional(),
  timeZone: z.string().default('UTC'),
  recognised: z.boolean().default(true),
  identity: z.string().nullable().optional(),
  composer: z.boolean().optional(),
  conversations: z.array(Conversation).default([]),
  thread: Conversation.extend({ messageCount: z.number().int().optional() }).nullable().optional(),
});
export type UnitExpected = z.infer<typeof UnitExpectedSchema>;

export interface LoadedFixture {
  document: Document;
  expected: UnitExpected;
  ctx: ReadContext;
  close(): Promise<void>;
}

export async function loadFixture(fixture: Fixture): Promise<LoadedFixture> {
  const expected = UnitExpectedSchema.parse(JSON.parse(readFileSync(fixture.expectedPath, 'utf8')));
  const html = readFileSync(fixture.htmlPath, 'utf8');
  const win = new Window({
    url: expected.url,
    settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true },
  });
  win.document.write(html);
  // Runs the fixture's timers too: shadow roots attached after load are in place afterwards.
  await win.happyDOM.waitUntilComplete();
  const document = win.document as unknown as Document;
  const ctx: ReadContext = {
    now: new Date(expected.now ?? '2026-11-20T12:00:00.000Z'),
    locale: document.documentElement.lang || 'en',
    timeZone: expected.timeZone,
    url: new URL(expected.url),
  };
  return { document, expected, ctx, close: () => win.happyDOM.close() };
}

/** ISO string or null, for comparing observations with expected.json. */
export function iso(d: Date | null | undefined): string | null {
  return d ? d.toISOString() : null;
}

/**
 * The adapter's whole reading of a fixture against its expected.json: page kind, health, every
 * row (key, name, direction, unread, waiting-since), the open thread, the merged row, identity
 * and composer. Rows must be elements of the page and distinct per conversation.
 */
export async function expectAdapterOnFixture(adapter: PlatformAdapter, fixture: Fixture): Promise<void> {
  const { document, expected, ctx, close } = await loadFixture(fixture);
  try {
    const kind = adapter.pageKind(ctx.url);
    if (expected.pageKind !== undefined) expect(kind).toBe(expected.pageKind);
    expect(checkHealth(adapter, document, kind).recognised).toBe(expected.recognised);
    const rows = adapter.readConversations(document, ctx);
    // Compare only the fields each expected conversation states.
    const wanted = expected.conversations;
    const actual = rows.map((r, i) => {
      const w = wanted[i] ?? {};
      const out: Record<string, unknown> = { key: r.key, waitingSince: iso(r.waitingSince) };
      if ('customerName' in w) out.customerName = r.customerName;
      if ('lastIsInbound' in w) out.lastIsInbound = r.lastIsInbound;
      if ('unread' in w) out.unread = r.unread;
      return out;
    });
    const stated = wanted.map((w) => {
      const out: Record<string, unknown> = { key: w.key, waitingSince: w.waitingSince };
      for (const f of ['customerName', 'lastIsInbound', 'unread'] as const) if (w[f] !== undefined) out[f] = w[f];
      return out;
    });
    expect(actual).toEqual(stated);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    for (const r of rows) {
      expect(r.platform).toBe(adapter.id);
      expect(r.row.isConnected).toBe(true);
    }
    // The overlay re-reads a changed row from an inert copy of it (lib/overlay/isolated-read):
    // that read must agree with the full one, or decline (null) where the fixture says so.
    const copier = new InertCopier(document.implementation, ctx.url.href);
    for (const [i, full] of rows.entries()) {
      const alone = readRowIsolated(adapter, full.row, ctx, copier);
      if (wanted[i]?.isolated === false) expect(alone).toBeNull();
      else {
        expect(alone && [alone.key, alone.customerName, iso(alone.waitingSince), alone.lastIsInbound, alone.row]).toEqual([
          full.key,
          full.customerName,
          iso(full.waitingSince),
          full.lastIsInbound,
          full.row,
        ]);
      }
    }
    const thread = adapter.readThread(document, ctx);
    if (expected.thread) {
      expect(thread).not.toBeNull();
      expect(thread?.key).toBe(expected.thread.key);
      expect(iso(thread?.waitingSince)).toBe(expected.thread.waitingSince);
      if (expected.thread.customerName !== undefined) expect(thread?.customerName).toBe(expected.thread.customerName);
      if (expected.thread.lastIsInbound !== undefined) expect(thread?.lastIsInbound).toBe(expected.thread.lastIsInbound);
      if (expected.thread.messageCount !== undefined) expect(thread?.messages).toHaveLength(expected.thread.messageCount);
      expect(thread?.header.isConnected).toBe(true);
    } else {
      expect(thread).toBeNull();
    }
    const merged = preferThread(rows, thread);
    for (const c of expected.conversations) {
      if (c.withThread === undefined) continue;
      expect(iso(merged.find((r) => r.key === c.key)?.waitingSince)).toBe(c.withThread);
    }
    if (expected.identity !== undefined) expect(adapter.readActingIdentity(document)).toBe(expected.identity);
    if (expected.composer !== undefined) expect(adapter.findComposer(document) !== null).toBe(expected.composer);
  } finally {
    await close();
  }
}
