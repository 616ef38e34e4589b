/** Real Chromium with the built Baton extension installed (toolchain.md §6, variant B). */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type WebWorker } from 'puppeteer';
import { shiftedClock, type ShiftedClock } from './clock.ts';
import { chromeBuildDir } from './paths.ts';

/** The slice of the `chrome` global that evaluated worker code uses (tsconfig loads no chrome types). */
export interface ChromeGlobal {
  runtime: { reload(): void; getManifest(): { manifest_version: number } & Record<string, unknown>; id: string };
}

export interface ChromiumSession {
  browser: Browser;
  kind: 'chromium';
  extensionId: string;
  /** `chrome-extension://<id>/` */
  baseUrl: string;
  /** Set when launched with `now`: the renderers' shifted clock. */
  clock: ShiftedClock | null;
  close(): Promise<void>;
}

/** The system Chromium when the machine has one; otherwise puppeteer's own download. */
export function chromiumExecutable(): string | undefined {
  if (process.env.PUPPETEER_EXECUTABLE_PATH) return process.env.PUPPETEER_EXECUTABLE_PATH;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

export interface LaunchChromiumOptions {
  /** Unpacked build to install; default `$BATON_OUT_DIR/chrome-mv3`. */
  extDir?: string;
  /** Default true; `false` opens a window (needs a display). */
  headless?: boolean;
  /** Extra Chromium flags. */
  args?: string[];
  defaultViewport?: { width: number; height: number } | null;
  /** Start the pages' wall clock (Date.now()) at this instant, a fixture's `now`; it then runs. */
  now?: Date | string;
}

export async function launchChromium(opts: LaunchChromiumOptions = {}): Promise<ChromiumSession> {
  const extDir = opts.extDir ?? chromeBuildDir();
  if (!existsSync(extDir)) throw new Error(`No Chrome build at ${extDir}: run the build (or unset BATON_E2E_SKIP_BUILD)`);
  const clock = opts.now ? shiftedClock(opts.now) : null;
  const browser = await puppeteer.launch({
    executablePath: chromiumExecutable(),
    env: clock ? { ...process.env, ...clock.env } : process.env,
    headless: opts.headless ?? true,
    pipe: true, // installExtension talks CDP Extensions.loadUnpacked over the pipe
    enableExtensions: true, // drops puppeteer's --disable-extensions; installs are awaited below
    defaultViewport: opts.defaultViewport === undefined ? { width: 1280, height: 900 } : opts.defaultViewport,
    args: [
      '--no-sandbox', // CI and the dev container run as root
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(clock?.args ?? []),
      ...(opts.args ?? []),
    ],
  });
  try {
    const extensionId = await browser.installExtension(extDir);
    return {
      browser,
      kind: 'chromium',
      extensionId,
      baseUrl: `chrome-extension://${extensionId}/`,
      clock,
      close: () => browser.close(),
    };
  } catch (err) {
    await browser.close();
    throw err;
  }
}

/** The extension's background service worker (started if it was asleep). */
export async function serviceWorker(session: ChromiumSession, timeout = 10_000): Promise<WebWorker> {
  const url = `${session.baseUrl}background.js`;
  const target = await session.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url() === url, { timeout });
  const worker = await target.worker();
  if (!worker) throw new Error('service worker target has no worker');
  return worker;
}

/**
 * Reloads the extension the way an update does (`chrome.runtime.reload()` in its own worker),
 * then waits for the new worker. Content scripts already in tabs are orphaned, not re-injected.
 */
export async function reloadExtension(session: ChromiumSession): Promise<void> {
  const worker = await serviceWorker(session);
  const before = session.browser.targets().find((t) => t.type() === 'service_worker' && t.url() === `${session.baseUrl}background.js`);
  await worker.evaluate(() => {
    // The worker dies with this call; answer first so the evaluate resolves.
    const c = (globalThis as unknown as { chrome: ChromeGlobal }).chrome;
    setTimeout(() => c.runtime.reload(), 50);
  });
  if (before) {
    await session.browser.waitForTarget((t) => t !== before && t.type() === 'service_worker' && t.url() === `${session.baseUrl}background.js`, { timeout: 15_000 });
  }
}
