/**
 * Canned-reply insertion into the real Lexical editor in Firefox ESR (issue 3): in Firefox the
 * content script sees the page through Xray wrappers, so the paste must be built from the page's
 * own constructors (lib/editors/page-events.ts) for Lexical to read its DataTransfer.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHarness, harnessRoutes } from '../harness/serve.ts';
import { launchFirefox, listFixtures, openOptions, serveFixtures, type FirefoxSession } from './harness/index.ts';

const messenger = listFixtures('facebook').find((f) => f.name === 'messenger')!;

async function poll<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeout = 15_000): Promise<T> {
  const until = Date.now() + timeout;
  let v = await read();
  while (!ok(v) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    v = await read();
  }
  return v;
}

const panelIds = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelector('baton-suggestions')?.shadowRoot?.querySelectorAll('button[data-baton-reply-id]') ?? []).map((b) => b.getAttribute('data-baton-reply-id')!),
  );

describe('Firefox ESR: insertion into Lexical', () => {
  let s: FirefoxSession;
  let replyId: string;
  beforeAll(async () => {
    buildHarness();
    s = await launchFirefox();
    const options = await openOptions(s);
    await options.evaluate(() => (globalThis as unknown as { browser: { storage: { local: { set(v: unknown): Promise<void> } } } }).browser.storage.local.set({ replyProfile: { agentName: 'Sam Agent', brandName: 'Acme' } }));
    const answer = (await options.evaluate(() =>
      (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).browser.runtime.sendMessage({
        baton: 1,
        type: 'replies/save',
        payload: { content: { title: 'Harness multiline check', bodies: { en: 'Hello from {{brand.name}}.\nSecond line here.\n\nThanks, {{agent.first_name}}' }, tags: ['harness'], status: 'approved' }, owner: 'e2e' },
      }),
    )) as { ok: boolean; value: { ok: boolean; reply: { id: string } } };
    replyId = answer.value.reply.id;
    await options.close();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('puts a multi-line reply into Lexical’s own state exactly once, Send enabled, nothing sent', async () => {
    const page = await s.browser.newPage();
    await serveFixtures(page, harnessRoutes(messenger.expected.url, readFileSync(messenger.htmlPath, 'utf8'), 'lexical'));
    await page.goto(messenger.expected.url, { waitUntil: 'load' });
    await page.waitForSelector('html[data-harness-ready]', { timeout: 15_000 });
    await poll(() => panelIds(page), (ids) => ids.length > 0);
    await page.evaluate(() => {
      const input = document.querySelector('baton-suggestions')?.shadowRoot?.querySelector<HTMLInputElement>('input[type="search"]');
      input?.focus();
    });
    await page.keyboard.type('harness multiline');
    expect((await poll(() => panelIds(page), (ids) => ids[0] === replyId))[0]).toBe(replyId);
    await page.evaluate((id) => document.querySelector('baton-suggestions')?.shadowRoot?.querySelector<HTMLButtonElement>(`button[data-baton-reply-id="${id}"]`)?.click(), replyId);
    const notice = await poll(() => page.evaluate(() => document.querySelector('baton-suggestions')?.getAttribute('data-baton-notice') ?? ''), (n) => n !== '');
    expect(notice).toBe('inserted');
    const expected = 'Hello from Acme.\nSecond line here.\n\nThanks, Sam';
    expect(await page.evaluate(() => (window as unknown as { __editorText(): string }).__editorText())).toBe(expected);
    expect(await page.evaluate(() => document.querySelector('[aria-label="Press enter to send"]')?.getAttribute('aria-disabled'))).toBe('false');
    expect(await page.evaluate(() => (window as unknown as { __sentCount(): number }).__sentCount())).toBe(0);
    await page.close();
  });
});
