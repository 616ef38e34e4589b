/**
 * Baton end to end in Firefox ESR (WebDriver BiDi, the firefox-mv3 build as a temporary add-on):
 * the overlay contract on every fixture whose times read the same under any clock (Firefox's
 * clock cannot be shifted here: it does not start under libfaketime), an unrecognised layout
 * showing nothing, and the options page reporting it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockIndependent, launchFirefox, listFixtures, openFixture, openOptions, waitForTimers, type FirefoxSession } from './harness/index.ts';
import { expectContract, waitForExpectedTimers } from './harness/contract.ts';

const fixtures = listFixtures();
const portable = fixtures.filter((f) => f.expected.recognised !== false && clockIndependent(f.expected) && (f.expected.timeZone ?? 'UTC') === 'UTC');
const unrecognised = fixtures.find((f) => f.expected.recognised === false && f.platform === 'x') ?? fixtures.find((f) => f.expected.recognised === false);

describe('Firefox ESR', () => {
  let s: FirefoxSession;
  beforeAll(async () => {
    s = await launchFirefox();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('has fixtures to run (machine-readable times, so any clock reads them the same)', () => {
    expect(portable.length).toBeGreaterThan(0);
  });

  it.each(portable.map((f) => ({ id: `${f.platform}/${f.name}`, f })))('$id: a timer on every row and the thread header, at the inbound time', async ({ f }) => {
    const { page } = await openFixture(s, f);
    try {
      expectContract(await waitForExpectedTimers(page, f.expected), f.expected, 0);
    } finally {
      await page.close();
    }
  });

  it.runIf(unrecognised)(`${unrecognised?.platform}/${unrecognised?.name}: no timers, options says "layout not recognised"`, async () => {
    const f = unrecognised!;
    const { page } = await openFixture(s, f);
    await waitForTimers(page, 0, { settleMs: 3000 });
    const options = await openOptions(s);
    const row = `tr[data-platform="${f.platform}"]`;
    await options.waitForSelector(`${row}[data-health="broken"]`, { timeout: 30_000 });
    expect(await options.$eval(row, (el) => el.textContent)).toContain('Layout not recognised');
    await options.close();
    await page.close();
  });
});
