/**
 * Exactly one working overlay set through the page's and the extension's life
 * (research/reliability.md B1–B3): SPA navigation to another thread, the extension reloading
 * under an open inbox, and a hostile page replaying WXT's "content script started" event.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clockSlackMs,
  launchChromium,
  listFixtures,
  openFixture,
  readTimers,
  reloadExtension,
  waitForTimers,
  type ChromiumSession,
  type Fixture,
} from './harness/index.ts';
import { expectContract, waitForExpectedTimers } from './harness/contract.ts';

const recognised = listFixtures().filter((f) => f.expected.recognised !== false);
const hasScript = (f: Fixture) => /<script\b/i.test(readFileSync(f.htmlPath, 'utf8'));

/**
 * Per platform, two fixtures the page can move between without a reload: same origin, same
 * clock and zone, the second with an open thread other than the first's (the first may be a
 * bare inbox). The second must render without its own scripts (it is swapped in as markup,
 * the way a SPA renders a route). Pairs that start from an open thread come first.
 */
function spaPairs(): { id: string; from: Fixture; to: Fixture }[] {
  const pairs: { id: string; from: Fixture; to: Fixture }[] = [];
  for (const platform of new Set(recognised.map((f) => f.platform))) {
    const mine = recognised.filter((f) => f.platform === platform);
    const threads = mine.filter((f) => f.expected.thread);
    const starts = [...threads, ...mine.filter((f) => !f.expected.thread && f.expected.pageKind !== 'comments')];
    search: for (const from of starts) {
      for (const to of threads) {
        if (
          to !== from &&
          !hasScript(to) &&
          new URL(to.expected.url).origin === new URL(from.expected.url).origin &&
          to.expected.url !== from.expected.url &&
          to.expected.now === from.expected.now &&
          (to.expected.timeZone ?? 'UTC') === (from.expected.timeZone ?? 'UTC') &&
          to.expected.thread!.key !== from.expected.thread?.key
        ) {
          pairs.push({ id: `${platform}: ${from.name} → ${to.name}`, from, to });
          break search;
        }
      }
    }
  }
  return pairs;
}

/** The page's router: push the new URL, then render the other thread's markup. */
async function spaNavigate(page: Page, to: Fixture): Promise<void> {
  await page.evaluate(
    (url, html) => {
      const next = new DOMParser().parseFromString(html, 'text/html');
      history.pushState({}, '', url);
      for (const a of ['lang', 'dir']) {
        const v = next.documentElement.getAttribute(a);
        if (v === null) document.documentElement.removeAttribute(a);
        else document.documentElement.setAttribute(a, v);
      }
      document.title = next.title;
      document.body.replaceChildren(...Array.from(next.body.childNodes, (n) => document.importNode(n, true)));
    },
    to.expected.url,
    readFileSync(to.htmlPath, 'utf8'),
  );
}

const pairs = spaPairs();

describe('SPA navigation', () => {
  it('has a same-origin thread pair on at least two platforms', () => {
    expect(pairs.map((p) => p.id).length).toBeGreaterThanOrEqual(2);
  });

  describe.each(pairs)('$id', ({ from, to }) => {
    let s: ChromiumSession;
    beforeAll(async () => {
      s = await launchChromium({ now: from.expected.now });
    });
    afterAll(async () => {
      await s?.close();
    });

    it('moves the thread timer to the new conversation and keeps one timer per row', async () => {
      const { page } = await openFixture(s, from);
      expectContract(await waitForExpectedTimers(page, from.expected), from.expected, clockSlackMs(s.clock));
      await spaNavigate(page, to);
      const want = to.expected.thread!;
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        const thread = (await readTimers(page)).filter((t) => t.attrs['data-baton-place'] === 'thread');
        if (thread.length === 1 && thread[0]!.key === want.key) break;
        await new Promise((r) => setTimeout(r, 150));
      }
      expectContract(await waitForExpectedTimers(page, to.expected), to.expected, clockSlackMs(s.clock));
      await page.close();
    });
  });
});

/** A recognised thread fixture whose list and thread both carry timers. */
const subject = recognised.find((f) => f.platform === 'x' && f.name === 'chat-shadow') ?? recognised.find((f) => f.expected.thread && f.expected.conversations.length > 1)!;

describe(`extension lifetime on ${subject.platform}/${subject.name}`, () => {
  let s: ChromiumSession;
  beforeAll(async () => {
    s = await launchChromium({ now: subject.expected.now });
  });
  afterAll(async () => {
    await s?.close();
  });

  const owners = async (page: Page) => new Set((await readTimers(page)).map((t) => t.attrs['data-baton-owner']));

  it('reloading the extension removes the orphaned overlays; a page reload brings back exactly one set', async () => {
    const { page } = await openFixture(s, subject);
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    expectContract(await waitForExpectedTimers(page, subject.expected), subject.expected, clockSlackMs(s.clock));

    await reloadExtension(s);
    await waitForTimers(page, 0, { timeout: 15_000 });

    await page.reload({ waitUntil: 'load' });
    const timers = await waitForExpectedTimers(page, subject.expected);
    expectContract(timers, subject.expected, clockSlackMs(s.clock));
    expect(await owners(page)).toHaveProperty('size', 1);
    expect(errors.filter((e) => /context invalidated/i.test(e))).toEqual([]);
    await page.close();
  });

  it('a page replaying the "content script started" event does not take the overlays away', async () => {
    const { page } = await openFixture(s, subject);
    expectContract(await waitForExpectedTimers(page, subject.expected), subject.expected, clockSlackMs(s.clock));
    const before = await owners(page);
    await page.evaluate((id) => {
      document.dispatchEvent(
        new CustomEvent(`${id}:inbox:wxt:content-script-started`, { detail: { contentScriptName: 'inbox', messageId: 'spoofed' } }),
      );
    }, s.extensionId);
    // The spoof invalidates the running instance; a fresh one must take over within 2 s.
    const deadline = Date.now() + 5000;
    let after = before;
    while (Date.now() < deadline) {
      after = await owners(page);
      if (after.size === 1 && ![...after].every((o) => before.has(o))) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect([...after].some((o) => !before.has(o)), 'a new instance took over').toBe(true);
    expectContract(await waitForExpectedTimers(page, subject.expected), subject.expected, clockSlackMs(s.clock));
    expect(await owners(page)).toHaveProperty('size', 1);
    await page.close();
  });
});
