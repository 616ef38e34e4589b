import { describe, expect, test } from 'vitest';
import { Window } from 'happy-dom';
import { InertCopier, readRowIsolated } from '../../../lib/overlay/isolated-read';
import { checkHealth } from '../../../lib/platforms/health';
import { pageKind, tiktok } from '../../../lib/platforms/tiktok';
import { expectAdapterOnFixture, listFixtures, loadFixture } from './fixture-loader';

describe('tiktok adapter on every fixture', () => {
  const fixtures = listFixtures('tiktok');
  test('has classic and newer inbox, comments and non-English fixtures', () => {
    expect(fixtures.map((f) => f.name)).toEqual(expect.arrayContaining(['messages', 'messages-new-ar', 'video-comments-es']));
  });
  for (const f of fixtures) test(f.name, () => expectAdapterOnFixture(tiktok, f));
});

describe('tiktok pageKind', () => {
  const table: [string, string | null][] = [
    ['https://www.tiktok.com/messages', 'inbox'],
    ['https://www.tiktok.com/messages/', 'inbox'],
    ['https://www.tiktok.com/messages?lang=en', 'inbox'],
    ['https://www.tiktok.com/messages/@jane_c', 'thread'],
    ['https://www.tiktok.com/@acme_store/video/7300000000000000001', 'comments'],
    ['https://www.tiktok.com/@acme_store/video/7300000000000000001?is_from_webapp=1', 'comments'],
    ['https://www.tiktok.com/@acme_store/photo/7300000000000000002', 'comments'],
    ['https://www.tiktok.com/@acme_store', null],
    ['https://www.tiktok.com/foryou', null],
    ['https://www.tiktok.com/', null],
    ['https://www.tiktok.com/@acme_store/video/notanid', null],
    ['https://m.tiktok.com/messages', null],
    ['http://www.tiktok.com/messages', null],
    ['https://www.tiktok.com.evil.example/messages', null],
  ];
  test.each(table)('%s → %s', (url, kind) => expect(pageKind(new URL(url))).toBe(kind));
});

describe('tiktok thread reading', () => {
  test('separator times apply to the messages below them; direction from classes and alignment', async () => {
    const f = listFixtures('tiktok').find((x) => x.name === 'messages');
    if (!f) throw new Error('messages fixture missing');
    const { document, ctx, close } = await loadFixture(f);
    try {
      const thread = tiktok.readThread(document, ctx);
      expect(thread?.messages.map((m) => [m.direction, m.at?.toISOString() ?? null])).toEqual([
        ['inbound', '2025-11-13T18:02:00.000Z'],
        ['outbound', '2025-11-13T18:10:00.000Z'],
        ['inbound', '2025-11-14T12:31:00.000Z'],
      ]);
      expect(thread?.header.getAttribute('data-e2e')).toBe('chat-nickname');
    } finally {
      await close();
    }
  });

  test('while the selected row and the header name different people, no thread is read', async () => {
    const f = listFixtures('tiktok').find((x) => x.name === 'messages-new-ar');
    if (!f) throw new Error('messages-new-ar fixture missing');
    const { document, ctx, close } = await loadFixture(f);
    try {
      expect(tiktok.readThread(document, ctx)).not.toBeNull();
      const rows = document.querySelectorAll('[data-e2e="dm-new-conversation-item"]');
      rows[0]?.setAttribute('aria-selected', 'false');
      rows[1]?.setAttribute('aria-selected', 'true');
      expect(tiktok.readThread(document, ctx)).toBeNull();
    } finally {
      await close();
    }
  });

  test('a bubble aligned to the end by a stylesheet rule (no class or inline marker) is the brand\'s', () => {
    const url = 'https://www.tiktok.com/messages';
    const win = new Window({ url });
    const doc = win.document as unknown as Document;
    const style = doc.createElement('style');
    style.textContent = '.css-9z-DivChatItemWrapper { display: flex; justify-content: flex-end; }';
    doc.head.append(style);
    const header = doc.createElement('p');
    header.setAttribute('data-e2e', 'chat-nickname');
    header.textContent = 'Nora';
    const main = doc.createElement('div');
    main.className = 'css-5mno-DivChatMain';
    const sep = doc.createElement('div');
    sep.className = 'css-5ms-DivTimeContainer';
    sep.textContent = '15:00';
    const inbound = doc.createElement('div');
    inbound.setAttribute('data-e2e', 'chat-item');
    inbound.className = 'css-9y-DivChatItemWrapper';
    inbound.textContent = 'Hi!';
    const outbound = doc.createElement('div');
    outbound.setAttribute('data-e2e', 'chat-item');
    outbound.className = 'css-9z-DivChatItemWrapper';
    outbound.textContent = 'Hello Nora';
    main.append(sep, inbound, outbound);
    doc.body.append(header, main);
    const ctx = { now: new Date('2025-11-14T16:00:00Z'), locale: 'en', timeZone: 'UTC', url: new URL(url) };
    const thread = tiktok.readThread(doc, ctx);
    expect(thread?.messages.map((m) => m.direction)).toEqual(['inbound', 'outbound']);
    expect(thread?.lastIsInbound).toBe(false);
    expect(thread?.waitingSince).toBeNull();
  });

  test('logged out: no acting identity', () => {
    const win = new Window({ url: 'https://www.tiktok.com/messages' });
    const doc = win.document as unknown as Document;
    const nav = doc.createElement('div');
    nav.setAttribute('data-e2e', 'nav-profile');
    const a = doc.createElement('a');
    a.setAttribute('href', '/@someone');
    nav.append(a);
    const login = doc.createElement('button');
    login.setAttribute('data-e2e', 'top-login-button');
    doc.body.append(nav, login);
    expect(tiktok.readActingIdentity(doc)).toBeNull();
    login.remove();
    expect(tiktok.readActingIdentity(doc)).toBe('@someone');
  });
});

describe('tiktok on a page that is not its layout', () => {
  test('health is false and nothing is read on a foreign tree', () => {
    for (const url of ['https://www.tiktok.com/messages', 'https://www.tiktok.com/@acme_store/video/7300000000000000001']) {
      const win = new Window({ url });
      const doc = win.document as unknown as Document;
      const div = doc.createElement('div');
      div.className = 'row';
      div.textContent = 'Jane · hello · 12:31';
      doc.body.append(div);
      const u = new URL(url);
      const ctx = { now: new Date('2025-11-14T16:00:00Z'), locale: 'en', timeZone: 'UTC', url: u };
      expect(checkHealth(tiktok, doc, pageKind(u)).recognised).toBe(false);
      expect(tiktok.readConversations(doc, ctx)).toEqual([]);
      expect(tiktok.readThread(doc, ctx)).toBeNull();
      expect(tiktok.findComposer(doc)).toBeNull();
    }
  });
});

describe('tiktok rows read in isolation (the overlay copies one row into an inert document)', () => {
  for (const name of listFixtures('tiktok').filter((x) => x.expected.conversations.length > 0).map((x) => x.name)) {
    test(`${name}: every row reads as it does in the page`, async () => {
      const f = listFixtures('tiktok').find((x) => x.name === name);
      if (!f) throw new Error(`${name} fixture missing`);
      const { document, ctx, close } = await loadFixture(f);
      try {
        const copier = new InertCopier(document.implementation, ctx.url.href);
        const rows = tiktok.readConversations(document, ctx);
        expect(rows.length).toBeGreaterThan(0);
        for (const full of rows) {
          const alone = readRowIsolated(tiktok, full.row, ctx, copier);
          expect(alone && [alone.key, alone.customerName, alone.waitingSince, alone.lastIsInbound, alone.row]).toEqual([
            full.key,
            full.customerName,
            full.waitingSince,
            full.lastIsInbound,
            full.row,
          ]);
        }
      } finally {
        await close();
      }
    });
  }
});
