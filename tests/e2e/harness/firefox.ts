/** Firefox ESR with the built Baton add-on, over WebDriver BiDi (toolchain.md §7). */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer';
import { firefoxBuildDir } from './paths.ts';

/** Must match `GECKO_ID` in wxt.config.ts. */
export const GECKO_ID = 'baton@baton-team.app';
/** Pinned so extension pages have a known origin (the UUID is otherwise random per profile). */
export const FIREFOX_EXTENSION_UUID = '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b';

export interface FirefoxSession {
  browser: Browser;
  kind: 'firefox';
  extensionId: string;
  /** `moz-extension://<uuid>/` */
  baseUrl: string;
  close(): Promise<void>;
}

export function firefoxExecutable(): string {
  const path = process.env.BATON_FIREFOX_PATH ?? '/usr/bin/firefox-esr';
  if (!existsSync(path)) throw new Error(`Firefox not found at ${path} (set BATON_FIREFOX_PATH)`);
  return path;
}

export async function launchFirefox(opts: { extDir?: string; headless?: boolean } = {}): Promise<FirefoxSession> {
  const extDir = opts.extDir ?? firefoxBuildDir();
  if (!existsSync(extDir)) throw new Error(`No Firefox build at ${extDir}: run the build (or unset BATON_E2E_SKIP_BUILD)`);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    // Must be explicit: .puppeteerrc's executablePath would otherwise start Chromium (pitfall 7).
    executablePath: firefoxExecutable(),
    headless: opts.headless ?? true,
    defaultViewport: { width: 1280, height: 900 },
    // BiDi refuses moz-extension:// navigation without system access (pitfall 8).
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
    },
  });
  try {
    const extensionId = await browser.installExtension(extDir);
    return {
      browser,
      kind: 'firefox',
      extensionId,
      baseUrl: `moz-extension://${FIREFOX_EXTENSION_UUID}/`,
      close: () => browser.close(),
    };
  } catch (err) {
    await browser.close();
    throw err;
  }
}
