// @vitest-environment-options {"url": "https://inbox.test/t/c1"}
/**
 * The content script's timer controller on a real (happy-dom) page with the test adapter:
 * placement per the DESIGN §4 contract, incremental updates, hiding on an unrecognised layout,
 * stray removal, health reports on change only, and cleanup on invalidation.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { MUTATION_BATCH_MS, TimerOverlays } from '@/entrypoints/inbox.content/timers';
import { createTimerHost } from '@/lib/overlay/badge';
import { DEFAULT_PLATFORM_TOGGLES, settingItems, writeSetting } from '@/lib/settings';
import { inboxHtml, nodesOf, testAdapter } from './test-adapter';

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

function timers() {
  return Array.from(document.querySelectorAll('baton-timer')).map((h) => ({
    place: h.getAttribute('data-baton-place'),
    key: h.getAttribute('data-baton-key'),
    since: h.getAttribute('data-baton-waiting-since'),
    state: h.getAttribute('data-baton-state'),
    parent: h.parentElement,
  }));
}

function renderPage() {
  document.body.replaceChildren(
    ...nodesOf(
      inboxHtml([
        { id: 'c1', name: 'Ann', at: new Date(Date.now() - 2 * 3_600_000).toISOString(), last: 'in' },
        { id: 'c2', name: 'Bob', at: new Date(Date.now() - 3_600_000).toISOString(), last: 'out' },
        { id: 'c3', name: 'Cat', at: new Date(Date.now() - 20 * 3_600_000).toISOString(), last: 'in' },
      ]),
    ),
    ...nodesOf(
      `<section class="thread"><header>Ann</header><div class="msg" data-dir="in" data-at="${new Date(Date.now() - 2 * 3_600_000).toISOString()}">hi</div></section>`,
    ),
  );
  // A hostile customer name, as page text (the way a platform would show it).
  document.querySelector('[data-id="c3"] .name')!.textContent = '<img src=x onerror=alert(1)>';
}

describe('TimerOverlays', () => {
  let ctx: ContentScriptContext;
  let sent: unknown[];

  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-03-02T12:00:00Z'), toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'Date'] });
    renderPage();
    ctx = new ContentScriptContext('inbox');
    sent = [];
  });
  afterEach(() => {
    ctx.notifyInvalidated();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  async function start() {
    const o = new TimerOverlays({
      ctx,
      owner: 'me',
      adapterFor: (url) => {
        const kind = testAdapter.pageKind(url);
        return kind ? { adapter: testAdapter, kind } : null;
      },
      send: async (m) => {
        sent.push(m);
        return { ok: true, value: null };
      },
    });
    await o.start();
    await flush();
    // The first read mounts a whole list's badges a task later, in slices.
    await vi.advanceTimersByTimeAsync(0);
    return o;
  }

  it('puts one timer inside every row and one in the thread header, per the contract', async () => {
    await start();
    const all = timers();
    const rows = all.filter((t) => t.place === 'row');
    expect(rows.map((t) => t.key)).toEqual(['x:c1', 'x:c2', 'x:c3']);
    expect(rows.every((t) => t.parent?.matches('li.conv'))).toBe(true);
    expect(rows[0]!.since).toBe(new Date(Date.now() - 2 * 3_600_000).toISOString());
    expect(rows[1]!.since).toBe(''); // the brand answered last
    expect(rows[2]!.state).toBe('warn'); // 20 h of 24 h
    const thread = all.filter((t) => t.place === 'thread');
    expect(thread).toHaveLength(1);
    expect(thread[0]!.parent?.matches('section.thread > header')).toBe(true);
    expect(document.querySelector('img')).toBeNull(); // the hostile name stayed text
    const label = document.querySelectorAll('baton-timer')[2]!.shadowRoot!.querySelector('.badge')!;
    expect(label.querySelector('img')).toBeNull();
    expect(label.getAttribute('aria-label')).toMatch(/^<img src=x onerror=alert\(1\)>: Waiting 20 hours/);
    // Health went to the background once, and not again while nothing changes.
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ baton: 1, type: 'health/report', payload: { platform: 'x', recognised: true } });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(sent).toHaveLength(1);
  });

  it('follows the page incrementally: new, changed and removed rows', async () => {
    await start();
    const list = document.querySelector('ul.list')!;
    const [fresh] = nodesOf(inboxHtml([{ id: 'c9', name: 'Cy', at: new Date(Date.now() - 60_000).toISOString(), last: 'in' }]));
    list.prepend((fresh as Element).querySelector('li')!);
    list.querySelector('[data-id="c3"]')!.remove();
    list.querySelector('[data-id="c1"]')!.setAttribute('data-last', 'out');
    list.querySelector('[data-id="c1"] .preview')!.textContent = 'You: done';
    await flush();
    await vi.advanceTimersByTimeAsync(MUTATION_BATCH_MS); // page changes are handled in batches
    const rows = timers().filter((t) => t.place === 'row');
    expect(rows.map((t) => t.key)).toEqual(['x:c9', 'x:c1', 'x:c2']);
    expect(rows.find((t) => t.key === 'x:c1')!.since).toBe('');
    expect(new Set(rows.map((t) => t.key)).size).toBe(rows.length);
  });

  it('shows no timers at all when the layout is not recognised', async () => {
    await start();
    expect(timers().length).toBeGreaterThan(0);
    document.querySelector('ul.list')!.replaceWith(...nodesOf('<ol class="redesigned"><li>Ann</li></ol>'));
    await flush();
    await vi.advanceTimersByTimeAsync(1_000); // all rows went at once: a full read re-checks health
    expect(timers()).toEqual([]);
  });

  it('a partial redesign (a required part gone, rows still there) hides the timers within the health period', async () => {
    await start();
    document.querySelector('section.thread > header')!.remove();
    await flush();
    await vi.advanceTimersByTimeAsync(31_000);
    expect(timers()).toEqual([]);
    expect(sent.at(-1)).toMatchObject({ payload: { recognised: false, matched: { list: true, header: false } } });
  });

  it('rows inside a shadow root go with their removed panel, and a new list layout is read afresh', async () => {
    // The list lives in an open shadow root (as on X Chat).
    const host = document.createElement('div');
    const sr = host.attachShadow({ mode: 'open' });
    const list = document.querySelector('main')!;
    sr.append(list);
    document.body.prepend(host);
    await start();
    expect(timers().length).toBe(1); // only the thread's: document.querySelectorAll does not pierce
    expect(sr.querySelectorAll('baton-timer')).toHaveLength(3);
    // The page swaps the whole panel for a light-DOM list (another layout of the same inbox).
    host.replaceWith(...nodesOf(inboxHtml([{ id: 'c7', name: 'Eve', at: new Date(Date.now() - 60_000).toISOString(), last: 'in' }])));
    await flush();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(timers().filter((t) => t.place === 'row').map((t) => t.key)).toEqual(['x:c7']);
  });

  it('switching the platform off removes its timers; on again brings them back', async () => {
    await start();
    await writeSetting(settingItems.platforms, { ...DEFAULT_PLATFORM_TOGGLES, x: false });
    await flush();
    expect(timers()).toEqual([]);
    await writeSetting(settingItems.platforms, DEFAULT_PLATFORM_TOGGLES);
    await flush();
    await vi.advanceTimersByTimeAsync(0); // a whole list's badges are mounted a task later
    expect(timers().filter((t) => t.place === 'row')).toHaveLength(3);
  });

  it('removes hosts left by another instance, and all of its own when invalidated', async () => {
    const stray = createTimerHost(document, 'row', 'old-instance');
    document.querySelector('li.conv')!.append(stray);
    await start();
    expect(stray.isConnected).toBe(false);
    expect(timers().every((t) => t.key)).toBe(true);
    ctx.notifyInvalidated();
    expect(timers()).toEqual([]);
    // Dead: later page changes get no timers.
    const [fresh] = nodesOf(inboxHtml([{ id: 'c8', name: 'Di', at: new Date().toISOString(), last: 'in' }]));
    document.querySelector('ul.list')!.prepend((fresh as Element).querySelector('li')!);
    await flush();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(timers()).toEqual([]);
  });

  it('stops typed keys at the badge (page hotkeys never see them)', async () => {
    await start();
    const seen: string[] = [];
    document.addEventListener('keydown', (e) => seen.push(e.key));
    const badge = document.querySelector('baton-timer')!.shadowRoot!.querySelector('.badge')!;
    badge.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true, composed: true }));
    expect(seen).toEqual([]);
  });
});
