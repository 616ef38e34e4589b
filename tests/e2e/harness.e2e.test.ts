/**
 * The harness itself: the built extension installs in both browsers, its pages open, and
 * fixtures are served at real platform URLs while every other request stays on the machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, launchFirefox, openOptions, serveFixtures, serviceWorker, type ChromeGlobal, type ChromiumSession, type FirefoxSession } from './harness/index.ts';

const PAGE = `<!doctype html><html lang="en"><head><title>t</title>
<link rel="stylesheet" href="https://cdn.example.net/a.css"></head>
<body><h1 id="h">fixture</h1><img src="https://pbs.twimg.com/x.png" alt=""></body></html>`;

describe('Chromium harness', () => {
  let s: ChromiumSession;
  beforeAll(async () => {
    s = await launchChromium();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('installs the built extension and wakes its service worker', async () => {
    expect(s.extensionId).toMatch(/^[a-p]{32}$/);
    const worker = await serviceWorker(s);
    expect(await worker.evaluate(() => (globalThis as unknown as { chrome: ChromeGlobal }).chrome.runtime.getManifest().manifest_version)).toBe(3);
  });

  it('serves a fixture at its real URL and answers every other request locally', async () => {
    const page = await s.browser.newPage();
    const server = await serveFixtures(page, { 'https://x.com/i/chat/1-2': PAGE });
    const res = await page.goto('https://x.com/i/chat/1-2#frag', { waitUntil: 'load' });
    expect(res?.status()).toBe(200);
    expect(await page.$eval('#h', (e) => e.textContent)).toBe('fixture');
    expect(page.url()).toBe('https://x.com/i/chat/1-2#frag');
    expect(server.unmatched).toEqual(expect.arrayContaining(['https://cdn.example.net/a.css', 'https://pbs.twimg.com/x.png']));
    const miss = await page.goto('https://x.com/nowhere');
    expect(miss?.status()).toBe(404);
    await page.close();
  });

  it('opens the options page', async () => {
    const page = await openOptions(s);
    expect(page.url()).toBe(`${s.baseUrl}options.html`);
    await page.close();
  });
});

describe('Firefox harness', () => {
  let s: FirefoxSession;
  beforeAll(async () => {
    s = await launchFirefox();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('installs the add-on under its gecko id', () => {
    expect(s.extensionId).toBe('baton@baton-team.app');
  });

  it('serves a fixture at its real URL', async () => {
    const page = await s.browser.newPage();
    const server = await serveFixtures(page, { 'https://x.com/i/chat/1-2': PAGE });
    await page.goto('https://x.com/i/chat/1-2', { waitUntil: 'load' });
    expect(await page.$eval('#h', (e) => e.textContent)).toBe('fixture');
    expect(server.unmatched.length).toBeGreaterThan(0);
    await page.close();
  });

  it('opens the options page at the pinned moz-extension origin', async () => {
    const page = await openOptions(s);
    expect(await page.evaluate(() => location.href)).toBe(`${s.baseUrl}options.html`);
    await page.close();
  });
});
