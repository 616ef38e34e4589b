/**
 * The fixture catalogue: every `tests/fixtures/<platform>/<name>.html` with a sibling
 * `<name>.expected.json` saying where the page is served and what Baton must show on it.
 * E2E tests are data-driven over this list, so a new fixture is covered without new test code.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { fixturesDir } from './paths.ts';

const Iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'ISO-8601 date');

const Conversation = z.looseObject({
  key: z.string().min(1),
  /** ISO time of the oldest unanswered inbound message, or null when answered / unknown. */
  waitingSince: Iso.nullable(),
  /**
   * For the open conversation's row: its waiting-since once merged with the open thread (which
   * sees older unanswered messages than the row's preview). The overlay shows this value.
   */
  withThread: Iso.nullable().optional(),
  /** Where the time comes from: `machine` (datetime/title), `label`, `text` (visible), `none`. */
  timeSource: z.string().optional(),
});

export const ExpectedSchema = z.looseObject({
  /** The real platform URL the fixture is served at. */
  url: z.url(),
  /** Conversation rows in the list (empty when the page has no list). */
  conversations: z.array(Conversation).default([]),
  /** The open thread, or null / absent when none is open. */
  thread: Conversation.nullable().optional(),
  /** False for pages whose layout the adapter must NOT recognise (no timers, health says so). */
  recognised: z.boolean().optional(),
  /** When the fixture's relative times were written against (unit tests inject it as `now`). */
  now: Iso.optional(),
  /** IANA zone the fixture's clock times are written in (default UTC). */
  timeZone: z.string().optional(),
  pageKind: z.enum(['inbox', 'thread', 'comments']).nullable().optional(),
});
export type Expected = z.infer<typeof ExpectedSchema>;

/** True when every time on the page is machine-readable (or absent): it reads the same under any clock. */
export function clockIndependent(e: Expected): boolean {
  const all = [...e.conversations, ...(e.thread ? [e.thread] : [])];
  return all.every((c) => c.timeSource === 'machine' || c.timeSource === 'none' || c.waitingSince === null);
}

export interface Fixture {
  platform: string;
  name: string;
  htmlPath: string;
  expectedPath: string;
  expected: Expected;
}

/** Every fixture with an expected.json; throws on a malformed one (a broken fixture is a bug). */
export function listFixtures(platform?: string): Fixture[] {
  if (!existsSync(fixturesDir)) return [];
  const out: Fixture[] = [];
  for (const dir of readdirSync(fixturesDir, { withFileTypes: true })) {
    if (!dir.isDirectory() || (platform && dir.name !== platform)) continue;
    const folder = path.join(fixturesDir, dir.name);
    for (const file of readdirSync(folder)) {
      if (!file.endsWith('.expected.json')) continue;
      const name = file.slice(0, -'.expected.json'.length);
      const htmlPath = path.join(folder, `${name}.html`);
      if (!existsSync(htmlPath)) continue;
      const expectedPath = path.join(folder, file);
      const parsed = ExpectedSchema.safeParse(JSON.parse(readFileSync(expectedPath, 'utf8')));
      if (!parsed.success) throw new Error(`${expectedPath}: ${z.prettifyError(parsed.error)}`);
      out.push({ platform: dir.name, name, htmlPath, expectedPath, expected: parsed.data });
    }
  }
  return out.sort((a, b) => (a.platform + a.name).localeCompare(b.platform + b.name));
}
