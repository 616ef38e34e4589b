/**
 * axe-core (through @axe-core/puppeteer) on Baton's own UI in real Chromium: the options page,
 * and the timer overlays on fixture pages in a left-to-right and a right-to-left language.
 * Fixture pages are the platforms' markup, not Baton's, so the overlay scans include only
 * Baton's hosts (and their open shadow roots).
 */
import { AxePuppeteer } from '@axe-core/puppeteer';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, listFixtures, openFixture, openOptions, type ChromiumSession, type Fixture } from './harness/index.ts';
import { waitForExpectedTimers } from './harness/contract.ts';

async function scan(page: Page, include?: string): Promise<{ serious: string[]; contrastChecked: number }> {
  const axe = new AxePuppeteer(page);
  if (include) axe.include(include);
  const result = await axe.analyze();
  return {
    serious: result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    // Proof the scan reached into the shadow roots: contrast was judged on real text nodes.
    contrastChecked: [...result.passes, ...result.violations].filter((r) => r.id === 'color-contrast').reduce((n, r) => n + r.nodes.length, 0),
  };
}

const fixtures = listFixtures().filter((f) => f.expected.recognised !== false && f.expected.conversations.length > 0);
const rtl = (f: Fixture) => /-ar$/.test(f.name);
const picks = [fixtures.find((f) => !rtl(f) && f.expected.thread), fixtures.find((f) => rtl(f))].filter((f): f is Fixture => !!f);

describe('accessibility (axe-core: no serious or critical violations)', () => {
  let s: ChromiumSession;
  beforeAll(async () => {
    s = await launchChromium({ now: picks[0]?.expected.now });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('options page', async () => {
    const page = await openOptions(s, 'tr[data-platform]');
    const { serious, contrastChecked } = await scan(page);
    expect(serious).toEqual([]);
    expect(contrastChecked).toBeGreaterThan(0);
    await page.close();
  });

  it('has an LTR and an RTL fixture to check', () => {
    expect(picks.length).toBe(2);
  });

  it.each(picks.map((f) => ({ id: `${f.platform}/${f.name}`, f })))('timer overlays on $id', async ({ f }) => {
    const { page } = await openFixture(s, f);
    const timers = await waitForExpectedTimers(page, f.expected);
    expect(timers.length).toBeGreaterThan(0);
    const { serious, contrastChecked } = await scan(page, 'baton-timer');
    expect(serious).toEqual([]);
    expect(contrastChecked).toBeGreaterThan(0);
    await page.close();
  });
});
