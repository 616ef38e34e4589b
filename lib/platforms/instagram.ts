/**
 * Instagram Direct (instagram.com/direct/…). Instagram ships obfuscated atomic classes, so this
 * adapter reads ARIA labels, roles, the one stable image alt token and URLs only
 * (PLATFORMS.md §3, §9.5). Rows carry no thread id; the open thread's id is in the URL.
 */
import { firstMatch, queryAllDeep } from '../dom/query';
import {
  allIn,
  attempt,
  cleanText,
  conversationKey,
  elementsOf,
  findTimePiece,
  firstIn,
  computedSide,
  flexSide,
  isOwnMarker,
  nameIsBold,
  mapRows,
  messageTime,
  nameKey,
  ownPreview,
  readSeparator,
  rowSummary,
  summarise,
  textPieces,
  usableComposer,
  absoluteUrl,
  type DaySeparator,
} from './common';
import type {
  ConversationObservation,
  MessageObservation,
  PageKind,
  PlatformAdapter,
  ReadContext,
  SelectorTable,
  ThreadObservation,
} from './types';

const HOSTS = new Set(['instagram.com', 'www.instagram.com']);
const INBOX_SECTIONS = new Set(['inbox', 'general', 'requests']);
/** First path segments that are Instagram pages, never a profile handle. */
const RESERVED = new Set(['direct', 'explore', 'reels', 'reel', 'p', 'stories', 'accounts', 'about', 'legal', 'developer', 'tv']);

export const instagramSelectors = {
  threadList: [
    { css: '[aria-label="Thread list"]', source: '§3.2 inbox loaded, "confirmed via DOM inspection 2026-02-28" [O]' },
  ],
  conversationRow: [
    { css: '[role="button"]:has(img[alt="user-profile-picture"])', source: '§3.2 row = the button around the avatar img alt token (Safari) [O]' },
    { css: 'a[href*="/direct/t/"]', source: '§3.2 legacy row link [C]' },
    { css: '[aria-label*="Conversation with"]', source: '§3.2 labelled row [C]' },
  ],
  rowLink: [{ css: 'a[href*="/direct/t/"]', source: '§3.1 thread URL /direct/t/<id>/ [O]' }],
  thread: [
    { css: '[aria-label*="Messages in conversation"]', source: '§3.2 thread container "Messages in conversation with <name>" [C]' },
    { css: '[aria-label*="Message thread"]', source: '§3.2 thread container, Safari alternative [C]' },
    { css: '[role="log"]', source: '§3.2 thread container, Safari alternative [C]' },
    { css: '[role="main"] [role="grid"]', source: '§3.2 thread grid in any UI language [G]' },
  ],
  threadHeader: [
    { css: '[role="main"] header', source: '§3.2 conversation title bar above the messages [G]' },
    { css: 'main header', source: '§3.2 conversation title bar above the messages [G]' },
  ],
  messageRow: [{ css: '[role="row"]', source: '§3.2 thread rows [C]' }],
  messageText: [{ css: 'div[dir="auto"]', source: '§3.2 message text [C]' }],
  composer: [
    { css: 'div[contenteditable="true"][role="textbox"][aria-label="Message"]', source: '§3.2 composer, aria-label "Message" [O]' },
    { css: 'div[contenteditable="true"][role="textbox"].notranslate', source: '§3.2 composer in any UI language ("always has notranslate") [O]' },
    { css: 'textarea[placeholder*="Message"]', source: '§3.2 older textarea composer [O]' },
  ],
  ownProfile: [
    { css: 'a[href] img[alt$="\'s profile picture"]', source: '§3.4 own profile link in the nav [S]' },
    { css: 'nav a[href^="/"] img', source: '§3.4 nav profile link in any UI language [G]' },
  ],
} satisfies SelectorTable;
const S = instagramSelectors;

export function instagramPageKind(url: URL): PageKind | null {
  if (url.protocol !== 'https:' || !HOSTS.has(url.hostname)) return null;
  const [a, b, c, d] = url.pathname.split('/').filter(Boolean);
  if (a !== 'direct') return null;
  if (b === undefined) return 'inbox';
  if (INBOX_SECTIONS.has(b) && c === undefined) return 'inbox';
  if (b === 'requests' && c === 'hidden' && d === undefined) return 'inbox';
  if (b === 't' && c && /^\d+$/.test(c) && d === undefined) return 'thread';
  return null;
}

function threadIdFromPath(pathname: string): string | null {
  return /^\/direct\/t\/(\d+)\/?$/.exec(pathname)?.[1] ?? null;
}

/** Rows nest buttons (avatar, row): keep the outermost match only. */
function outermost(els: Element[]): Element[] {
  const set = new Set(els);
  return els.filter((el) => {
    for (let p = el.parentElement; p; p = p.parentElement) if (set.has(p)) return false;
    return true;
  });
}

function findThread(root: ParentNode): { container: Element; header: Element } | null {
  const container = firstMatch(root, S.thread);
  if (!container) return null;
  const header = firstMatch(root, S.threadHeader);
  return { container, header: header && !header.contains(container) ? header : container };
}

function threadName(container: Element, header: Element): string | null {
  if (header !== container) {
    const name = textPieces(header)[0];
    if (name) return name;
  }
  const label = container.getAttribute('aria-label') ?? '';
  return /\bconversation with (.+)$/i.exec(label)?.[1]?.trim() ?? null;
}

function readRow(row: Element, ctx: ReadContext, openThread: () => { name: string | null } | null): ConversationObservation | null {
  const pieces = textPieces(row).flatMap((p) => p.split(/\s+·\s+|\s*·\s*$/)).map((p) => p.trim()).filter(Boolean);
  const name = pieces[0] ?? null;
  if (!name) return null;
  const rest = pieces.slice(1);
  const visible = findTimePiece(rest, ctx);
  const at = visible?.at ?? null;
  const preview = rest.filter((_, i) => i !== visible?.index).join(' ');
  const own = ownPreview(preview);
  const link = firstIn(row, S.rowLink) ?? (row.localName === 'a' ? row : null);
  let id = link ? threadIdFromPath(attempt(() => new URL(link.getAttribute('href') ?? '', ctx.url).pathname, '')) : null;
  const urlId = threadIdFromPath(ctx.url.pathname);
  if (!id && urlId) {
    // The open conversation's row is the one named like the thread (or marked current); read
    // alone, without the thread in view, a row cannot be told apart and is not read.
    const current = row.getAttribute('aria-current') !== null || row.getAttribute('aria-selected') === 'true';
    if (current) id = urlId;
    else {
      const open = openThread();
      if (!open) return null;
      if (open.name !== null && open.name === name) id = urlId;
    }
  }
  const known = preview !== '' || at !== null;
  return {
    key: id ? conversationKey('instagram', id) : nameKey('instagram', null, name),
    platform: 'instagram',
    customerName: name,
    ...rowSummary(known ? !own.own : null, at, own.text),
    url: id ? absoluteUrl(`/direct/t/${id}/`, ctx.url) : null,
    row,
    unread: nameIsBold(row, name),
  };
}

/**
 * Direction (§3.2): a hidden "You sent" marks own messages; layout and avatars mark the
 * customer's. Unmarked rows count as the customer's only when the thread uses the markers at
 * all — otherwise the direction is unknown and the row is skipped (fail closed).
 */
function direction(row: Element, markersInUse: boolean): 'inbound' | 'outbound' | null {
  const texts = [...textPieces(row), ...Array.from(row.querySelectorAll('[aria-label]'), (el) => el.getAttribute('aria-label') ?? '')];
  if (texts.some((t) => isOwnMarker(t))) return 'outbound';
  if (texts.some((t) => /\breplied to you\b/i.test(t))) return 'inbound';
  for (const el of [row, ...Array.from(row.children)]) {
    const side = flexSide(el) ?? computedSide(el);
    if (side) return side === 'end' ? 'outbound' : 'inbound';
  }
  if (row.querySelector('img[alt]:not([alt=""])')) return 'inbound';
  return markersInUse ? 'inbound' : null;
}

function readMessages(container: Element, ctx: ReadContext): MessageObservation[] {
  const rows = allIn(container, S.messageRow);
  const markersInUse = rows.some((r) => textPieces(r).some((t) => isOwnMarker(t)));
  const out: MessageObservation[] = [];
  let day: DaySeparator | null = null;
  for (const row of rows) {
    attempt(() => {
      const textEl = firstIn(row, S.messageText);
      if (!textEl) {
        day = readSeparator(row, ctx) ?? day;
        return;
      }
      const dir = direction(row, markersInUse);
      if (!dir) return;
      out.push({ direction: dir, at: messageTime(row, ctx, [], day), text: cleanText(textEl) });
    }, undefined);
  }
  return out;
}

function readIdentity(root: ParentNode): string | null {
  for (const spec of S.ownProfile) {
    for (const img of queryAllDeep(root, spec.css)) {
      const href = img.closest('a')?.getAttribute('href') ?? '';
      const handle = /^\/([A-Za-z0-9._]{1,30})\/?$/.exec(href)?.[1];
      if (handle && !RESERVED.has(handle.toLowerCase())) return `@${handle}`;
    }
  }
  return null;
}

export const instagramAdapter: PlatformAdapter = {
  id: 'instagram',
  name: 'Instagram',
  matches: ['https://*.instagram.com/*'],
  pageKind: instagramPageKind,
  selectors: instagramSelectors,
  required(kind) {
    return kind === 'thread' ? ['thread'] : ['conversationRow'];
  },
  readConversations(root, ctx) {
    return attempt(() => {
      if (!instagramPageKind(ctx.url)) return [];
      let open: { name: string | null } | null | undefined;
      const openThread = () => {
        if (open === undefined) {
          const t = attempt(() => findThread(root), null);
          open = t ? { name: threadName(t.container, t.header) } : null;
        }
        return open;
      };
      return mapRows(outermost(elementsOf(root, S.conversationRow)), (row) => readRow(row, ctx, openThread));
    }, []);
  },
  readThread(root, ctx) {
    return attempt(() => {
      const id = instagramPageKind(ctx.url) === 'thread' ? threadIdFromPath(ctx.url.pathname) : null;
      const found = id ? findThread(root) : null;
      if (!id || !found) return null;
      const messages = readMessages(found.container, ctx);
      const thread: ThreadObservation = {
        key: conversationKey('instagram', id),
        platform: 'instagram',
        customerName: threadName(found.container, found.header),
        ...summarise(messages),
        url: absoluteUrl(`/direct/t/${id}/`, ctx.url),
        header: found.header,
        messages,
      };
      return thread;
    }, null);
  },
  findComposer(root) {
    return attempt(() => usableComposer(root, S.composer), null);
  },
  readActingIdentity(root) {
    return attempt(() => readIdentity(root), null);
  },
  // The editor library is unconfirmed; Meta house style suggests Lexical (§3.3).
  editor: 'lexical',
};
