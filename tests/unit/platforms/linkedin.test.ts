import { describe, expect, test } from 'vitest';
import { Window } from 'happy-dom';
import { InertCopier, readRowIsolated } from '../../../lib/overlay/isolated-read';
import { checkHealth } from '../../../lib/platforms/health';
import { linkedin, pageKind, threadKeyFromPath } from '../../../lib/platforms/linkedin';
import { expectAdapterOnFixture, listFixtures, loadFixture } from './fixture-loader';

describe('linkedin adapter on every fixture', () => {
  const fixtures = listFixtures('linkedin');
  test('has fixtures, including the shadow-root and a non-English one', () => {
    const names = fixtures.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['messaging', 'messaging-shadow', 'page-inbox-fr', 'unrecognised']));
  });
  for (const f of fixtures) test(f.name, () => expectAdapterOnFixture(linkedin, f));
});

describe('linkedin pageKind', () => {
  const table: [string, string | null][] = [
    ['https://www.linkedin.com/messaging/', 'inbox'],
    ['https://www.linkedin.com/messaging', 'inbox'],
    ['https://www.linkedin.com/messaging/compose/', 'inbox'],
    ['https://www.linkedin.com/messaging/thread/new/', 'inbox'],
    ['https://www.linkedin.com/messaging/thread/2-YWJjZGVm==/', 'thread'],
    ['https://www.linkedin.com/messaging/thread/2-YWJjZGVm==/?filter=unread', 'thread'],
    ['https://www.linkedin.com/company/12345/admin/inbox/', 'inbox'],
    ['https://www.linkedin.com/company/12345/admin/inbox', 'inbox'],
    ['https://www.linkedin.com/company/12345/admin/inbox/thread/2-b3JnMQ==/', 'thread'],
    ['https://www.linkedin.com/company/12345/admin/dashboard/', null],
    ['https://www.linkedin.com/company/acme/', null],
    ['https://www.linkedin.com/feed/', null],
    ['https://www.linkedin.com/in/jane-customer-000/', null],
    ['https://www.linkedin.com/', null],
    ['http://www.linkedin.com/messaging/', null],
    ['https://linkedin.com/messaging/', null],
    ['https://evil.example/www.linkedin.com/messaging/', null],
    ['https://www.linkedin.com.evil.example/messaging/', null],
  ];
  test.each(table)('%s → %s', (url, kind) => expect(pageKind(new URL(url))).toBe(kind));
});

describe('linkedin thread reading', () => {
  test('group times take their day from the heading above; follow-ups inherit the group time', async () => {
    const f = listFixtures('linkedin').find((x) => x.name === 'messaging');
    if (!f) throw new Error('messaging fixture missing');
    const { document, ctx, close } = await loadFixture(f);
    try {
      const thread = linkedin.readThread(document, ctx);
      expect(thread?.messages.map((m) => [m.direction, m.at?.toISOString() ?? null])).toEqual([
        ['inbound', '2025-11-13T16:10:00.000Z'],
        ['inbound', '2025-11-13T16:10:00.000Z'],
        ['outbound', '2025-11-13T16:20:00.000Z'],
        ['inbound', '2025-11-14T14:30:00.000Z'],
      ]);
      expect(thread?.lastOutboundAt?.toISOString()).toBe('2025-11-13T16:20:00.000Z');
    } finally {
      await close();
    }
  });

  test('while the pane still shows another conversation than the URL names, no thread is read', async () => {
    const f = listFixtures('linkedin').find((x) => x.name === 'messaging');
    if (!f) throw new Error('messaging fixture missing');
    const { document, ctx, close } = await loadFixture(f);
    try {
      // SPA navigation: the URL already names Carol's thread; the list and pane still show Jane's.
      const moved = { ...ctx, url: new URL('https://www.linkedin.com/messaging/thread/2-Y2Fyb2w=/') };
      expect(linkedin.readThread(document, moved)).toBeNull();
      expect(linkedin.readThread(document, ctx)?.key).toBe('linkedin:2-YWJjZGVm==');
    } finally {
      await close();
    }
  });

  test('the shadow-root variant is read through #interop-outlet', async () => {
    const f = listFixtures('linkedin').find((x) => x.name === 'messaging-shadow');
    if (!f) throw new Error('messaging-shadow fixture missing');
    const { document, ctx, close } = await loadFixture(f);
    try {
      expect(document.querySelector('.msg-conversation-listitem')).toBeNull();
      const rows = linkedin.readConversations(document, ctx);
      expect(rows).toHaveLength(2);
      for (const r of rows) expect(r.row.getRootNode()).toBe(document.getElementById('interop-outlet')?.shadowRoot);
    } finally {
      await close();
    }
  });
});

describe('linkedin late rendering', () => {
  test('a row whose children render late is read once they arrive; the row alone reads the same', () => {
    const url = 'https://www.linkedin.com/messaging/';
    const win = new Window({ url });
    const doc = win.document as unknown as Document;
    const ctx = { now: new Date('2025-11-14T16:00:00Z'), locale: 'en', timeZone: 'UTC', url: new URL(url) };
    const list = doc.createElement('ul');
    list.className = 'msg-conversations-container__conversations-list';
    const li = doc.createElement('li');
    li.className = 'msg-conversation-listitem';
    list.append(li);
    doc.body.append(list);
    // An empty row has no thread link yet: nothing to key it by, so nothing is reported.
    expect(linkedin.readConversations(doc, ctx)).toEqual([]);
    expect(checkHealth(linkedin, doc, 'inbox').recognised).toBe(true);

    const a = doc.createElement('a');
    a.className = 'msg-conversation-listitem__link';
    a.setAttribute('href', '/messaging/thread/2-bGF0ZQ==/');
    li.append(a);
    const early = linkedin.readConversations(doc, ctx);
    expect(early.map((r) => [r.key, r.lastIsInbound, r.waitingSince])).toEqual([['linkedin:2-bGF0ZQ==', null, null]]);

    const name = doc.createElement('h3');
    name.className = 'msg-conversation-listitem__participant-names';
    name.textContent = 'Lena Late';
    const time = doc.createElement('time');
    time.className = 'msg-conversation-card__time-stamp';
    time.textContent = '3:05 PM';
    const snippet = doc.createElement('p');
    snippet.className = 'msg-conversation-card__message-snippet';
    snippet.textContent = 'Are you there?';
    a.append(name, time, snippet);
    const late = linkedin.readConversations(doc, ctx);
    expect(late.map((r) => [r.key, r.customerName, r.lastIsInbound, r.waitingSince?.toISOString()])).toEqual([
      ['linkedin:2-bGF0ZQ==', 'Lena Late', true, '2025-11-14T15:05:00.000Z'],
    ]);
    expect(linkedin.readConversations(li, ctx).map((r) => r.key)).toEqual(['linkedin:2-bGF0ZQ==']);
  });
});

describe('linkedin Page inbox with unrecorded list classes', () => {
  test('rows are found by their thread links and keyed per Page', () => {
    const url = 'https://www.linkedin.com/company/777/admin/inbox/';
    const win = new Window({ url });
    const doc = win.document as unknown as Document;
    const ctx = { now: new Date('2025-11-14T16:00:00Z'), locale: 'en', timeZone: 'UTC', url: new URL(url) };
    const ul = doc.createElement('ul');
    ul.className = 'org-inbox-v2-list';
    for (const [id, name, time, snippet] of [
      ['2-QQ==', 'Ann Asker', '1:00 PM', 'Do you ship?'],
      ['2-Qg==', 'Ben Buyer', '12:00 PM', 'You: Yes we do'],
    ] as const) {
      const li = doc.createElement('li');
      const a = doc.createElement('a');
      a.setAttribute('href', `/company/777/admin/inbox/thread/${id}/`);
      const n = doc.createElement('h3');
      n.className = 'msg-conversation-listitem__participant-names';
      n.textContent = name;
      const t = doc.createElement('time');
      t.className = 'msg-conversation-card__time-stamp';
      t.textContent = time;
      const p = doc.createElement('p');
      p.className = 'msg-conversation-card__message-snippet';
      p.textContent = snippet;
      a.append(n, t, p);
      li.append(a);
      ul.append(li);
    }
    doc.body.append(ul);
    expect(pageKind(ctx.url)).toBe('inbox');
    expect(checkHealth(linkedin, doc, 'inbox').recognised).toBe(true);
    expect(linkedin.readConversations(doc, ctx).map((r) => [r.key, r.customerName, r.lastIsInbound, r.waitingSince?.toISOString() ?? null])).toEqual([
      ['linkedin:page:777:2-QQ==', 'Ann Asker', true, '2025-11-14T13:00:00.000Z'],
      ['linkedin:page:777:2-Qg==', 'Ben Buyer', false, null],
    ]);
  });
});

describe('linkedin keys', () => {
  test('messaging and Page threads have distinct, stable keys from the path', () => {
    expect(threadKeyFromPath('/messaging/thread/2-YWJjZGVm==/')).toBe('linkedin:2-YWJjZGVm==');
    expect(threadKeyFromPath('https://www.linkedin.com/messaging/thread/2-YWJjZGVm==/')).toBe('linkedin:2-YWJjZGVm==');
    expect(threadKeyFromPath('/company/12345/admin/inbox/thread/2-YWJjZGVm==/')).toBe('linkedin:page:12345:2-YWJjZGVm==');
    expect(threadKeyFromPath('/messaging/')).toBeNull();
    expect(threadKeyFromPath('/feed/')).toBeNull();
  });
});

describe('linkedin on a page that is not its layout', () => {
  test('health is false and nothing is read on a foreign tree', () => {
    const win = new Window({ url: 'https://www.linkedin.com/messaging/' });
    const doc = win.document as unknown as Document;
    const div = doc.createElement('div');
    div.className = 'msg-something-else';
    div.textContent = 'Jane · 2:30 PM · Hello';
    doc.body.append(div);
    const ctx = { now: new Date('2025-11-14T16:00:00Z'), locale: 'en', timeZone: 'UTC', url: new URL('https://www.linkedin.com/messaging/') };
    expect(checkHealth(linkedin, doc, 'inbox').recognised).toBe(false);
    expect(checkHealth(linkedin, doc, 'thread').recognised).toBe(false);
    expect(checkHealth(linkedin, doc, null).recognised).toBe(false);
    expect(linkedin.readConversations(doc, ctx)).toEqual([]);
    expect(linkedin.readThread(doc, ctx)).toBeNull();
    expect(linkedin.findComposer(doc)).toBeNull();
    expect(linkedin.readActingIdentity(doc)).toBeNull();
  });
});

describe('linkedin rows read in isolation (the overlay copies one row into an inert document)', () => {
  for (const name of listFixtures('linkedin').filter((x) => x.expected.conversations.length > 0).map((x) => x.name)) {
    test(`${name}: every row reads as it does in the page`, async () => {
      const f = listFixtures('linkedin').find((x) => x.name === name);
      if (!f) throw new Error(`${name} fixture missing`);
      const { document, ctx, close } = await loadFixture(f);
      try {
        const copier = new InertCopier(document.implementation, ctx.url.href);
        const rows = linkedin.readConversations(document, ctx);
        expect(rows.length).toBeGreaterThan(0);
        for (const full of rows) {
          const alone = readRowIsolated(linkedin, full.row, ctx, copier);
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
