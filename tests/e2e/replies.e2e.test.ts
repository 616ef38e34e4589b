/**
 * Canned replies end to end in real Chromium with the built extension (issue 3): the
 * suggestions panel on every platform fixture that has a composer; insertion into the REAL
 * Lexical and Draft.js editors and a React textarea (tests/harness) served at the platforms'
 * URLs, checked against each editor's own state; over-limit flagging; crisis filtering; axe.
 */
import { readFileSync } from 'node:fs';
import { AxePuppeteer } from '@axe-core/puppeteer';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STARTER_REPLIES } from '../../lib/replies/starter.ts';
import { buildHarness, harnessRoutes, type HarnessEditor } from '../harness/serve.ts';
import { launchChromium, listFixtures, openFixture, openOptions, serveFixtures, type ChromiumSession, type Fixture } from './harness/index.ts';

interface PanelState {
  count: number;
  ids: string[];
  overLimit: string[];
  notice: string;
  crisis: string;
  previewLang: string | null;
}

async function panelState(page: Page): Promise<PanelState | null> {
  return page.evaluate(() => {
    const host = document.querySelector('baton-suggestions');
    if (!host || host.hasAttribute('hidden')) return null;
    const buttons = Array.from(host.shadowRoot?.querySelectorAll('button[data-baton-reply-id]') ?? []);
    return {
      count: Number(host.getAttribute('data-baton-count')),
      ids: buttons.map((b) => b.getAttribute('data-baton-reply-id')!),
      overLimit: buttons.filter((b) => b.getAttribute('data-baton-over-limit') === 'true').map((b) => b.getAttribute('data-baton-reply-id')!),
      notice: host.getAttribute('data-baton-notice') ?? '',
      crisis: host.getAttribute('data-baton-crisis') ?? '',
      previewLang: host.shadowRoot?.querySelector('.preview')?.getAttribute('lang') ?? null,
    };
  });
}

async function waitForPanel(page: Page, test: (s: PanelState) => boolean, timeout = 15_000): Promise<PanelState> {
  const until = Date.now() + timeout;
  let last: PanelState | null = null;
  while (Date.now() < until) {
    last = await panelState(page);
    if (last && test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`panel never reached the expected state; last: ${JSON.stringify(last)}`);
}

/** Send a message to the background from an extension page, as the options page does. */
async function background(options: Page, type: string, payload: unknown): Promise<unknown> {
  return options.evaluate(
    (t, p) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ baton: 1, type: t, payload: p }),
    type,
    payload as never,
  );
}

async function setStorage(options: Page, values: Record<string, unknown>): Promise<void> {
  await options.evaluate(
    (v) => (globalThis as unknown as { chrome: { storage: { local: { set(v: unknown): Promise<void> } } } }).chrome.storage.local.set(v),
    values as never,
  );
}

async function saveReply(options: Page, content: Record<string, unknown>): Promise<string> {
  const answer = (await background(options, 'replies/save', { content, owner: 'e2e' })) as { ok: boolean; value: { ok: boolean; reply?: { id: string }; errors?: unknown } };
  if (!answer.ok || !answer.value.ok || !answer.value.reply) throw new Error(`save failed: ${JSON.stringify(answer)}`);
  return answer.value.reply.id;
}

/** Type into the panel's search (inside its shadow root) with real key events. */
async function search(page: Page, text: string): Promise<void> {
  await page.evaluate(() => {
    const input = document.querySelector('baton-suggestions')?.shadowRoot?.querySelector<HTMLInputElement>('input[type="search"]');
    input?.focus();
    input?.select();
  });
  await page.keyboard.type(text);
}

async function clickReply(page: Page, id: string): Promise<void> {
  await page.evaluate((rid) => {
    document.querySelector('baton-suggestions')?.shadowRoot?.querySelector<HTMLButtonElement>(`button[data-baton-reply-id="${rid}"]`)?.click();
  }, id);
}

const editorText = (page: Page) => page.evaluate(() => (window as unknown as { __editorText(): string }).__editorText());
const sentCount = (page: Page) => page.evaluate(() => (window as unknown as { __sentCount(): number }).__sentCount());

async function waitForEditorText(page: Page, test: (t: string) => boolean, timeout = 5_000): Promise<string> {
  const until = Date.now() + timeout;
  let text = await editorText(page);
  while (!test(text) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    text = await editorText(page);
  }
  return text;
}

const composers = listFixtures().filter((f) => f.expected.recognised !== false && (f.expected as { composer?: boolean }).composer === true);
const fixture = (platform: string, name: string): Fixture => {
  const f = listFixtures(platform).find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${platform}/${name}`);
  return f;
};

interface EditorCase {
  editor: HarnessEditor;
  fixture: Fixture;
  platformName: string;
  /** Where the composer lives (the textarea is inside X Chat's shadow root). */
  focusComposer: string;
  sendEnabled: string;
}

const EDITORS: EditorCase[] = [
  {
    editor: 'lexical',
    fixture: fixture('facebook', 'messenger'),
    platformName: 'Facebook',
    focusComposer: `document.querySelector('[data-lexical-editor="true"]').focus()`,
    sendEnabled: `document.querySelector('[aria-label="Press enter to send"]').getAttribute('aria-disabled') === 'false'`,
  },
  {
    editor: 'draft',
    fixture: fixture('x', 'tweet-detail-ar'),
    platformName: 'X',
    focusComposer: `document.querySelector('[data-testid="tweetTextarea_0"]').focus()`,
    sendEnabled: `!document.querySelector('[data-testid="tweetButtonInline"]').disabled`,
  },
  {
    editor: 'textarea',
    fixture: fixture('x', 'chat-shadow'),
    platformName: 'X',
    focusComposer: `document.getElementById('chat-host').shadowRoot.querySelector('[data-testid="dm-composer-textarea"]').focus()`,
    sendEnabled: `!!document.getElementById('chat-host').shadowRoot.querySelector('[data-testid="dm-composer-send-button"]')`,
  },
];

describe('canned replies in Chromium', () => {
  let s: ChromiumSession;
  let options: Page;
  let multiId: string;
  let longId: string;

  beforeAll(async () => {
    buildHarness();
    s = await launchChromium();
    options = await openOptions(s);
    await setStorage(options, { replyProfile: { agentName: 'Sam Agent', brandName: 'Acme' } });
    multiId = await saveReply(options, {
      title: 'Harness multiline check',
      bodies: { en: 'Hello from {{brand.name}} on {{platform}}.\nSecond line here.\n\nThanks, {{agent.first_name}}' },
      tags: ['harness'],
      status: 'approved',
    });
    longId = await saveReply(options, {
      title: 'Harness overlong statement',
      bodies: { en: `Overlong ${'statement '.repeat(40)}end.` },
      tags: ['harness'],
      status: 'approved',
    });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('has composer fixtures on all six platforms', () => {
    expect(new Set(composers.map((f) => f.platform))).toEqual(new Set(['facebook', 'instagram', 'x', 'linkedin', 'youtube', 'tiktok']));
  });

  it.each(composers.map((f) => ({ id: `${f.platform}/${f.name}`, f })))('panel suggests replies on $id', async ({ f }) => {
    const { page } = await openFixture(s, f);
    const state = await waitForPanel(page, (p) => p.count >= 3);
    expect(state.ids).toHaveLength(state.count);
    expect(new Set(state.ids).size).toBe(state.count);
    // An Arabic conversation gets Arabic replies: the ranking followed the customer's message.
    if (/-ar$/.test(f.name)) expect(state.previewLang).toBe('ar');
    await page.close();
  });

  describe.each(EDITORS.map((c) => ({ id: `${c.editor} (${c.fixture.platform}/${c.fixture.name})`, c })))('insertion into $id', ({ c }) => {
    const expected = `Hello from Acme on ${c.platformName}.\nSecond line here.\n\nThanks, Sam`;

    async function open(): Promise<Page> {
      const page = await s.browser.newPage();
      const routes = harnessRoutes(c.fixture.expected.url, readFileSync(c.fixture.htmlPath, 'utf8'), c.editor);
      await serveFixtures(page, routes);
      await page.goto(c.fixture.expected.url, { waitUntil: 'load' });
      await page.waitForSelector(`html[data-harness-ready]`, { timeout: 15_000 });
      await waitForPanel(page, (p) => p.count >= 1);
      return page;
    }

    it('puts a multi-line reply into the editor state exactly once, enables Send, undoes in one step, never sends', async () => {
      const page = await open();
      await search(page, 'harness multiline');
      await waitForPanel(page, (p) => p.ids[0] === multiId);
      await clickReply(page, multiId);
      await waitForPanel(page, (p) => p.notice === 'inserted');
      expect(await waitForEditorText(page, (t) => t === expected)).toBe(expected);
      expect(await page.evaluate(c.sendEnabled)).toBe(true);
      expect(await sentCount(page)).toBe(0);
      // One undo takes the whole reply out again.
      await page.evaluate(c.focusComposer);
      await page.keyboard.down('Control');
      await page.keyboard.press('z');
      await page.keyboard.up('Control');
      expect(await waitForEditorText(page, (t) => t.trim() === '')).toBe('');
      expect(await page.evaluate(c.sendEnabled)).toBe(false);
      expect(await sentCount(page)).toBe(0);
      await page.close();
    });

    it('keeps an existing draft and says the reply was added after it', async () => {
      const page = await open();
      await page.evaluate(c.focusComposer);
      await page.keyboard.type('My draft');
      expect(await waitForEditorText(page, (t) => t === 'My draft')).toBe('My draft');
      await search(page, 'harness multiline');
      await waitForPanel(page, (p) => p.ids[0] === multiId);
      await clickReply(page, multiId);
      await waitForPanel(page, (p) => p.notice === 'appended');
      const text = await waitForEditorText(page, (t) => t.includes('Thanks, Sam'));
      // Added at the caret (the end of the draft), once.
      expect(text).toBe(`My draft${expected}`);
      expect(await sentCount(page)).toBe(0);
      await page.close();
    });
  });

  it('flags an over-limit reply for an X reply (280) and refuses to insert it', async () => {
    const c = EDITORS[1]!;
    const page = await s.browser.newPage();
    await serveFixtures(page, harnessRoutes(c.fixture.expected.url, readFileSync(c.fixture.htmlPath, 'utf8'), c.editor));
    await page.goto(c.fixture.expected.url, { waitUntil: 'load' });
    await page.waitForSelector('html[data-harness-ready]');
    await waitForPanel(page, (p) => p.count >= 1);
    await search(page, 'harness overlong');
    const state = await waitForPanel(page, (p) => p.ids.includes(longId));
    expect(state.overLimit).toContain(longId);
    expect(state.overLimit).not.toContain(multiId);
    await clickReply(page, longId);
    await new Promise((r) => setTimeout(r, 500));
    expect(await editorText(page)).toBe('');
    const alert = await page.evaluate(() => document.querySelector('baton-suggestions')?.shadowRoot?.querySelector('[role="alert"]')?.textContent ?? '');
    expect(alert).toContain('280');
    await page.close();
  });

  it('crisis mode offers only crisis-safe replies, the holding statement first', async () => {
    const safe = new Set(STARTER_REPLIES.filter((r) => r.crisisSafe).map((r) => r.id));
    await setStorage(options, { crisisMode: true });
    try {
      const { page } = await openFixture(s, fixture('facebook', 'messenger'));
      const state = await waitForPanel(page, (p) => p.crisis === 'true' && p.count >= 1);
      expect(state.ids[0]).toBe('starter-crisis-holding');
      for (const id of state.ids) expect(safe.has(id)).toBe(true);
      await page.close();
    } finally {
      await setStorage(options, { crisisMode: false });
    }
  });

  it('axe-core finds no serious or critical violation in the panel (LTR and RTL)', async () => {
    for (const f of [fixture('facebook', 'messenger'), fixture('facebook', 'messenger-ar')]) {
      const { page } = await openFixture(s, f);
      await waitForPanel(page, (p) => p.count >= 1);
      const result = await new AxePuppeteer(page).include('baton-suggestions').analyze();
      const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
      expect(serious).toEqual([]);
      expect(result.passes.length).toBeGreaterThan(0);
      await page.close();
    }
  });

  it('axe-core finds no serious or critical violation in the library editor and reply profile', async () => {
    const page = await openOptions(s, '[data-section="library"] tbody tr');
    const newButton = await page.waitForSelector('[data-section="library"] button.primary');
    await newButton!.click();
    await page.waitForSelector('[data-section="library-editor"]');
    // An invalid save shows the field errors, which must be accessible too.
    await page.type('[data-section="library-editor"] textarea', 'Hi {{customer.nick}}');
    await page.click('[data-section="library-editor"] button[type="submit"]');
    await page.waitForSelector('[data-section="library-editor"] .error[role="alert"]');
    const result = await new AxePuppeteer(page)
      .include('[data-section="library"]')
      .include('[data-section="library-editor"]')
      .include('[data-section="reply-profile"]')
      .analyze();
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious).toEqual([]);
    expect(result.passes.length).toBeGreaterThan(0);
    await page.close();
  });
});
