import { describe, expect, test } from 'vitest';
import { facebookAdapter, facebookPageKind } from '../../../lib/platforms/facebook';
import { checkHealth } from '../../../lib/platforms/health';
import type { PageKind, ReadContext } from '../../../lib/platforms/types';
import { expectAdapterOnFixture, iso, listFixtures, loadFixture } from './fixture-loader';

const NOW = new Date('2026-11-20T12:00:00.000Z');
const ctxAt = (url: string): ReadContext => ({ now: NOW, locale: 'en', timeZone: 'UTC', url: new URL(url) });

describe('facebook adapter on every fixture', () => {
  const fixtures = listFixtures('facebook');
  test('has Business Suite, Messenger and a non-English fixture', () => {
    expect(fixtures.map((f) => f.name)).toEqual(expect.arrayContaining(['business-suite', 'messenger', 'messenger-ar']));
  });
  for (const f of fixtures) test(f.name, () => expectAdapterOnFixture(facebookAdapter, f));

  test('Messenger message times come from labels, clock-only ones on their separator\'s day', async () => {
    const en = await loadFixture(fixtures.find((f) => f.name === 'messenger')!);
    try {
      const t = facebookAdapter.readThread(en.document, en.ctx);
      expect(t?.messages.map((m) => [m.direction, iso(m.at), m.text])).toEqual([
        ['inbound', '2026-11-20T09:41:00.000Z', 'Is this still available?'],
        ['inbound', '2026-11-20T09:42:00.000Z', 'The blue one'],
        ['outbound', '2026-11-20T11:31:00.000Z', 'Yes! Want me to reserve it?'],
      ]);
    } finally {
      await en.close();
    }
    const ar = await loadFixture(fixtures.find((f) => f.name === 'messenger-ar')!);
    try {
      const t = facebookAdapter.readThread(ar.document, ar.ctx);
      expect(t?.messages.map((m) => [m.direction, iso(m.at)])).toEqual([
        ['inbound', '2026-11-19T15:50:00.000Z'],
        ['outbound', '2026-11-19T16:05:00.000Z'],
        ['inbound', '2026-11-20T09:58:00.000Z'],
        ['inbound', '2026-11-20T10:00:00.000Z'],
      ]);
    } finally {
      await ar.close();
    }
  });

  test('Business Suite bubbles take the time of their separator', async () => {
    const bs = await loadFixture(fixtures.find((f) => f.name === 'business-suite')!);
    try {
      const t = facebookAdapter.readThread(bs.document, bs.ctx);
      expect(t?.messages.map((m) => [m.direction, iso(m.at)])).toEqual([
        ['inbound', '2026-11-19T16:02:00.000Z'],
        ['outbound', '2026-11-19T16:02:00.000Z'],
        ['inbound', '2026-11-20T09:41:00.000Z'],
        ['inbound', '2026-11-20T09:41:00.000Z'],
      ]);
      expect(t?.header.getAttribute('role')).toBe('heading');
    } finally {
      await bs.close();
    }
  });
});

describe('facebookPageKind', () => {
  const table: [string, PageKind | null][] = [
    ['https://business.facebook.com/latest/inbox/all?asset_id=111&mailbox_id=111', 'inbox'],
    ['https://business.facebook.com/latest/inbox/messenger?asset_id=111', 'inbox'],
    ['https://business.facebook.com/latest/inbox/instagram?asset_id=111', 'inbox'],
    ['https://business.facebook.com/latest/inbox/all?asset_id=111&selected_item_id=900&thread_type=FB_MESSAGE', 'thread'],
    ['https://business.facebook.com/latest/inbox?asset_id=111', 'inbox'],
    ['https://business.facebook.com/latest/home?asset_id=111', null],
    ['https://business.facebook.com/latest/posts', null],
    ['https://www.facebook.com/latest/inbox/all?asset_id=111', 'inbox'],
    ['https://www.facebook.com/latest/inbox/all?asset_id=111&selected_item_id=5', 'thread'],
    ['https://www.facebook.com/123456789/inbox', 'inbox'],
    ['https://www.facebook.com/123456789/inbox/987/?section=messages', 'thread'],
    ['https://www.facebook.com/messages', 'inbox'],
    ['https://www.facebook.com/messages/t/100012345', 'thread'],
    ['https://www.facebook.com/messages/t/100012345/', 'thread'],
    ['https://www.facebook.com/messages/e2ee/t/100012345', 'thread'],
    ['https://www.facebook.com/messages/requests', 'inbox'],
    ['https://www.messenger.com/', 'inbox'],
    ['https://www.messenger.com/t/777000111/', 'thread'],
    ['https://www.messenger.com/e2ee/t/777000111', 'thread'],
    ['https://www.messenger.com/requests/', 'inbox'],
    ['https://www.messenger.com/login/', null],
    ['https://www.facebook.com/', null],
    ['https://www.facebook.com/home.php', null],
    ['https://www.facebook.com/jane.customer', null],
    ['https://www.facebook.com/groups/123', null],
    ['http://www.facebook.com/messages/t/1', null],
    ['https://facebook.com.evil.example/messages/t/1', null],
    ['https://www.instagram.com/direct/inbox/', null],
  ];
  test.each(table)('%s → %s', (url, kind) => expect(facebookPageKind(new URL(url))).toBe(kind));
});

describe('facebook adapter behaviour', () => {
  test('a page that does not match is not recognised and yields nothing', () => {
    document.body.replaceChildren(document.createElement('main'));
    const ctx = ctxAt('https://www.facebook.com/messages/t/1');
    expect(checkHealth(facebookAdapter, document, 'thread').recognised).toBe(false);
    expect(checkHealth(facebookAdapter, document, 'inbox').recognised).toBe(false);
    expect(facebookAdapter.readConversations(document, ctx)).toEqual([]);
    expect(facebookAdapter.readThread(document, ctx)).toBeNull();
    expect(facebookAdapter.readActingIdentity(document)).toBeNull();
  });

  test('a Messenger row whose texts render late is read once they arrive', () => {
    const grid = document.createElement('div');
    grid.setAttribute('role', 'grid');
    const row = document.createElement('div');
    row.setAttribute('role', 'row');
    const a = document.createElement('a');
    a.href = '/messages/t/42/';
    row.append(a);
    grid.append(row);
    document.body.replaceChildren(grid);
    const ctx = ctxAt('https://www.facebook.com/messages');
    const early = facebookAdapter.readConversations(document, ctx);
    expect(early.map((r) => [r.key, r.customerName, r.lastIsInbound, r.waitingSince])).toEqual([['facebook:42', null, null, null]]);
    for (const t of ['Ola', 'Hi there', '5m']) {
      const s = document.createElement('span');
      s.setAttribute('dir', 'auto');
      s.textContent = t;
      a.append(s);
    }
    const rows = facebookAdapter.readConversations(document, ctx);
    expect(rows.map((r) => [r.key, r.customerName, r.lastIsInbound, iso(r.waitingSince)])).toEqual([
      ['facebook:42', 'Ola', true, '2026-11-20T11:55:00.000Z'],
    ]);
    expect(rows[0]?.row).toBe(row);
  });

  test('a bubble laid out to the end by a stylesheet class is the brand\'s (computed style)', () => {
    const style = document.createElement('style');
    style.textContent = '.mine { display: flex; justify-content: flex-end; }';
    const main = document.createElement('div');
    main.setAttribute('role', 'main');
    const grid = document.createElement('div');
    grid.setAttribute('role', 'grid');
    const row = (cls: string, text: string, label: string) => {
      const r = document.createElement('div');
      r.setAttribute('role', 'row');
      if (cls) r.className = cls;
      const t = document.createElement('div');
      t.setAttribute('dir', 'auto');
      t.textContent = text;
      const time = document.createElement('span');
      time.setAttribute('aria-label', label);
      r.append(t, time);
      return r;
    };
    grid.append(row('theirs', 'Hi', '9:00 AM'), row('mine', 'Hello!', '9:05 AM'));
    main.append(grid);
    document.head.append(style);
    document.body.replaceChildren(main);
    try {
      const t = facebookAdapter.readThread(document, ctxAt('https://www.facebook.com/messages/t/7'));
      // The first row has no marker, avatar or layout: its direction is unknown and it is skipped.
      expect(t?.messages.map((m) => [m.direction, m.text, iso(m.at)])).toEqual([['outbound', 'Hello!', '2026-11-20T09:05:00.000Z']]);
      expect(t?.lastIsInbound).toBe(false);
    } finally {
      style.remove();
    }
  });

  test('a read-only composer is reported as absent', () => {
    const box = document.createElement('div');
    box.setAttribute('contenteditable', 'true');
    box.setAttribute('role', 'textbox');
    box.setAttribute('aria-disabled', 'true');
    document.body.replaceChildren(box);
    expect(facebookAdapter.findComposer(document)).toBeNull();
    box.removeAttribute('aria-disabled');
    expect(facebookAdapter.findComposer(document)).toBe(box);
  });
});
