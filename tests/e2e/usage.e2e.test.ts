/**
 * After-hours usage in real Chromium with the built extension: an inbox fixture served at its
 * real URL is the focused tab, the real heartbeat alarm fires, the background's IndexedDB
 * accrues the time, the popup shows it, nothing the extension sends anywhere carries usage
 * data, and axe finds no serious or critical problem in the popup (light, dark, Arabic).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AxePuppeteer } from '@axe-core/puppeteer';
import type { CDPSession, HTTPRequest, Page, WebWorker } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForBatonDb } from './usage-db.ts';
import { fixturesDir, launchChromium, launchFirefox, openPopup, serveFixtures, serviceWorker, type ChromiumSession, type FirefoxSession } from './harness/index.ts';

interface Sent {
  from: string;
  url: string;
  body: string;
  headers: string;
}

/** What the worker sees of the extension APIs it uses here (tsconfig loads no chrome types). */
interface WorkerChrome {
  alarms: { create(name: string, info: { when: number; periodInMinutes: number }): Promise<void> };
  storage: { local: { set(items: Record<string, unknown>): Promise<void> } };
}
interface TrackerRow {
  open: { platform: string; start: number; lastBeat: number } | null;
}

const FIXTURE = JSON.parse(readFileSync(path.join(fixturesDir, 'x', 'chat-shadow.expected.json'), 'utf8')) as { url: string };
const ALL_DAYS_OFF = { timeZone: 'UTC', days: [[], [], [], [], [], [], []], holidays: [] };
/** Strings that would only appear in a request carrying usage records or summaries. */
const USAGE_MARKERS = ['afterHoursMs', 'inHoursMs', 'lateNightMs', 'longestAfterHours', 'usageDays', 'usageIntervals', 'lastBeat', 'baton-usage', 'usage/'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Read the tracker record straight from the extension's IndexedDB (inside the worker). */
function readTracker(worker: WebWorker): Promise<TrackerRow | null> {
  return worker.evaluate(
    () =>
      new Promise<TrackerRow | null>((resolve, reject) => {
        const open = indexedDB.open('baton');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('usageState').objectStore('usageState').get('tracker');
          get.onsuccess = () => {
            db.close();
            resolve((get.result as TrackerRow | undefined) ?? null);
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

/** Fire the real heartbeat alarm now (the listener is the production one), keeping its period. */
async function heartbeatNow(worker: WebWorker): Promise<void> {
  await worker.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: WorkerChrome }).chrome;
    await c.alarms.create('usage-heartbeat', { when: Date.now(), periodInMinutes: 1 });
  });
}

async function waitFor<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeout = 15_000): Promise<T> {
  const until = Date.now() + timeout;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > until) return v;
    await sleep(200);
  }
}

describe('after-hours usage (Chromium)', () => {
  let s: ChromiumSession;
  let worker: WebWorker;
  let workerCdp: CDPSession;
  const sent: Sent[] = [];

  const record = (from: string) => (req: HTTPRequest) =>
    sent.push({ from, url: req.url(), body: req.postData() ?? '', headers: JSON.stringify(req.headers()) });

  beforeAll(async () => {
    s = await launchChromium();
    worker = await serviceWorker(s);
    await waitForBatonDb(worker);
    // Every request the service worker makes, with its body and headers.
    const target = s.browser.targets().find((t) => t.type() === 'service_worker' && t.url() === `${s.baseUrl}background.js`);
    if (!target) throw new Error('no service worker target');
    workerCdp = await target.createCDPSession();
    await workerCdp.send('Network.enable');
    workerCdp.on('Network.requestWillBeSent', (e) =>
      sent.push({ from: 'worker', url: e.request.url, body: e.request.postData ?? '', headers: JSON.stringify(e.request.headers) }),
    );
    // The user's own schedule: every day off, so all of this time is after hours.
    await worker.evaluate(async (schedule) => {
      const c = (globalThis as unknown as { chrome: WorkerChrome }).chrome;
      await c.storage.local.set({ workSchedule: schedule });
    }, ALL_DAYS_OFF);
  });

  afterAll(async () => {
    await s?.close();
  });

  let inbox: Page;

  it('focusing a fixture inbox tab accrues active time through the real heartbeat', async () => {
    inbox = await s.browser.newPage();
    await serveFixtures(inbox, { [FIXTURE.url]: path.join(fixturesDir, 'x', 'chat-shadow.html') });
    inbox.on('request', record('inbox page'));
    await inbox.goto(FIXTURE.url, { waitUntil: 'load' });
    await inbox.bringToFront();

    const opened = await waitFor(() => readTracker(worker), (t) => t?.open?.platform === 'x');
    expect(opened?.open?.platform).toBe('x');
    await sleep(1500);
    await heartbeatNow(worker);
    const beat = await waitFor(() => readTracker(worker), (t) => !!t?.open && t.open.lastBeat - t.open.start >= 1000);
    expect(beat?.open?.platform).toBe('x');
    expect(beat!.open!.lastBeat - beat!.open!.start).toBeGreaterThanOrEqual(1000);
  });

  it('the popup, opened as its page, shows that time after hours and per platform', async () => {
    const popup = await s.browser.newPage();
    await popup.setRequestInterception(true);
    popup.on('request', (req) => {
      record('popup')(req);
      if (req.url().startsWith(s.baseUrl)) void req.continue();
      else void req.respond({ status: 204, body: '' });
    });
    // Opening the popup tab takes focus from the inbox: that closes the interval for real.
    await popup.goto(`${s.baseUrl}popup.html`, { waitUntil: 'load' });
    await popup.waitForSelector('[data-testid="today-after"]', { timeout: 15_000 });
    const summary = (await popup.evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
        baton: 1,
        type: 'usage/summary',
        payload: null,
      }),
    )) as { ok: boolean; value: { today: { afterHoursMs: number; inHoursMs: number }; platforms: { platform: string }[] } };
    expect(summary.ok).toBe(true);
    expect(summary.value.today.afterHoursMs).toBeGreaterThanOrEqual(1000);
    expect(summary.value.today.inHoursMs).toBe(0);
    expect(summary.value.platforms.map((p) => p.platform)).toEqual(['x']);

    expect(await popup.$eval('[data-testid="today-after"]', (e) => e.textContent)).toBe('under 1 min');
    expect(await popup.$eval('tr[data-platform="x"] th', (e) => e.textContent)).toBe('X');
    expect(await popup.$eval('[data-testid="privacy"]', (e) => e.textContent)).toMatch(/only in this browser/i);
    // All days are off: the popup says so and when the next shift starts (none).
    expect(await popup.$eval('.shift-off h2', (e) => e.textContent)).toMatch(/off shift/i);
    await popup.close();
  });

  it('axe finds no serious or critical violation in the popup (light, dark, Arabic)', async () => {
    const check = async (label: string, prepare: (p: Page) => Promise<void>) => {
      const popup = await s.browser.newPage();
      await prepare(popup);
      await popup.goto(`${s.baseUrl}popup.html`, { waitUntil: 'load' });
      await popup.waitForSelector('[data-testid="today-after"]', { timeout: 15_000 });
      const result = await new AxePuppeteer(popup).analyze();
      const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad.map((v) => `${label}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      await popup.close();
    };
    await check('light', (p) => p.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]));
    await check('dark', (p) => p.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]));
    await worker.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: WorkerChrome }).chrome;
      await c.storage.local.set({ uiLocale: 'ar' });
    });
    await check('arabic', async (p) => {
      await p.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    });
    const popup = await openPopup(s, '[data-testid="today-after"]');
    expect(await popup.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    await popup.close();
  });

  it('no request made by the extension, to any origin, carries usage data', async () => {
    // More real activity first: another heartbeat and an export, so usage data certainly exists.
    await inbox.bringToFront();
    await heartbeatNow(worker);
    await sleep(500);
    const page = await openPopup(s, '[data-testid="today-after"]');
    const exported = (await page.evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
        baton: 1,
        type: 'usage/export',
        payload: { format: 'json' },
      }),
    )) as { ok: boolean; value: { body: string } };
    expect(exported.ok).toBe(true);
    expect(exported.value.body).toContain('afterHoursMs'); // the markers are real field names
    await page.close();
    // The recorder itself must see worker traffic: a canary request from the worker is caught.
    await worker.evaluate(() => fetch('https://canary.baton-test.invalid/?probe=1').then(() => undefined, () => undefined));
    await sleep(500);
    expect(sent.some((r) => r.from === 'worker' && r.url.includes('canary.baton-test.invalid'))).toBe(true);
    const leaks = sent.filter((r) => USAGE_MARKERS.some((m) => r.url.includes(m) || r.body.includes(m) || r.headers.includes(m)));
    expect(leaks).toEqual([]);
    // The worker made no network request at all: usage never leaves the browser.
    expect(sent.filter((r) => r.from === 'worker' && !r.url.startsWith(s.baseUrl) && !r.url.includes('canary.baton-test.invalid'))).toEqual([]);
  });
});

describe('after-hours usage (Firefox)', () => {
  let s: FirefoxSession;
  beforeAll(async () => {
    s = await launchFirefox();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the popup gets its summary from the event page and states privacy', async () => {
    const popup = await openPopup(s, '[data-testid="privacy"]');
    // A fresh profile has no usage yet: the empty state, and no error from the background.
    await popup.waitForSelector('.empty h2', { timeout: 15_000 });
    expect(await popup.$eval('.empty h2', (e) => e.textContent)).toBe('No inbox time yet');
    expect(await popup.$('[role="alert"]')).toBeNull();
    expect(await popup.$eval('[data-testid="privacy"]', (e) => e.textContent)).toMatch(/never seen by a lead/);
    await popup.close();
  });
  it('focusing a fixture inbox tab accrues time in Firefox too', async () => {
    type Ext = { storage: { local: { set(i: Record<string, unknown>): Promise<void> } }; runtime: { sendMessage(m: unknown): Promise<unknown> } };
    const setup = await openPopup(s, '[data-testid="privacy"]');
    await setup.evaluate(async (schedule) => {
      await (globalThis as unknown as { browser: Ext }).browser.storage.local.set({ workSchedule: schedule });
    }, ALL_DAYS_OFF);
    await setup.close();
    const inbox = await s.browser.newPage();
    await serveFixtures(inbox, { [FIXTURE.url]: path.join(fixturesDir, 'x', 'chat-shadow.html') });
    await inbox.goto(FIXTURE.url, { waitUntil: 'load' });
    await inbox.bringToFront();
    await sleep(2000);
    // Opening the popup tab takes the focus: the inbox interval closes with its real length.
    const popup = await openPopup(s, '[data-testid="privacy"]');
    const reply = (await popup.evaluate(() =>
      (globalThis as unknown as { browser: Ext }).browser.runtime.sendMessage({ baton: 1, type: 'usage/summary', payload: null }),
    )) as { ok: boolean; value: { today: { afterHoursMs: number }; platforms: { platform: string }[] } };
    expect(reply.ok).toBe(true);
    expect(reply.value.today.afterHoursMs).toBeGreaterThanOrEqual(1500);
    expect(reply.value.platforms.map((p) => p.platform)).toEqual(['x']);
    await popup.close();
    await inbox.close();
  });
});
