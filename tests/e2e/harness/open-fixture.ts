/** Opens one catalogued fixture at its real URL, in its time zone, with the interception on. */
import type { Page } from 'puppeteer';
import type { Fixture } from './expected.ts';
import type { Session } from './extension-pages.ts';
import { serveFixtures, type FixtureServer, type Route } from './fixtures.ts';

export interface OpenedFixture {
  page: Page;
  server: FixtureServer;
}

export async function openFixture(
  session: Session,
  fixture: Fixture,
  opts: { extraRoutes?: Record<string, Route>; page?: Page } = {},
): Promise<OpenedFixture> {
  const page = opts.page ?? (await session.browser.newPage());
  const tz = fixture.expected.timeZone ?? 'UTC';
  try {
    await page.emulateTimezone(tz);
  } catch (err) {
    // Firefox over BiDi may not emulate zones; its process runs in UTC (see launchFirefox).
    if (tz !== 'UTC') throw err;
  }
  const server = await serveFixtures(page, { [fixture.expected.url]: fixture.htmlPath, ...opts.extraRoutes });
  await page.goto(fixture.expected.url, { waitUntil: 'load' });
  return { page, server };
}
