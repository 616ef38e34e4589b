import { describe, expect, test } from 'vitest';
import { Window } from 'happy-dom';
import { InertCopier, readRowIsolated } from '../../../lib/overlay/isolated-read';
import { checkHealth } from '../../../lib/platforms/health';
import { pageKind, youtube } from '../../../lib/platforms/youtube';
import { expectAdapterOnFixture, listFixtures, loadFixture } from './fixture-loader';

describe('youtube adapter on every fixture', () => {
  const fixtures = listFixtures('youtube');
  test('has Studio, watch-page and non-English fixtures', () => {
    expect(fixtures.map((f) => f.name)).toEqual(expect.arrayContaining(['studio-comments', 'studio-video-ar', 'watch-de']));
  });
  for (const f of fixtures) test(f.name, () => expectAdapterOnFixture(youtube, f));
});

describe('youtube pageKind', () => {
  const table: [string, string | null][] = [
    ['https://studio.youtube.com/channel/UCabcdefghijklmnopqrstuv/comments/inbox', 'comments'],
    ['https://studio.youtube.com/channel/UCabcdefghijklmnopqrstuv/comments', 'comments'],
    ['https://studio.youtube.com/channel/UCabcdefghijklmnopqrstuv/comments/inbox?filter=%5B%5D', 'comments'],
    ['https://studio.youtube.com/video/dQw4w9WgXcQ/comments', 'comments'],
    ['https://studio.youtube.com/video/dQw4w9WgXcQ/comments/inbox', 'comments'],
    ['https://studio.youtube.com/video/dQw4w9WgXcQ/edit', null],
    ['https://studio.youtube.com/channel/UCabcdefghijklmnopqrstuv', null],
    ['https://studio.youtube.com/channel/UCabcdefghijklmnopqrstuv/videos/upload', null],
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'comments'],
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=UgxAAAAAAAAAAAAAAAAA4AaABAg', 'comments'],
    ['https://www.youtube.com/watch', null],
    ['https://www.youtube.com/', null],
    ['https://www.youtube.com/@acmetutorials', null],
    ['https://www.youtube.com/results?search_query=baton', null],
    ['https://m.youtube.com/watch?v=dQw4w9WgXcQ', null],
    ['http://www.youtube.com/watch?v=dQw4w9WgXcQ', null],
    ['https://studio.youtube.com.evil.example/video/dQw4w9WgXcQ/comments', null],
  ];
  test.each(table)('%s → %s', (url, kind) => expect(pageKind(new URL(url))).toBe(kind));
});

describe('youtube comment rules', () => {
  test('a verified viewer carrying a badge does not answer for the brand on a watch page', async () => {
    const f = listFixtures('youtube').find((x) => x.name === 'watch-de');
    if (!f) throw new Error('watch-de fixture missing');
    const { document, ctx, close } = await loadFixture(f);
    try {
      const rows = youtube.readConversations(document, ctx);
      const petra = rows.find((r) => r.customerName === '@petra');
      expect(petra?.lastIsInbound).toBe(true);
      expect(petra?.waitingSince?.toISOString()).toBe('2025-11-14T10:00:00.000Z');
      // The row is the thread element, so overlays sit beside the whole thread.
      expect(petra?.row.localName).toBe('ytd-comment-thread-renderer');
      expect(petra?.url).toBe('https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=UgxCCCCCCCCCCCCCCCCC4AaABAg');
    } finally {
      await close();
    }
  });

  test('a customer follow-up after the brand reply waits again, from the first comment after that reply', async () => {
    const f = listFixtures('youtube').find((x) => x.name === 'studio-comments');
    if (!f) throw new Error('studio-comments fixture missing');
    const { document, ctx, close } = await loadFixture(f);
    try {
      const lee = youtube.readConversations(document, ctx).find((r) => r.customerName === '@lee');
      expect(lee?.lastOutboundAt?.toISOString()).toBe('2025-11-12T16:00:00.000Z');
      expect(lee?.lastInboundAt?.toISOString()).toBe('2025-11-14T15:00:00.000Z');
      expect(lee?.waitingSince?.toISOString()).toBe('2025-11-14T13:00:00.000Z');
      expect(lee?.lastInboundText).toBe('Around minute 4.');
    } finally {
      await close();
    }
  });

  test('one re-rendered thread handed back alone reads the same as within the page', async () => {
    const f = listFixtures('youtube').find((x) => x.name === 'watch-de');
    if (!f) throw new Error('watch-de fixture missing');
    const { document, ctx, close } = await loadFixture(f);
    try {
      const all = youtube.readConversations(document, ctx);
      const second = all[1];
      if (!second) throw new Error('expected rows');
      const alone = youtube.readConversations(second.row, ctx);
      expect(alone.map((r) => [r.key, r.waitingSince, r.lastIsInbound])).toEqual([[second.key, second.waitingSince, second.lastIsInbound]]);
    } finally {
      await close();
    }
  });
});

describe('youtube watch page without a known owner', () => {
  test('a thread with a creator badge is not read (badge alone may be a verified viewer); others are', () => {
    const url = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
    const win = new Window({ url });
    const doc = win.document as unknown as Document;
    const ctx = { now: new Date('2025-11-14T16:00:00Z'), locale: 'en', timeZone: 'UTC', url: new URL(url) };
    const thread = (author: string, lc: string, badge: boolean) => {
      const t = doc.createElement('ytd-comment-thread-renderer');
      const c = doc.createElement('ytd-comment-view-model');
      c.id = 'comment';
      const header = doc.createElement('div');
      header.id = 'header-author';
      const a = doc.createElement('a');
      a.id = 'author-text';
      a.setAttribute('href', `/${author}`);
      a.textContent = author;
      if (badge) {
        const wrap = doc.createElement('div');
        wrap.id = 'author-comment-badge';
        const b = doc.createElement('ytd-author-comment-badge-renderer');
        b.append(a);
        wrap.append(b);
        header.append(wrap);
      } else header.append(a);
      const time = doc.createElement('span');
      time.id = 'published-time-text';
      const link = doc.createElement('a');
      link.setAttribute('href', `/watch?v=dQw4w9WgXcQ&lc=${lc}`);
      link.textContent = '1 hour ago';
      time.append(link);
      header.append(time);
      c.append(header);
      t.append(c);
      return t;
    };
    doc.body.append(thread('@viewer', 'UgxPLAIN', false), thread('@someone_verified', 'UgxBADGE', true));
    const rows = youtube.readConversations(doc, ctx);
    expect(rows.map((r) => [r.key, r.lastIsInbound, r.waitingSince?.toISOString()])).toEqual([
      ['youtube:UgxPLAIN', true, '2025-11-14T15:00:00.000Z'],
    ]);
  });
});

describe('youtube late rendering', () => {
  test('replies that load after the thread change its state once they arrive', async () => {
    const f = listFixtures('youtube').find((x) => x.name === 'studio-comments');
    if (!f) throw new Error('studio-comments fixture missing');
    const { document, ctx, close } = await loadFixture(f);
    try {
      const jane = youtube.readConversations(document, ctx)[0];
      if (!jane) throw new Error('expected rows');
      expect(jane.lastIsInbound).toBe(true);
      // Studio loads replies lazily into #loaded-replies: the owner's reply arrives.
      const reply = document.createElement('ytcp-comment');
      const badge = document.createElement('ytcp-author-comment-badge');
      const author = document.createElement('a');
      author.id = 'author-text';
      author.setAttribute('href', '/channel/UCbrandchannel000000000000');
      author.textContent = '@AcmeTutorials';
      badge.append(author);
      const time = document.createElement('span');
      time.className = 'published-time-text';
      time.textContent = '1 minute ago';
      const text = document.createElement('yt-formatted-string');
      text.id = 'content-text';
      text.textContent = 'Part 2 is out on Friday!';
      reply.append(badge, time, text);
      jane.row.querySelector('#loaded-replies')?.append(reply);
      const after = youtube.readConversations(jane.row, ctx);
      expect(after.map((r) => [r.key, r.lastIsInbound, r.waitingSince])).toEqual([[jane.key, false, null]]);
    } finally {
      await close();
    }
  });
});

describe('youtube on a page that is not its layout', () => {
  test('health is false and nothing is read on a foreign tree', () => {
    const url = 'https://studio.youtube.com/channel/UCabcdefghijklmnopqrstuv/comments/inbox';
    const win = new Window({ url });
    const doc = win.document as unknown as Document;
    const div = doc.createElement('div');
    div.className = 'comment';
    div.textContent = '@jane · 2 hours ago · Hello';
    doc.body.append(div);
    const ctx = { now: new Date('2025-11-14T16:00:00Z'), locale: 'en', timeZone: 'UTC', url: new URL(url) };
    expect(checkHealth(youtube, doc, 'comments').recognised).toBe(false);
    expect(youtube.readConversations(doc, ctx)).toEqual([]);
    expect(youtube.readThread(doc, ctx)).toBeNull();
    expect(youtube.findComposer(doc)).toBeNull();
    expect(youtube.readActingIdentity(doc)).toBeNull();
  });
});

describe('youtube rows read in isolation (the overlay copies one row into an inert document)', () => {
  for (const name of listFixtures('youtube').filter((x) => x.expected.conversations.length > 0).map((x) => x.name)) {
    test(`${name}: a row reads as in the page, or not at all when the brand cannot be told apart`, async () => {
      const f = listFixtures('youtube').find((x) => x.name === name);
      if (!f) throw new Error(`${name} fixture missing`);
      const { document, ctx, close } = await loadFixture(f);
      try {
        const copier = new InertCopier(document.implementation, ctx.url.href);
        for (const full of youtube.readConversations(document, ctx)) {
          const alone = readRowIsolated(youtube, full.row, ctx, copier);
          const badged = full.row.querySelector('ytd-author-comment-badge-renderer') !== null;
          // Away from the page the video owner may be unknown; then a badged thread is not read
          // at all (never guessed), and the overlay falls back to a whole-page read.
          if (alone === null) expect(badged && ctx.url.hostname === 'www.youtube.com').toBe(true);
          else {
            expect([alone.key, alone.waitingSince, alone.lastIsInbound, alone.row]).toEqual([
              full.key,
              full.waitingSince,
              full.lastIsInbound,
              full.row,
            ]);
          }
        }
      } finally {
        await close();
      }
    });
  }
});
