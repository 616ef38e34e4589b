/**
 * The usage section of the options page in real Chromium: working hours saved as the validated
 * setting the background uses, export downloads a real file, and "delete my data" empties the
 * usage stores.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AxePuppeteer } from '@axe-core/puppeteer';
import type { Page, WebWorker } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openOptions, serviceWorker, type ChromiumSession } from './harness/index.ts';
import { waitForBatonDb } from './usage-db.ts';

interface WorkerChrome {
  storage: { local: { get(k: string): Promise<Record<string, unknown>> } };
}
const DAY = { day: '2026-11-20', platforms: { linkedin: { inHoursMs: 600_000, afterHoursMs: 1_200_000 } }, lateNightMs: 0, longestAfterHoursMs: 1_200_000 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function countDays(worker: WebWorker): Promise<number> {
  return worker.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('baton');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('usageDays').objectStore('usageDays').count();
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result);
          };
        };
      }),
  );
}

async function clickButton(page: Page, name: string): Promise<void> {
  const button = await page.waitForSelector(`::-p-aria([name="${name}"][role="button"])`, { timeout: 10_000 });
  await button!.click();
}

describe('usage section of the options page (Chromium)', () => {
  let s: ChromiumSession;
  let worker: WebWorker;
  let page: Page;
  const downloads = mkdtempSync(path.join(tmpdir(), 'baton-usage-dl-'));

  beforeAll(async () => {
    s = await launchChromium();
    worker = await serviceWorker(s);
    await waitForBatonDb(worker);
    // One day of history, written where the background keeps it.
    await worker.evaluate(
      (day) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('baton');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('usageDays', 'readwrite');
            tx.objectStore('usageDays').put(day);
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
          };
        }),
      DAY,
    );
    page = await openOptions(s);
    const cdp = await page.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    await page.waitForSelector('::-p-aria([name="After-hours usage"][role="heading"])', { timeout: 15_000 });
  });

  afterAll(async () => {
    await s?.close();
  });

  it('axe finds no serious or critical violation in the usage sections (light and dark)', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      const result = await new AxePuppeteer(page).include('[data-section="usage-settings"]').include('[data-section="usage-data"]').analyze();
      const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad.map((v) => `${scheme}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    }
  });

  it('saves working hours and a nudge budget as validated settings', async () => {
    expect(await page.select('::-p-aria([name="Your working hours"]) select', 'Asia/Riyadh')).toEqual(['Asia/Riyadh']);
    const budget = await page.waitForSelector('::-p-aria([name="Weekly after-hours budget (hours, blank = off)"])');
    await budget!.type('6');
    const form = await page.waitForSelector('::-p-aria([name="After-hours usage"][role="form"])');
    await (await form!.$('button[type="submit"]'))!.click();
    await page.waitForSelector('::-p-text(Saved)', { timeout: 10_000 });
    const stored = await worker.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: WorkerChrome }).chrome;
      return [(await c.storage.local.get('workSchedule')).workSchedule, (await c.storage.local.get('usageNudges')).usageNudges];
    });
    expect((stored[0] as { timeZone: string }).timeZone).toBe('Asia/Riyadh');
    expect(stored[1]).toEqual({ weeklyBudgetMinutes: 360, lateNightLimit: null });
  });

  it('exports the data as a CSV file', async () => {
    await clickButton(page, 'Export (CSV)');
    let files: string[] = [];
    for (let i = 0; i < 50 && !files.some((f) => f.endsWith('.csv')); i++) {
      await sleep(100);
      files = readdirSync(downloads);
    }
    const csv = files.find((f) => /^baton-usage-\d{4}-\d{2}-\d{2}\.csv$/.test(f));
    expect(csv).toBeDefined();
    expect(readFileSync(path.join(downloads, csv!), 'utf8')).toContain('2026-11-20,linkedin,10.00,20.00,,');
  });

  it('"delete my data" asks first, then empties the usage stores', async () => {
    expect(await countDays(worker)).toBe(1);
    await clickButton(page, 'Delete my usage data');
    await clickButton(page, 'Delete everything');
    await page.waitForSelector('::-p-text(Your usage data was deleted.)', { timeout: 10_000 });
    expect(await countDays(worker)).toBe(0);
  });
});
