/**
 * E2E harness: real browsers with the built extension, fixtures at the platforms' real URLs.
 *
 *   const s = await launchChromium();            // or launchFirefox()
 *   const page = await s.browser.newPage();
 *   await serveFixtures(page, { 'https://x.com/i/chat/1-2': 'tests/fixtures/x/chat.html' });
 *   await page.goto('https://x.com/i/chat/1-2');
 *   const timers = await waitForTimers(page, 3);
 */
export * from './paths.ts';
export * from './chromium.ts';
export * from './firefox.ts';
export * from './fixtures.ts';
export * from './timers.ts';
export * from './extension-pages.ts';
export * from './expected.ts';
export * from './clock.ts';
export * from './open-fixture.ts';
