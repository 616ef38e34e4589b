/**
 * The overlay test contract (DESIGN §4) checked against a fixture's expected.json: one row
 * timer per listed conversation (distinct keys), each row's and the thread header's
 * `data-baton-waiting-since` equal to the fixture's inbound time ('' when answered/unknown).
 * Test-only (imports vitest); not re-exported from the harness index.
 */
import type { Page } from 'puppeteer';
import { expect } from 'vitest';
import type { Expected } from './expected.ts';
import { readTimers, type TimerInfo } from './timers.ts';

const STATES = ['ok', 'warn', 'breach', 'unknown'];
const place = (t: TimerInfo) => t.attrs['data-baton-place'];

/** Waits until the page shows at least the expected row and thread timers, then settles. */
export async function waitForExpectedTimers(page: Page, expected: Expected, timeout = 15_000): Promise<TimerInfo[]> {
  const rows = expected.conversations.length;
  const threads = expected.thread ? 1 : 0;
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const seen = await readTimers(page);
    if (seen.filter((t) => place(t) === 'row').length >= rows && seen.filter((t) => place(t) === 'thread').length >= threads) break;
    await new Promise((r) => setTimeout(r, 150));
  }
  // Late rows or a duplicate would show up now: read again after the overlays settle.
  await new Promise((r) => setTimeout(r, 600));
  return readTimers(page);
}

/**
 * Asserts the contract on what `waitForExpectedTimers` returned. The browser's clock started at
 * the fixture's `now` and has run since, so a relative time ("2h") reads up to `slackMs` later
 * than written; absolute and machine-readable times still read exactly.
 */
export function expectContract(timers: TimerInfo[], expected: Expected, slackMs: number): void {
  const rows = timers.filter((t) => place(t) === 'row');
  const threads = timers.filter((t) => place(t) === 'thread');
  const summary = JSON.stringify(timers.map((t) => [place(t), t.key, t.waitingSince]));
  expect(rows.map((t) => t.key).sort(), `row timer keys; saw ${summary}`).toEqual(expected.conversations.map((c) => c.key).sort());
  for (const c of expected.conversations) {
    const t = rows.find((r) => r.key === c.key)!;
    // The open conversation's row shows what its thread shows (oldest unanswered inbound).
    expectSince(t.waitingSince, c.withThread !== undefined ? c.withThread : c.waitingSince, slackMs, `row ${c.key}`);
    expect(STATES, `row ${c.key} state`).toContain(t.state);
  }
  if (expected.thread) {
    expect(threads.map((t) => t.key), `thread timer; saw ${summary}`).toEqual([expected.thread.key]);
    expectSince(threads[0]!.waitingSince, expected.thread.waitingSince, slackMs, `thread ${expected.thread.key}`);
    expect(STATES).toContain(threads[0]!.state);
  } else {
    expect(threads, `no thread is open; saw ${summary}`).toEqual([]);
  }
}

function expectSince(actual: string, expected: string | null, slackMs: number, what: string): void {
  if (!expected) {
    expect(actual, `${what}: answered or unknown, so no waiting-since`).toBe('');
    return;
  }
  const late = Date.parse(actual) - Date.parse(expected);
  const msg = `${what}: waiting-since "${actual}", fixture says ${expected} (clock ran ${slackMs} ms)`;
  expect(Number.isNaN(late), msg).toBe(false);
  expect(late, msg).toBeGreaterThanOrEqual(0);
  expect(late, msg).toBeLessThanOrEqual(slackMs);
}
