/**
 * A platform page with a strict Content-Security-Policy (no 'unsafe-inline' styles, as large
 * sites ship): the timer badges must still be styled. Baton styles them through the CSSOM on a
 * template and clones it (lib/overlay/badge.ts); a style attribute would be blocked here. The
 * badge's computed size and colours are checked in Chromium and in Firefox ESR.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { clockIndependent, launchChromium, launchFirefox, listFixtures, serveFixtures, waitForTimers, type ChromiumSession, type FirefoxSession } from './harness/index.ts';
import { STATE_COLORS } from '../../lib/overlay/badge-css.ts';

const STRICT = "default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self' data:";
const fixture = listFixtures().find((f) => f.platform === 'x' && f.expected.recognised !== false && clockIndependent(f.expected) && (f.expected.timeZone ?? 'UTC') === 'UTC');

/** Computed styles of the first row badge, read in the page (shadow roots are open). */
function badgeStyles(): { host: string; height: string; background: string; color: string; state: string; dot: string } | null {
  const host = document.querySelector('baton-timer[data-baton-place="row"]');
  const badge = host?.shadowRoot?.querySelector('.badge');
  const dot = host?.shadowRoot?.querySelector('.dot');
  if (!host || !badge || !dot) return null;
  const b = getComputedStyle(badge);
  return { host: getComputedStyle(host).display, height: b.height, background: b.backgroundColor, color: b.color, state: badge.getAttribute('data-state') ?? '', dot: getComputedStyle(dot).width };
}

const rgb = (hex: string) => {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
};

async function check(page: Page): Promise<void> {
  await waitForTimers(page, 1, { atLeast: true });
  const s = await page.evaluate(badgeStyles);
  expect(s).not.toBeNull();
  expect(s!.host).toBe('inline-block');
  expect(s!.height).toBe('18px');
  expect(s!.dot).toBe('6px');
  const colours = STATE_COLORS[s!.state as keyof typeof STATE_COLORS];
  expect(colours).toBeDefined();
  expect(s!.background).toBe(rgb(colours.background));
  expect(s!.color).toBe(rgb(colours.color));
  // The policy is really in force: a style attribute set by the page's own means is dropped.
  const blocked = await page.evaluate(() => {
    const probe = document.createElement('span');
    probe.setAttribute('style', 'display: block; height: 33px');
    document.body.append(probe);
    const h = getComputedStyle(probe).height;
    probe.remove();
    return h;
  });
  expect(blocked).not.toBe('33px');
}

describe.runIf(fixture)('a page whose CSP forbids inline styles', () => {
  const body = fixture ? readFileSync(fixture.htmlPath, 'utf8') : '';
  const route = { body, headers: { 'content-security-policy': STRICT } };
  let chromium: ChromiumSession | undefined;
  let firefox: FirefoxSession | undefined;
  afterAll(async () => {
    await chromium?.close();
    await firefox?.close();
  });

  it('Chromium: badges keep their size and colours', async () => {
    chromium = await launchChromium();
    const page = await chromium.browser.newPage();
    await serveFixtures(page, { [fixture!.expected.url]: route });
    await page.goto(fixture!.expected.url, { waitUntil: 'load' });
    await check(page);
    await page.close();
  });

  it('Firefox ESR: badges keep their size and colours', async () => {
    firefox = await launchFirefox();
    const page = await firefox.browser.newPage();
    await serveFixtures(page, { [fixture!.expected.url]: route });
    await page.goto(fixture!.expected.url, { waitUntil: 'load' });
    await check(page);
    await page.close();
  });
});
