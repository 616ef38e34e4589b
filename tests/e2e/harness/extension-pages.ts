/** Opens Baton's own pages (options, popup) as tabs in either browser. */
import type { Page } from 'puppeteer';
import type { ChromiumSession } from './chromium.ts';
import type { FirefoxSession } from './firefox.ts';

export type Session = ChromiumSession | FirefoxSession;

/**
 * Opens `<ext>/<file>` in a new tab and waits for `readySelector`. Firefox's BiDi never resolves
 * goto() to moz-extension:// (toolchain.md pitfall 8), so there the DOM is awaited instead.
 */
export async function openExtensionPage(session: Session, file: string, readySelector = '#root > *'): Promise<Page> {
  const page = await session.browser.newPage();
  const url = session.baseUrl + file.replace(/^\//, '');
  if (session.kind === 'firefox') {
    await page.goto(url, { timeout: 1500 }).catch(() => undefined);
  } else {
    await page.goto(url, { waitUntil: 'load' });
  }
  await page.waitForSelector(readySelector, { timeout: 15_000 });
  return page;
}

export function openOptions(session: Session, readySelector?: string): Promise<Page> {
  return openExtensionPage(session, 'options.html', readySelector);
}

export function openPopup(session: Session, readySelector?: string): Promise<Page> {
  return openExtensionPage(session, 'popup.html', readySelector);
}
