/**
 * A tiny adapter over a made-up inbox, for overlay tests: rows are `li.conv[data-id]` inside
 * `ul.list`, each with `<time datetime>` and `data-last="in|out"`; the thread is `section.thread`
 * with `header` and `.msg[data-dir][data-at]` children.
 */
import { queryAllDeep } from '@/lib/dom/query';
import type {
  ConversationObservation,
  PlatformAdapter,
  ReadContext,
  ThreadObservation,
} from '@/lib/platforms/types';

function parseAt(s: string | null | undefined): Date | null {
  if (!s) return null;
  const d = new Date(s);
  return Number.isFinite(d.getTime()) ? d : null;
}

export const testAdapter: PlatformAdapter = {
  id: 'x',
  name: 'Test',
  matches: ['https://inbox.test/*'],
  pageKind: (url) => (url.hostname === 'inbox.test' ? (url.pathname.startsWith('/t/') ? 'thread' : 'inbox') : null),
  selectors: {
    list: [{ css: 'ul.list', source: 'test' }],
    row: [{ css: 'ul.list > li.conv', source: 'test' }],
    header: [{ css: 'section.thread > header', source: 'test' }],
  },
  required: (kind) => (kind === 'thread' ? ['list', 'header'] : ['list']),
  readConversations(root: ParentNode, ctx: ReadContext): ConversationObservation[] {
    // Pierces open shadow roots, as the real adapters do (lib/dom/query).
    return queryAllDeep(root, 'ul.list > li.conv').map((row) => {
      const at = parseAt(row.querySelector('time')?.getAttribute('datetime'));
      const inbound = row.getAttribute('data-last') === 'in';
      const id = row.getAttribute('data-id') ?? '';
      return {
        key: `x:${id}`,
        platform: 'x',
        customerName: row.querySelector('.name')?.textContent ?? null,
        lastInboundAt: inbound ? at : null,
        lastOutboundAt: inbound ? null : at,
        lastIsInbound: inbound,
        waitingSince: inbound ? at : null,
        lastInboundText: null,
        url: new URL(`/t/${id}`, ctx.url).href,
        row,
        unread: false,
      };
    });
  },
  readThread(root: ParentNode, ctx: ReadContext): ThreadObservation | null {
    const header = root.querySelector('section.thread > header');
    if (!header) return null;
    const msgs = Array.from(root.querySelectorAll('section.thread .msg')).map((m) => ({
      direction: m.getAttribute('data-dir') === 'out' ? ('outbound' as const) : ('inbound' as const),
      at: parseAt(m.getAttribute('data-at')),
      text: m.textContent ?? '',
    }));
    const last = msgs.at(-1);
    const id = ctx.url.pathname.split('/')[2] ?? '';
    return {
      key: `x:${id}`,
      platform: 'x',
      customerName: header.textContent,
      lastInboundAt: null,
      lastOutboundAt: null,
      lastIsInbound: last ? last.direction === 'inbound' : null,
      waitingSince: last?.direction === 'inbound' ? last.at : null,
      lastInboundText: null,
      url: ctx.url.href,
      header,
      messages: msgs,
    };
  },
  findComposer: () => null,
  readActingIdentity: () => null,
  editor: 'textarea',
};

export const readCtx = (url = 'https://inbox.test/'): ReadContext => ({
  now: new Date('2026-01-01T12:00:00Z'),
  locale: 'en',
  timeZone: 'UTC',
  url: new URL(url),
});

/** A list of rows, as the page would render it. */
export function inboxHtml(rows: { id: string; name: string; at: string; last: 'in' | 'out' }[]): string {
  const items = rows
    .map(
      (r) =>
        `<li class="conv" data-id="${r.id}" data-last="${r.last}"><a href="/t/${r.id}"><span class="name">${r.name}</span><time datetime="${r.at}">2h</time><span class="preview">hi</span></a></li>`,
    )
    .join('');
  return `<main><ul class="list">${items}</ul></main>`;
}

/** Parse trusted test markup into nodes (tests only; the product never parses HTML). */
export function nodesOf(html: string): Node[] {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  return Array.from(doc.body.childNodes).map((n) => document.importNode(n, true));
}
