/**
 * After-hours usage benchmark (`npm run bench -- usage`), in real Chromium with the built
 * extension and its real IndexedDB. Numbers come from the extension's own performance entries,
 * never from timing puppeteer round trips:
 *  - heartbeat: `baton:usage-step`, the worker's own work for one real heartbeat alarm (machine
 *    step + issuing the IndexedDB write), and `baton:usage-commit`, the wait until that write is
 *    durable, against a same-value read-write IndexedDB transaction in the same worker (floor);
 *  - popup: `baton:popup-ready` (navigation start → summary on screen) and `baton:popup-render`
 *    (summary received → committed) with one year of daily aggregates, against the same popup
 *    on an empty database.
 * Targets (issue 5): first render under 100 ms; heartbeat handling under 1 ms.
 */
import path from 'node:path';
import { loadavg } from 'node:os';
import type { WebWorker } from 'puppeteer';
import { fixturesDir, launchChromium, serveFixtures, serviceWorker, type ChromiumSession } from '../e2e/harness/index.ts';
import { waitForBatonDb } from '../e2e/usage-db.ts';

const BEATS = Number(process.env.BATON_BENCH_BEATS ?? 20);
const LOADS = Number(process.env.BATON_BENCH_LOADS ?? 7);
const INBOX_URL = 'https://x.com/i/chat/1001-2002';
const PLATFORMS = ['x', 'linkedin', 'tiktok', 'youtube'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(x < 10 ? 3 : 1) : 'n/a');
let missed = 0;
function verdict(ok: boolean, what: string, detail: string) {
  if (!ok) missed++;
  console.log(`  ${ok ? 'PASS' : 'MISS'}  ${what}: ${detail}`);
}

interface WorkerChrome {
  alarms: { create(name: string, info: { when: number; periodInMinutes: number }): Promise<void> };
  storage: { local: { set(items: Record<string, unknown>): Promise<void> } };
}

/** The latest step: [startTime, worker duration, commit duration, detail]. */
function lastStep(worker: WebWorker): Promise<[number, number, number, string] | null> {
  return worker.evaluate(() => {
    const e = performance.getEntriesByName('baton:usage-step').at(-1) as PerformanceMeasure | undefined;
    const c = performance.getEntriesByName('baton:usage-commit').at(-1) as PerformanceMeasure | undefined;
    return e && c ? ([e.startTime, e.duration, c.duration, String(e.detail)] as [number, number, number, string]) : null;
  });
}

async function heartbeatCosts(worker: WebWorker): Promise<{ work: number[]; commit: number[] }> {
  const costs = { work: [] as number[], commit: [] as number[] };
  for (let i = 0; i < BEATS; i++) {
    const before = await lastStep(worker);
    await worker.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: WorkerChrome }).chrome;
      await c.alarms.create('usage-heartbeat', { when: Date.now(), periodInMinutes: 1 });
    });
    for (let waited = 0; waited < 10_000; waited += 50) {
      const now = await lastStep(worker);
      if (now && now[3] === 'heartbeat' && (!before || now[0] !== before[0])) {
        costs.work.push(now[1]);
        costs.commit.push(now[2]);
        break;
      }
      await sleep(50);
    }
  }
  return costs;
}

/** A read-write transaction writing back the value it read (same size as a heartbeat's write), timed inside the worker. */
function noopTransactionCosts(worker: WebWorker, n: number): Promise<number[]> {
  return worker.evaluate(
    (count) =>
      new Promise<number[]>((resolve, reject) => {
        const open = indexedDB.open('baton');
        open.onerror = () => reject(open.error);
        open.onsuccess = async () => {
          const db = open.result;
          const out: number[] = [];
          for (let i = 0; i < count; i++) {
            const t0 = performance.now();
            await new Promise<void>((done, fail) => {
              const tx = db.transaction('usageState', 'readwrite');
              const store = tx.objectStore('usageState');
              const get = store.get('tracker');
              get.onsuccess = () => {
                if (get.result) store.put(get.result);
              };
              tx.oncomplete = () => done();
              tx.onerror = () => fail(tx.error);
            });
            out.push(performance.now() - t0);
          }
          db.close();
          resolve(out);
        };
      }),
    n,
  );
}

/** One year of daily aggregates ending yesterday, written straight into the extension's store. */
function seedYear(worker: WebWorker): Promise<number> {
  return worker.evaluate(
    (platforms) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('baton');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('usageDays', 'readwrite');
          const store = tx.objectStore('usageDays');
          const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
          for (let i = 1; i <= 365; i++) {
            const day = new Date(today - i * 86_400_000).toISOString().slice(0, 10);
            const perPlatform: Record<string, { inHoursMs: number; afterHoursMs: number }> = {};
            for (const [j, p] of platforms.entries()) {
              perPlatform[p] = { inHoursMs: ((i * 7 + j * 13) % 120) * 60_000, afterHoursMs: ((i * 11 + j * 5) % 90) * 60_000 };
            }
            store.put({ day, platforms: perPlatform, lateNightMs: i % 3 === 0 ? 25 * 60_000 : 0, longestAfterHoursMs: ((i * 3) % 80) * 60_000 });
          }
          tx.oncomplete = () => {
            db.close();
            resolve(365);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    PLATFORMS,
  );
}

async function popupTimes(session: ChromiumSession): Promise<{ ready: number[]; render: number[] }> {
  const ready: number[] = [];
  const render: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const page = await session.browser.newPage();
    await page.goto(`${session.baseUrl}popup.html`, { waitUntil: 'load' });
    await page.waitForFunction(() => performance.getEntriesByName('baton:popup-ready').length > 0, { timeout: 15_000 });
    const [r, d] = await page.evaluate((): [number, number] => [
      performance.getEntriesByName('baton:popup-ready')[0]!.startTime,
      performance.getEntriesByName('baton:popup-render')[0]!.duration,
    ]);
    // The first load warms caches (script compile); it is reported, not counted.
    if (i > 0) {
      ready.push(r);
      render.push(d);
    }
    await page.close();
  }
  return { ready, render };
}

async function main() {
  const session = await launchChromium();
  try {
    console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    const worker = await serviceWorker(session);
    await waitForBatonDb(worker);
    await worker.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: WorkerChrome }).chrome;
      await c.storage.local.set({ workSchedule: { timeZone: 'UTC', days: [[], [], [], [], [], [], []], holidays: [] } });
    });

    // Popup on an empty database first (the floor), then with a year of aggregates.
    const empty = await popupTimes(session);
    const seeded = await seedYear(worker);
    const full = await popupTimes(session);

    // Heartbeats while an inbox fixture is the focused tab, so every beat extends a real interval.
    const inbox = await session.browser.newPage();
    await serveFixtures(inbox, { [INBOX_URL]: path.join(fixturesDir, 'x', 'chat-shadow.html') });
    await inbox.goto(INBOX_URL, { waitUntil: 'load' });
    await inbox.bringToFront();
    await sleep(500);
    const beats = await heartbeatCosts(worker);
    const floor = await noopTransactionCosts(worker, BEATS);

    console.log(`\npopup, ${LOADS - 1} loads each (first load discarded):`);
    console.log(`  empty database: on screen ${f2(median(empty.ready))} ms after navigation start, render ${f2(median(empty.render))} ms (floor)`);
    console.log(`  ${seeded} days of aggregates: on screen ${f2(median(full.ready))} ms, render ${f2(median(full.render))} ms → ${f2(median(full.ready) / median(empty.ready))}× floor`);
    verdict(median(full.render) < 100, 'popup first render with a year of data < 100 ms', `${f2(median(full.render))} ms render; ${f2(median(full.ready))} ms from navigation start, page load and background round trip included`);

    console.log(`\nheartbeat, ${beats.work.length} real alarms with an inbox focused:`);
    console.log(`  worker busy ${f2(median(beats.work))} ms median (max ${f2(Math.max(...beats.work))}): machine step + issuing the write`);
    console.log(`  until durable ${f2(median(beats.commit))} ms median; same-value read-write transaction ${f2(median(floor))} ms (floor) → ${f2(median(beats.commit) / median(floor))}× floor`);
    verdict(beats.work.length === BEATS, 'every heartbeat handled', `${beats.work.length}/${BEATS}`);
    verdict(median(beats.work) < 1, 'heartbeat handling < 1 ms', `${f2(median(beats.work))} ms median worker time (${f2(median(beats.work) + median(beats.commit))} ms including the IndexedDB commit wait)`);
    console.log(`\nusage bench: ${3 - missed} PASS, ${missed} MISS`);
  } finally {
    await session.close();
  }
}

await main();
