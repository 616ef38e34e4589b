/** Real Chromium with the built Baton extension installed (toolchain.md §6, variant B). */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Target, type WebWorker } from 'puppeteer';
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
 * Reloads the extension the way an update or the "reload" button in chrome://extensions does:
 * the same unpacked directory is loaded again under the same id, and the new worker starts.
 * Content scripts already in tabs are orphaned, not re-injected. (Calling
 * chrome.runtime.reload() from the worker does the same, but puppeteer never attaches to the
 * worker that comes back, so the test could not tell when it is up.)
 */
export async function reloadExtension(session: ChromiumSession, extDir = chromeBuildDir()): Promise<void> {
  const gone = new Promise<void>((resolve) => {
    const onGone = (t: Target) => {
      if (t.type() === 'service_worker' && t.url().startsWith(session.baseUrl)) {
        session.browser.off('targetdestroyed', onGone);
        resolve();
      }
    };
    session.browser.on('targetdestroyed', onGone);
  });
  const id = await session.browser.installExtension(extDir);
  if (id !== session.extensionId) throw new Error(`reload gave a new extension id ${id} (was ${session.extensionId})`);
  await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
  await serviceWorker(session);
}
