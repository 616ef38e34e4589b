import { describe, expect, test } from 'vitest';
import { editorKindOf } from '../../../lib/platforms/common';
import { checkHealth } from '../../../lib/platforms/health';
import { xAdapter, xPageKind } from '../../../lib/platforms/x';
import type { PageKind, ReadContext } from '../../../lib/platforms/types';
import { expectAdapterOnFixture, iso, listFixtures, loadFixture } from './fixture-loader';

const NOW = new Date('2026-11-20T12:00:00.000Z');
const ctxAt = (url: string, locale = 'en'): ReadContext => ({ now: NOW, locale, timeZone: 'UTC', url: new URL(url) });

describe('x adapter on every fixture', () => {
  const fixtures = listFixtures('x');
  test('has fixtures, including a shadow-root, a non-English and an unrecognised page', () => {
    const names = fixtures.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['chat-shadow', 'chat-inbox-es', 'tweet-detail-ar', 'unrecognised']));
  });
  for (const f of fixtures) test(f.name, () => expectAdapterOnFixture(xAdapter, f));

  test.each([
    ['chat-shadow', 'textarea'],
    ['messages-legacy', 'draftjs'],
    ['tweet-detail-ar', 'draftjs'],
  ])('%s: the composer found is a %s editor', async (name, kind) => {
    const { document, close } = await loadFixture(fixtures.find((f) => f.name === name)!);
    try {
      const composer = xAdapter.findComposer(document);
      expect(composer && editorKindOf(composer, xAdapter.editor)).toBe(kind);
    } finally {
      await close();
    }
  });
});

describe('xPageKind', () => {
  const table: [string, PageKind | null][] = [
    ['https://x.com/i/chat', 'inbox'],
    ['https://x.com/i/chat/', 'inbox'],
    ['https://x.com/i/chat/requests', 'inbox'],
    ['https://x.com/i/chat/requests/other', 'inbox'],
    ['https://x.com/i/chat/1001-2002', 'thread'],
    ['https://x.com/i/chat/g1234567890', 'thread'],
    ['https://x.com/i/chat/requests/1001-2002', 'thread'],
    ['https://x.com/i/chat/requests/other/1001-2002', 'thread'],
    ['https://x.com/i/chat/pin/recovery', null],
    ['https://x.com/i/chat/settings', null],
    ['https://x.com/messages', 'inbox'],
    ['https://x.com/messages/requests', 'inbox'],
    ['https://x.com/messages/1001-4004', 'thread'],
    ['https://x.com/messages/compose', null],
    ['https://twitter.com/messages/1001-4004', 'thread'],
    ['https://mobile.x.com/i/chat/1001-2002', 'thread'],
    ['https://x.com/notifications', 'comments'],
    ['https://x.com/notifications/mentions', 'comments'],
    ['https://x.com/notifications/verified', 'comments'],
    ['https://x.com/jane_c/status/1981398750557065646', 'comments'],
    ['https://x.com/jane_c/status/1981398750557065646?s=20', 'comments'],
    ['https://x.com/i/web/status/1981398750557065646', 'comments'],
    ['https://x.com/jane_c/status/notanid', null],
    ['https://x.com/home', null],
    ['https://x.com/explore', null],
    ['https://x.com/jane_c', null],
    ['https://x.com/i/bookmarks', null],
    ['https://x.com/settings/account', null],
    ['http://x.com/i/chat', null],
    ['https://pro.x.com/i/chat', null],
    ['https://example.com/i/chat', null],
    ['https://x.com.evil.example/i/chat', null],
  ];
  test.each(table)('%s → %s', (url, kind) => expect(xPageKind(new URL(url))).toBe(kind));

  test('every URL the match patterns admit for inbox surfaces is https on an X host', () => {
    for (const m of xAdapter.matches) expect(m).toMatch(/^https:\/\/(?:mobile\.)?(?:x|twitter)\.com\/\*$/);
  });
});

describe('x adapter behaviour', () => {
  test('a page that does not match is not recognised and yields nothing', () => {
    document.body.replaceChildren();
    const p = document.createElement('p');
    p.textContent = 'Nothing to see';
    document.body.append(p);
    const ctx = ctxAt('https://x.com/i/chat/1001-2002');
    for (const kind of ['inbox', 'thread', 'comments'] as const) {
      expect(checkHealth(xAdapter, document, kind).recognised).toBe(false);
    }
    expect(xAdapter.readConversations(document, ctx)).toEqual([]);
    expect(xAdapter.readThread(document, ctx)).toBeNull();
    expect(xAdapter.findComposer(document)).toBeNull();
    expect(xAdapter.readActingIdentity(document)).toBeNull();
  });

  test('a row whose children render late is read fully once they arrive', () => {
    document.body.replaceChildren();
    const list = document.createElement('div');
    list.setAttribute('data-testid', 'dm-conversation-list');
    const row = document.createElement('div');
    row.setAttribute('data-testid', 'dm-conversation-item-1001:2002');
    list.append(row);
    document.body.append(list);
    const ctx = ctxAt('https://x.com/i/chat');
    const early = xAdapter.readConversations(document, ctx);
    expect(early).toHaveLength(1);
    expect(early[0]).toMatchObject({ key: 'x:1001-2002', lastIsInbound: null, waitingSince: null, customerName: null });

    const a = document.createElement('a');
    a.href = '/i/chat/1001-2002';
    for (const t of ['Jane Customer', '@jane_c', '45m', 'Hello?']) {
      const s = document.createElement('span');
      s.textContent = t;
      a.append(s);
    }
    row.append(a);
    const late = xAdapter.readConversations(document, ctx);
    expect(late[0]).toMatchObject({ key: 'x:1001-2002', customerName: 'Jane Customer', lastIsInbound: true, lastInboundText: 'Hello?' });
    expect(iso(late[0]?.waitingSince)).toBe('2026-11-20T11:15:00.000Z');
    // The overlay may hand the row itself back after a re-render.
    expect(xAdapter.readConversations(row, ctx).map((r) => r.key)).toEqual(['x:1001-2002']);
  });

  test('X Chat rows inside a shadow root attached by the test are found', () => {
    document.body.replaceChildren();
    const host = document.createElement('div');
    host.setAttribute('data-testid', 'xchatEmbedRoute');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const panel = document.createElement('section');
    panel.setAttribute('data-testid', 'dm-inbox-panel');
    const row = document.createElement('div');
    row.setAttribute('data-testid', 'dm-conversation-item-5:6');
    const a = document.createElement('a');
    a.href = '/i/chat/5-6';
    a.textContent = 'Zed';
    row.append(a);
    panel.append(row);
    root.append(panel);
    const ctx = ctxAt('https://x.com/i/chat');
    expect(checkHealth(xAdapter, document, 'inbox').recognised).toBe(true);
    expect(xAdapter.readConversations(document, ctx).map((r) => [r.key, r.customerName])).toEqual([['x:5-6', 'Zed']]);
  });

  test('a mention answered by the brand waits again when the customer follows up', () => {
    document.body.replaceChildren();
    const tweet = (handle: string, id: string, at: string, text: string) => {
      const art = document.createElement('article');
      art.setAttribute('data-testid', 'tweet');
      const link = document.createElement('a');
      link.href = `/${handle}/status/${id}`;
      const time = document.createElement('time');
      time.setAttribute('datetime', at);
      link.append(time);
      const body = document.createElement('div');
      body.setAttribute('data-testid', 'tweetText');
      body.textContent = text;
      art.append(link, body);
      return art;
    };
    const profile = document.createElement('a');
    profile.setAttribute('data-testid', 'AppTabBar_Profile_Link');
    profile.href = '/Acme';
    document.body.append(
      profile,
      tweet('cust', '1', '2026-11-20T08:00:00Z', '@acme help'),
      tweet('acme', '2', '2026-11-20T08:30:00Z', 'sure'),
      tweet('cust', '3', '2026-11-20T09:00:00Z', 'still broken'),
    );
    const rows = xAdapter.readConversations(document, ctxAt('https://x.com/cust/status/1'));
    expect(rows.map((r) => [r.key, r.lastIsInbound, iso(r.waitingSince), iso(r.lastOutboundAt)])).toEqual([
      ['x:status:1', false, null, '2026-11-20T08:30:00.000Z'],
      ['x:status:3', true, '2026-11-20T09:00:00.000Z', null],
    ]);
  });

  test('a reply that failed to send does not answer the customer', async () => {
    const f = listFixtures('x').find((x) => x.name === 'chat-shadow')!;
    const { document, ctx, close } = await loadFixture(f);
    try {
      const root = document.querySelector('[data-testid="xchatEmbedRoute"]')!.shadowRoot!;
      const reply = root.querySelector('[data-dm-message-row="22222222-2222-4222-8222-222222222222"]')!;
      expect(iso(xAdapter.readThread(document, ctx)?.waitingSince)).toBe('2026-11-20T09:58:00.000Z');
      reply.setAttribute('data-send-status', 'failed');
      const t = xAdapter.readThread(document, ctx);
      expect(t?.messages).toHaveLength(3);
      expect(iso(t?.waitingSince)).toBe('2026-11-19T16:02:00.000Z');
    } finally {
      await close();
    }
  });

  test('a disabled composer is reported as absent', () => {
    document.body.replaceChildren();
    const ta = document.createElement('textarea');
    ta.setAttribute('data-testid', 'dm-composer-textarea');
    ta.disabled = true;
    document.body.append(ta);
    expect(xAdapter.findComposer(document)).toBeNull();
    ta.disabled = false;
    expect(xAdapter.findComposer(document)).toBe(ta);
  });
});
