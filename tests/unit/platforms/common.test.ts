import { describe, expect, test } from 'vitest';
import {
  conversationKey,
  editorKindOf,
  messageTime,
  nameKey,
  ownPreview,
  parseLabelTime,
  parseVisibleTime,
  preferThread,
  readSeparator,
  summarise,
  usableComposer,
} from '../../../lib/platforms/common';
import type { ConversationObservation, MessageObservation, ReadContext, ThreadObservation } from '../../../lib/platforms/types';
import { parseTimestamp } from '../../../lib/time';
import { iso } from './fixture-loader';

const NOW = new Date('2026-11-20T12:00:00.000Z');
const ctx = (locale = 'en', timeZone = 'UTC', now = NOW): ReadContext => ({ now, locale, timeZone, url: new URL('https://x.com/i/chat') });
const msg = (direction: 'inbound' | 'outbound', at: string | null, text = ''): MessageObservation => ({
  direction,
  at: at ? new Date(at) : null,
  text,
});

describe('summarise: waiting-since is the first inbound after the brand\'s last reply (DESIGN §3)', () => {
  const table: [string, MessageObservation[], { waiting: string | null; lastIsInbound: boolean | null; lastIn: string | null; lastOut: string | null }][] = [
    ['no messages', [], { waiting: null, lastIsInbound: null, lastIn: null, lastOut: null }],
    ['only the customer', [msg('inbound', '2026-11-20T08:00:00Z'), msg('inbound', '2026-11-20T09:00:00Z')], { waiting: '2026-11-20T08:00:00.000Z', lastIsInbound: true, lastIn: '2026-11-20T09:00:00.000Z', lastOut: null }],
    ['answered', [msg('inbound', '2026-11-20T08:00:00Z'), msg('outbound', '2026-11-20T08:30:00Z')], { waiting: null, lastIsInbound: false, lastIn: '2026-11-20T08:00:00.000Z', lastOut: '2026-11-20T08:30:00.000Z' }],
    [
      'follow-up after the reply waits again, from the follow-up',
      [msg('inbound', '2026-11-19T08:00:00Z'), msg('outbound', '2026-11-19T09:00:00Z'), msg('inbound', '2026-11-20T10:00:00Z'), msg('inbound', '2026-11-20T11:00:00Z')],
      { waiting: '2026-11-20T10:00:00.000Z', lastIsInbound: true, lastIn: '2026-11-20T11:00:00.000Z', lastOut: '2026-11-19T09:00:00.000Z' },
    ],
    ['brand wrote first and only', [msg('outbound', '2026-11-20T08:00:00Z')], { waiting: null, lastIsInbound: false, lastIn: null, lastOut: '2026-11-20T08:00:00.000Z' }],
    [
      'unreadable time on the oldest unanswered message: unknown, never the later time',
      [msg('outbound', '2026-11-20T07:00:00Z'), msg('inbound', null), msg('inbound', '2026-11-20T09:00:00Z')],
      { waiting: null, lastIsInbound: true, lastIn: '2026-11-20T09:00:00.000Z', lastOut: '2026-11-20T07:00:00.000Z' },
    ],
  ];
  test.each(table)('%s', (_name, messages, want) => {
    const s = summarise(messages);
    expect({ waiting: iso(s.waitingSince), lastIsInbound: s.lastIsInbound, lastIn: iso(s.lastInboundAt), lastOut: iso(s.lastOutboundAt) }).toEqual(want);
  });
});

describe('own-message markers per language', () => {
  test.each([
    ['You: Thanks!', true, 'Thanks!'],
    ['you:thanks', true, 'thanks'],
    ['Tú: ¡Gracias!', true, '¡Gracias!'],
    ['Vous : merci', true, 'merci'],
    ['Du: danke', true, 'danke'],
    ['Você: obrigado', true, 'obrigado'],
    ['أنت: شكراً', true, 'شكراً'],
    ['You sent an attachment.', true, 'You sent an attachment.'],
    ['Enviaste un archivo adjunto.', true, 'Enviaste un archivo adjunto.'],
    ['أرسلت سارة صورة', false, 'أرسلت سارة صورة'], // "Sara sent a photo": not ours
    ['Youssef: hi', false, 'Youssef: hi'],
    ['Where is my order?', false, 'Where is my order?'],
  ])('%s', (text, own, rest) => expect(ownPreview(text)).toEqual({ own, text: rest }));
});

describe('times in labels and threads', () => {
  test.each([
    ['Jane Customer sent at 9:41 AM', 'en', '2026-11-20T09:41:00.000Z'],
    ['enviado a las 10:05', 'es', '2026-11-20T10:05:00.000Z'],
    ['سارة أرسلت في ٩:٥٨ ص', 'ar', '2026-11-20T09:58:00.000Z'],
    ['Nov 19, 2026, 4:02 PM', 'en', '2026-11-19T16:02:00.000Z'],
    ['Unread message from Jane', 'en', null],
    ['48 Replies. Reply', 'en', null],
    ['Order 4411', 'en', null],
  ])('label %s (%s)', (label, locale, want) => expect(iso(parseLabelTime(label, ctx(locale)))).toBe(want));

  function el(html: { text?: string; attrs?: Record<string, string> }): Element {
    const e = document.createElement('div');
    if (html.text) e.textContent = html.text;
    for (const [k, v] of Object.entries(html.attrs ?? {})) e.setAttribute(k, v);
    return e;
  }

  test('a clock-only time after "Yesterday" is yesterday, even when later than now\'s clock', () => {
    const sep = readSeparator(el({ text: 'Yesterday' }), ctx());
    expect(sep?.hasClock).toBe(false);
    expect(iso(messageTime(el({}), ctx(), ['4:02 PM'], sep))).toBe('2026-11-19T16:02:00.000Z');
    // Without the separator the same text is in the future of now, so unknown.
    expect(messageTime(el({}), ctx(), ['4:02 PM'], null)).toBeNull();
  });

  test('a message without its own time takes a separator\'s time only when the separator names one', () => {
    const withClock = readSeparator(el({ text: 'Today 9:41' }), ctx());
    expect(iso(messageTime(el({}), ctx(), [], withClock))).toBe('2026-11-20T09:41:00.000Z');
    const dayOnly = readSeparator(el({ text: 'Today' }), ctx());
    expect(messageTime(el({}), ctx(), [], dayOnly)).toBeNull();
  });

  test('machine time wins over any text', () => {
    const m = el({ attrs: { datetime: '2026-11-20T07:00:00Z', title: 'Nov 20, 2026, 9:00 AM' } });
    expect(iso(messageTime(m, ctx(), ['8:00 AM'], null))).toBe('2026-11-20T07:00:00.000Z');
  });

  test('clock-only times land on the separator\'s day across a DST change (America/New_York)', () => {
    // Sunday 2026-11-01 02:00 EDT → 01:00 EST. Now is Monday 2026-11-02 12:00 EST.
    const now = new Date('2026-11-02T17:00:00Z');
    const c = ctx('en', 'America/New_York', now);
    const sep = readSeparator(el({ text: 'Yesterday' }), c);
    expect(iso(messageTime(el({}), c, ['9:00 AM'], sep))).toBe('2026-11-01T14:00:00.000Z'); // 09:00 EST
    const saturday = readSeparator(el({ text: 'Oct 31' }), c);
    expect(iso(messageTime(el({}), c, ['9:00 AM'], saturday))).toBe('2026-10-31T13:00:00.000Z'); // 09:00 EDT
  });
});

describe('keys, merging and composers', () => {
  test('keys', () => {
    expect(conversationKey('x', ' 1001-2002 ')).toBe('x:1001-2002');
    expect(nameKey('facebook', '111', '  Carla   Díaz ')).toBe('facebook:name:111:carla díaz');
    expect(nameKey('instagram', null, 'Zoe')).toBe('instagram:name:zoe');
  });

  test('the open thread\'s oldest unanswered message replaces its row\'s newest', () => {
    const row = document.createElement('div');
    const header = document.createElement('header');
    const base = { platform: 'x' as const, customerName: 'Jane', lastInboundText: 'b', url: null };
    const rows: ConversationObservation[] = [
      { ...base, key: 'x:1', row, unread: true, lastInboundAt: new Date('2026-11-20T10:00:00Z'), lastOutboundAt: null, lastIsInbound: true, waitingSince: new Date('2026-11-20T10:00:00Z') },
      { ...base, key: 'x:2', row, unread: false, lastInboundAt: new Date('2026-11-20T11:00:00Z'), lastOutboundAt: null, lastIsInbound: true, waitingSince: new Date('2026-11-20T11:00:00Z') },
    ];
    const thread: ThreadObservation = {
      ...base,
      key: 'x:1',
      header,
      messages: [],
      lastInboundAt: new Date('2026-11-20T10:00:00Z'),
      lastOutboundAt: new Date('2026-11-19T10:00:00Z'),
      lastIsInbound: true,
      waitingSince: new Date('2026-11-20T09:58:00Z'),
    };
    const merged = preferThread(rows, thread);
    expect(merged.map((r) => [r.key, iso(r.waitingSince)])).toEqual([
      ['x:1', '2026-11-20T09:58:00.000Z'],
      ['x:2', '2026-11-20T11:00:00.000Z'],
    ]);
    expect(preferThread(rows, null)).toEqual(rows);
  });

  test('composers that are hidden, inert, read-only or disabled are skipped for a usable one', () => {
    const spec = [{ css: '[role="textbox"]', source: 'test' }];
    const hidden = document.createElement('div');
    hidden.setAttribute('hidden', '');
    const inHidden = document.createElement('div');
    inHidden.setAttribute('role', 'textbox');
    hidden.append(inHidden);
    const readonly = document.createElement('div');
    readonly.setAttribute('role', 'textbox');
    readonly.setAttribute('contenteditable', 'false');
    const good = document.createElement('div');
    good.setAttribute('role', 'textbox');
    good.setAttribute('contenteditable', 'true');
    document.body.replaceChildren(hidden, readonly, good);
    expect(usableComposer(document, spec)).toBe(good);
    good.remove();
    expect(usableComposer(document, spec)).toBeNull();
  });
});

describe('editorKindOf', () => {
  const make = (html: (d: Document) => Element) => html(document);
  test('asks the element before the adapter default', () => {
    const ta = make((d) => d.createElement('textarea'));
    expect(editorKindOf(ta, 'lexical')).toBe('textarea');
    const draft = make((d) => {
      const e = d.createElement('div');
      e.className = 'notranslate public-DraftEditor-content';
      e.setAttribute('contenteditable', 'true');
      return e;
    });
    expect(editorKindOf(draft, 'textarea')).toBe('draftjs');
    const lex = make((d) => {
      const e = d.createElement('div');
      e.setAttribute('data-lexical-editor', 'true');
      return e;
    });
    expect(editorKindOf(lex, 'contenteditable')).toBe('lexical');
    const plain = make((d) => {
      const e = d.createElement('div');
      e.setAttribute('contenteditable', 'true');
      return e;
    });
    expect(editorKindOf(plain, 'lexical')).toBe('lexical');
    expect(editorKindOf(plain, 'textarea')).toBe('contenteditable');
  });
});

describe('parseVisibleTime remembers answers within a minute only where that is exact', () => {
  // Instants in order: seconds apart within minutes, across minute boundaries, across a day
  // boundary, and around the US spring-forward change (2026-03-08 07:00Z in New York).
  const instants = (start: string) => {
    const t0 = Date.parse(start);
    return [0, 1, 17, 59_999, 60_000, 60_001, 119_500, 125_000, 3_599_000, 3_600_000, 3_661_000].map((d) => new Date(t0 + d));
  };
  const texts = ['2h', '1d', '3 days ago', 'now', '45s', '12m', 'Yesterday', 'Tue', 'Mar 7', '1:58 AM', '3:01 AM', '23:59', '0:00', '23:59:30', '00:00:40', 'Alice', '1w'];
  const cases: [string, string, string][] = [
    ['en', 'America/New_York', '2026-03-08T06:58:30.250Z'],
    ['en', 'UTC', '2026-11-20T23:58:10.000Z'],
    ['es', 'Europe/Madrid', '2026-10-25T00:59:00.500Z'],
    ['ar', 'Asia/Riyadh', '2026-11-20T20:59:59.999Z'],
  ];
  test.each(cases)('%s in %s from %s: same answers as parsing afresh', (locale, timeZone, start) => {
    for (const now of instants(start)) {
      for (const text of texts) {
        const fresh = parseTimestamp(text, { locale, now, timeZone });
        const got = parseVisibleTime(text, ctx(locale, timeZone, now));
        if (fresh) expect(got?.toISOString(), `${text} at ${now.toISOString()}`).toBe(fresh.toISOString());
      }
    }
  });

  test('a relative time moves with now inside the minute; a clock time does not', () => {
    const c = (ms: number) => ctx('en', 'UTC', new Date(NOW.getTime() + ms));
    expect(parseVisibleTime('2h', c(1_000))?.toISOString()).toBe('2026-11-20T10:00:01.000Z');
    expect(parseVisibleTime('2h', c(21_000))?.toISOString()).toBe('2026-11-20T10:00:21.000Z');
    expect(parseVisibleTime('9:41 AM', c(1_000))?.toISOString()).toBe('2026-11-20T09:41:00.000Z');
    expect(parseVisibleTime('9:41 AM', c(21_000))?.toISOString()).toBe('2026-11-20T09:41:00.000Z');
  });

  test('a time with seconds just past the future tolerance parses as soon as it is within it', () => {
    // Tolerance is 5 minutes: 12:05:30 is refused at 12:00:10 and taken at 12:00:40.
    expect(parseVisibleTime('12:05:30', ctx('en', 'UTC', new Date('2026-11-20T12:00:10Z')))).toBeNull();
    expect(parseVisibleTime('12:05:30', ctx('en', 'UTC', new Date('2026-11-20T12:00:40Z')))?.toISOString()).toBe('2026-11-20T12:05:30.000Z');
  });
});
