import { describe, expect, test } from 'vitest';
import { checkHealth } from '../../../lib/platforms/health';
import { instagramAdapter, instagramPageKind } from '../../../lib/platforms/instagram';
import type { PageKind, ReadContext } from '../../../lib/platforms/types';
import { expectAdapterOnFixture, iso, listFixtures, loadFixture } from './fixture-loader';

const NOW = new Date('2026-11-20T12:00:00.000Z');
const ctxAt = (url: string): ReadContext => ({ now: NOW, locale: 'en', timeZone: 'UTC', url: new URL(url) });

describe('instagram adapter on every fixture', () => {
  const fixtures = listFixtures('instagram');
  test('has a thread fixture and a non-English inbox', () => {
    expect(fixtures.map((f) => f.name)).toEqual(expect.arrayContaining(['direct-thread', 'direct-inbox-es']));
  });
  for (const f of fixtures) test(f.name, () => expectAdapterOnFixture(instagramAdapter, f));

  test('thread messages: machine times first, then the separator\'s time; "You sent" marks own messages', async () => {
    const { document, ctx, close } = await loadFixture(fixtures.find((f) => f.name === 'direct-thread')!);
    try {
      const t = instagramAdapter.readThread(document, ctx);
      expect(t?.messages.map((m) => [m.direction, iso(m.at), m.text])).toEqual([
        ['inbound', '2026-11-19T16:02:00.000Z', 'Hi! Is the lamp in stock?'],
        ['outbound', '2026-11-19T16:10:00.000Z', 'Yes, it ships tomorrow!'],
        ['inbound', '2026-11-20T09:41:00.000Z', 'Where is my order?'],
        ['inbound', '2026-11-20T09:41:00.000Z', "It still hasn't arrived"],
      ]);
      expect(t?.header.localName).toBe('header');
    } finally {
      await close();
    }
  });
});

describe('instagramPageKind', () => {
  const table: [string, PageKind | null][] = [
    ['https://www.instagram.com/direct/inbox/', 'inbox'],
    ['https://www.instagram.com/direct/inbox', 'inbox'],
    ['https://www.instagram.com/direct/', 'inbox'],
    ['https://www.instagram.com/direct/general/', 'inbox'],
    ['https://www.instagram.com/direct/requests/', 'inbox'],
    ['https://www.instagram.com/direct/requests/hidden/', 'inbox'],
    ['https://www.instagram.com/direct/t/340282366841710300949128/', 'thread'],
    ['https://instagram.com/direct/t/340282366841710300949128', 'thread'],
    ['https://www.instagram.com/direct/t/abc/', null],
    ['https://www.instagram.com/direct/new/', null],
    ['https://www.instagram.com/', null],
    ['https://www.instagram.com/acme/', null],
    ['https://www.instagram.com/p/Cxyz123/', null],
    ['https://www.instagram.com/explore/', null],
    ['http://www.instagram.com/direct/inbox/', null],
    ['https://www.instagram.com.evil.example/direct/inbox/', null],
    ['https://business.facebook.com/latest/inbox/instagram', null],
  ];
  test.each(table)('%s → %s', (url, kind) => expect(instagramPageKind(new URL(url))).toBe(kind));
});

describe('instagram adapter behaviour', () => {
  test('a page that does not match is not recognised and yields nothing', () => {
    document.body.replaceChildren(document.createElement('main'));
    const ctx = ctxAt('https://www.instagram.com/direct/t/1/');
    expect(checkHealth(instagramAdapter, document, 'thread').recognised).toBe(false);
    expect(checkHealth(instagramAdapter, document, 'inbox').recognised).toBe(false);
    expect(instagramAdapter.readConversations(document, ctx)).toEqual([]);
    expect(instagramAdapter.readThread(document, ctx)).toBeNull();
    expect(instagramAdapter.findComposer(document)).toBeNull();
    expect(instagramAdapter.readActingIdentity(document)).toBeNull();
  });

  test('a row is read once its texts render', () => {
    const row = document.createElement('div');
    row.setAttribute('role', 'button');
    const img = document.createElement('img');
    img.alt = 'user-profile-picture';
    row.append(img);
    document.body.replaceChildren(row);
    const ctx = ctxAt('https://www.instagram.com/direct/inbox/');
    expect(instagramAdapter.readConversations(document, ctx)).toEqual([]);
    const name = document.createElement('span');
    name.textContent = 'Zoe';
    const preview = document.createElement('span');
    preview.textContent = 'Hello · 2h';
    row.append(name, preview);
    const rows = instagramAdapter.readConversations(document, ctx);
    expect(rows.map((r) => [r.key, r.lastIsInbound, iso(r.waitingSince), r.lastInboundText])).toEqual([
      ['instagram:name:zoe', true, '2026-11-20T10:00:00.000Z', 'Hello'],
    ]);
  });

  test('without any "You sent" marker or avatar, message direction is unknown and the thread is not guessed', () => {
    const main = document.createElement('div');
    main.setAttribute('aria-label', 'Messages in conversation with Zoe');
    for (const t of ['hi', 'hello']) {
      const row = document.createElement('div');
      row.setAttribute('role', 'row');
      const text = document.createElement('div');
      text.setAttribute('dir', 'auto');
      text.textContent = t;
      row.append(text);
      main.append(row);
    }
    document.body.replaceChildren(main);
    const t = instagramAdapter.readThread(document, ctxAt('https://www.instagram.com/direct/t/5/'));
    expect(t?.customerName).toBe('Zoe');
    expect(t?.messages).toEqual([]);
    expect(t?.lastIsInbound).toBeNull();
    expect(t?.waitingSince).toBeNull();
  });
});
