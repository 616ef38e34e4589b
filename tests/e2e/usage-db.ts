/**
 * Tests read and seed the extension's IndexedDB from inside its worker. Opening "baton" before
 * the background has would create an empty version-1 database and make the background's
 * upgrade skip migration 1, so every test waits for the background's own open first.
 */
import type { WebWorker } from 'puppeteer';

/** Resolves once the background has created the database (at version 2 or later). */
export async function waitForBatonDb(worker: WebWorker, timeout = 15_000): Promise<void> {
  const ok = await worker.evaluate(async (ms) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const dbs = await indexedDB.databases();
      if (dbs.some((d) => d.name === 'baton' && (d.version ?? 0) >= 2)) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  }, timeout);
  if (!ok) throw new Error('the background never opened its IndexedDB');
}
