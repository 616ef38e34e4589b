/**
 * Response timers on every platform fixture, served at the platform's real URL to the built
 * extension in Chromium, with the pages' clock frozen at the fixture's `now`. Data-driven over
 * tests/fixtures/<platform>/*.expected.json: a new fixture is covered without new test code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockSlackMs, launchChromium, listFixtures, openFixture, openOptions, waitForTimers, type ChromiumSession, type Fixture } from './harness/index.ts';
import { expectContract, waitForExpectedTimers } from './harness/contract.ts';

const all = listFixtures();
const recognised = all.filter((f) => f.expected.recognised !== false);
const unrecognised = all.filter((f) => f.expected.recognised === false);

/** Fixtures sharing a clock share a browser. */
const byClock = new Map<string, Fixture[]>();
for (const f of recognised) byClock.set(f.expected.now ?? '', [...(byClock.get(f.expected.now ?? '') ?? []), f]);

it('every platform has fixtures with expectations, and a page Baton must not recognise exists', () => {
  expect(new Set(recognised.map((f) => f.platform)).size).toBeGreaterThanOrEqual(5);
  expect(unrecognised.length).toBeGreaterThan(0);
});

describe.each([...byClock.entries()].map(([now, fixtures]) => ({ now, fixtures })))('clock $now', ({ now, fixtures }) => {
  let s: ChromiumSession;
  beforeAll(async () => {
    s = await launchChromium({ now: now || undefined });
  });
  afterAll(async () => {
    await s?.close();
  });

  it.each(fixtures.map((f) => ({ id: `${f.platform}/${f.name}`, f })))('$id: a timer on every row and the thread header, at the inbound time', async ({ f }) => {
    const { page } = await openFixture(s, f);
    try {
      const timers = await waitForExpectedTimers(page, f.expected);
      expectContract(timers, f.expected, clockSlackMs(s.clock));
    } finally {
      await page.close();
    }
  });
});

describe.each(unrecognised.map((f) => ({ id: `${f.platform}/${f.name}`, f })))('$id (a layout Baton does not know)', ({ f }) => {
  let s: ChromiumSession;
  beforeAll(async () => {
    s = await launchChromium({ now: f.expected.now });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shows no timers, and options says "layout not recognised"', async () => {
    const { page } = await openFixture(s, f);
    await waitForTimers(page, 0, { settleMs: 3000 });
    // Health is reported once the page stays unrecognised past Baton's grace period.
    const options = await openOptions(s);
    const row = `tr[data-platform="${f.platform}"]`;
    await options.waitForSelector(`${row}[data-health="broken"]`, { timeout: 30_000 });
    expect(await options.$eval(row, (el) => el.textContent)).toContain('Layout not recognised');
    await page.close();
    await options.close();
  });
});
