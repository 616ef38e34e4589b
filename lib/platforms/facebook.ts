/**
 * Facebook: the Meta Business Suite inbox (business.facebook.com/latest/inbox…), the Page inbox
 * on facebook.com (same app at www.facebook.com/latest/inbox…, legacy /<page>/inbox), and
 * Messenger (facebook.com/messages, messenger.com). Meta ships atomic class names that change
 * with every build, so this adapter reads roles, ARIA labels, URLs and text first
 * (PLATFORMS.md §2, §8, §9.3–9.4); the few atomic classes the sources know come last.
 */
import { firstMatch, queryAllDeep } from '../dom/query';
import {
  absoluteUrl,
  allIn,
  attempt,
  cleanText,
  closestOf,
  conversationKey,
  elementsOf,
  findTimePiece,
  firstIn,
  computedSide,
  flexSide,
  isOwnMarker,
  mapRows,
  messageTime,
  nameIsBold,
  nameKey,
  ownPreview,
  readSeparator,
  rowSummary,
  summarise,
  textPieces,
  usableComposer,
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

const FACEBOOK_HOSTS = new Set(['facebook.com', 'www.facebook.com', 'web.facebook.com', 'business.facebook.com']);
const MESSENGER_HOSTS = new Set(['messenger.com', 'www.messenger.com']);
/** Business Suite inbox tabs (§2.1); comments tabs live under the same path. */
const INBOX_PATH = /^\/latest\/inbox(?:\/[\w-]+)?\/?$/;

export const facebookSelectors = {
  conversationRow: [
    { css: '[data-surface*="thread_row"]', source: '§2.2 Business Suite virtualized row, data-surface "…thread_row0" (Meta Business Notifier) [C]' },
    { css: '[role="grid"] [role="row"]:has(a[href*="/t/"])', source: '§2.3 Messenger chat list row holding a /t/<id> link (Titan) [C]' },
    { css: '[role="row"]:has(a[href*="selected_item_id="])', source: '§2.1 a row linking to a Business Suite thread URL [G]' },
  ],
  rowLink: [
    { css: 'a[href*="/t/"]', source: '§2.3 Messenger row link /messages/t/<id> or messenger.com/t/<id> [C]' },
    { css: 'a[href*="selected_item_id="]', source: '§2.1 Business Suite thread URL [G]' },
  ],
  rowUnread: [
    { css: '[aria-label*="unread" i]', source: '§2.3 Messenger unread marker in the row (Titan) [C]' },
    { css: '[aria-label^="Mark as read"]', source: '§2.3 Marketplace unread control [C]' },
  ],
  thread: [
    { css: '[aria-label*="Message list container"]', source: '§2.2 Business Suite open thread (BS crawler test) [C]' },
    { css: '[role="region"][aria-label*="message" i]', source: '§2.2 Business Suite open thread, second form [C]' },
    { css: '[role="main"] [role="grid"][aria-label*="Messages"]', source: '§2.3 Messenger thread grid "Messages in conversation with …" [C]' },
    { css: '[role="main"] [role="grid"]', source: '§2.3 Messenger thread grid in any UI language [C/G]' },
  ],
  threadHeader: [
    { css: '[role="main"] [role="heading"][aria-level="2"]', source: '§2.2/§2.3 thread title above the messages [G]' },
    { css: '[role="main"] h2', source: '§2.2/§2.3 thread title above the messages [G]' },
  ],
  messageRow: [
    { css: '[role="row"]', source: '§2.3 Messenger thread row [C]' },
  ],
  bubble: [
    { css: '.x1fqp7bg', source: '§2.2 Business Suite bubble — atomic class, the only one known, breaks first [C]' },
  ],
  bsSeparator: [
    { css: '.x14vqqas', source: '§2.2 Business Suite time separator ("Today 10:32") — atomic class [C]' },
  ],
  messageText: [
    { css: 'div[dir="auto"]', source: '§2.3 Messenger message text [C]' },
    { css: '.x1y1aw1k', source: '§2.2 Business Suite bubble text — atomic class [C]' },
  ],
  senderHeading: [{ css: 'h5', source: '§2.3 hidden sender heading, "You sent" for own messages [C]' }],
  composer: [
    { css: 'div[contenteditable="true"][role="textbox"][data-lexical-editor="true"]', source: '§2.3/§2.4 Messenger Lexical composer [C]' },
    { css: '[contenteditable="true"][role="textbox"]', source: '§2.2 Business Suite composer (TENH) [C]' },
    { css: 'textarea[aria-label]', source: '§2.2 composer as a form field (TENH) [C]' },
  ],
  pageName: [{ css: '[role="banner"] [role="heading"]', source: '§2.5 acting Page name in Business Suite (TENH) [C]' }],
  // Business Suite page side vs customer side wrappers (§2.2, atomic — used only for direction, last).
  pageSide: [{ css: '.x13a6bvl', source: '§2.2 Business Suite Page-side message wrapper — atomic class [C]' }],
  customerSide: [{ css: '.x1nhvcw1', source: '§2.2 Business Suite customer-side wrapper — atomic class [C]' }],
} satisfies SelectorTable;
const S = facebookSelectors;

export function facebookPageKind(url: URL): PageKind | null {
  if (url.protocol !== 'https:') return null;
  const path = url.pathname;
  const parts = path.split('/').filter(Boolean);
  if (FACEBOOK_HOSTS.has(url.hostname)) {
    if (INBOX_PATH.test(path)) return url.searchParams.get('selected_item_id') ? 'thread' : 'inbox';
    if (url.hostname === 'business.facebook.com') return null;
    // Legacy Page inbox: /<PAGE_ID>/inbox[/<id>] (§2.1).
    if (parts[1] === 'inbox' && parts[0] && /^[\w.]+$/.test(parts[0])) {
      if (parts.length === 2) return 'inbox';
      return parts.length === 3 ? 'thread' : null;
    }
    if (parts[0] === 'messages') return messengerKind(parts.slice(1));
    return null;
  }
  if (MESSENGER_HOSTS.has(url.hostname)) return parts.length === 0 ? 'inbox' : messengerKind(parts);
  return null;
}

/** Messenger paths after the prefix: [] | t/<id> | e2ee/t/<id> | requests | filtered. */
function messengerKind(parts: string[]): PageKind | null {
  if (parts.length === 0) return 'inbox';
  if (parts.length === 1 && (parts[0] === 'requests' || parts[0] === 't' || parts[0] === 'filtered')) return 'inbox';
  const [a, b, c, d] = parts;
  if (a === 't' && b && c === undefined) return 'thread';
  if (a === 'e2ee' && b === 't' && c && d === undefined) return 'thread';
  return null;
}

/** The thread id the URL names: selected_item_id, /messages/t/<id>, /t/<id>, /<page>/inbox/<id>. */
function threadIdFromUrl(url: URL): string | null {
  const selected = url.searchParams.get('selected_item_id') ?? url.searchParams.get('thread_id');
  if (selected && /^[\w.:-]+$/.test(selected)) return selected;
  const path = url.pathname;
  const m = /\/(?:e2ee\/)?t\/([\w.-]+)\/?$/.exec(path) ?? (path.startsWith('/latest/') ? null : /^\/[\w.]+\/inbox\/([\w.-]+)\/?$/.exec(path));
  return m?.[1] ?? null;
}

/** The acting Page/account id from the URL (TENH trusts only the URL: §2.1). */
function assetId(url: URL): string | null {
  return url.searchParams.get('asset_id') ?? url.searchParams.get('page_id') ?? url.searchParams.get('business_id');
}

function hrefThreadId(href: string | null, base: URL): string | null {
  if (!href) return null;
  return attempt(() => threadIdFromUrl(new URL(href, base)), null);
}

/** Direction of one message unit (§2.2, §2.3): labels first, then layout, then avatars. */
function direction(unit: Element): 'inbound' | 'outbound' | null {
  const labels = [unit.getAttribute('aria-label') ?? '', ...Array.from(unit.querySelectorAll('[aria-label]'), (el) => el.getAttribute('aria-label') ?? '')];
  if (labels.some((l) => isOwnMarker(l))) return 'outbound';
  const heading = firstIn(unit, S.senderHeading);
  if (heading && isOwnMarker(cleanText(heading))) return 'outbound';
  if (closestOf(unit, S.pageSide) || firstIn(unit, S.pageSide)) return 'outbound';
  if (closestOf(unit, S.customerSide) || firstIn(unit, S.customerSide)) return 'inbound';
  for (const el of [unit, ...Array.from(unit.children)]) {
    const side = flexSide(el) ?? computedSide(el);
    if (side) return side === 'end' ? 'outbound' : 'inbound';
  }
  const avatar = unit.querySelector('img[alt]');
  if (avatar && (avatar.getAttribute('alt') ?? '').trim()) return 'inbound';
  if (heading && cleanText(heading)) return 'inbound';
  return null;
}

/** Messenger: rows of the thread grid; a row with no message text but a time is a separator. */
function readGridMessages(grid: Element, ctx: ReadContext): MessageObservation[] {
  const out: MessageObservation[] = [];
  let day: DaySeparator | null = null;
  for (const row of allIn(grid, S.messageRow)) {
    attempt(() => {
      const textEl = firstIn(row, S.messageText);
      if (!textEl) {
        day = readSeparator(row, ctx) ?? day;
        return;
      }
      const dir = direction(row);
      if (!dir) return;
      out.push({ direction: dir, at: messageTime(row, ctx, [], day), text: cleanText(textEl) });
    }, undefined);
  }
  return out;
}

/** Business Suite: bubbles and time separators in document order (§2.2, §9.3). */
function readBubbleMessages(container: Element, ctx: ReadContext): MessageObservation[] {
  const bubbles = allIn(container, S.bubble);
  const bubbleSet = new Set(bubbles);
  const items = [...bubbles, ...allIn(container, S.bsSeparator)].sort((p, q) => (p.compareDocumentPosition(q) & 4 ? -1 : 1));
  const out: MessageObservation[] = [];
  let day: DaySeparator | null = null;
  for (const item of items) {
    attempt(() => {
      if (!bubbleSet.has(item)) {
        day = readSeparator(item, ctx) ?? day;
        return;
      }
      // The wrapper around the bubble carries the side and the customer's avatar.
      const unit = item.parentElement && item.parentElement !== container ? item.parentElement : item;
      const dir = direction(unit);
      if (!dir) return;
      out.push({ direction: dir, at: messageTime(unit, ctx, [], day), text: cleanText(firstIn(item, S.messageText) ?? item) });
    }, undefined);
  }
  return out;
}

function findThread(root: ParentNode): { container: Element; header: Element } | null {
  // The chat list is a grid too (§2.3): a grid whose rows link to /t/<id> is never the thread.
  let container: Element | null = null;
  for (const spec of S.thread) {
    container = queryAllDeep(root, spec.css).find((el) => !el.querySelector('[role="row"] a[href*="/t/"]')) ?? null;
    if (container) break;
  }
  if (!container) return null;
  // The header is the title above the messages; without one, the container itself anchors the timer.
  const header = firstMatch(root, S.threadHeader);
  return { container, header: header && !header.contains(container) ? header : container };
}

function threadCustomerName(container: Element, header: Element): string | null {
  if (header !== container) {
    const name = textPieces(header)[0];
    if (name) return name;
  }
  for (const img of Array.from(container.querySelectorAll('img[alt]'))) {
    const alt = (img.getAttribute('alt') ?? '').trim();
    if (alt) return alt;
  }
  return null;
}

function readThreadAt(root: ParentNode, ctx: ReadContext): ThreadObservation | null {
  const id = threadIdFromUrl(ctx.url);
  if (!id) return null;
  const found = findThread(root);
  if (!found) return null;
  const { container, header } = found;
  const grid = container.matches('[role="grid"]') || allIn(container, S.bubble).length === 0;
  const messages = grid ? readGridMessages(container, ctx) : readBubbleMessages(container, ctx);
  return {
    key: conversationKey('facebook', id),
    platform: 'facebook',
    customerName: threadCustomerName(container, header),
    ...summarise(messages),
    url: ctx.url.href,
    header,
    messages,
  };
}

function readRow(row: Element, ctx: ReadContext, openThread: () => { name: string | null } | null): ConversationObservation | null {
  const link = firstIn(row, S.rowLink) ?? (row.localName === 'a' ? row : null);
  const href = link?.getAttribute('href') ?? null;
  const pieces = textPieces(row);
  const name = pieces[0] ?? null;
  const rest = pieces.slice(1).filter((p) => p !== '·');
  const visible = findTimePiece(rest, ctx);
  const at = visible?.at ?? null;
  const preview = rest.filter((_, i) => i !== visible?.index).join(' ');
  const own = ownPreview(preview);
  let id = hrefThreadId(href, ctx.url);
  const urlId = threadIdFromUrl(ctx.url);
  if (!id && urlId) {
    // Business Suite rows carry no id (§2.2): the selected row, or the one named like the open
    // thread, is the URL's conversation; the others fall back to a name key. Without the thread
    // in view (a row read on its own) that cannot be told, so the row is not read at all.
    const selected = row.getAttribute('aria-selected') === 'true' || row.getAttribute('aria-current') !== null;
    if (selected) id = urlId;
    else {
      const open = openThread();
      if (!open) return null;
      if (name !== null && open.name !== null && name === open.name) id = urlId;
    }
  }
  if (!id && !name) return null;
  const known = preview !== '' || at !== null;
  const rowLabel = row.getAttribute('aria-label') ?? '';
  return {
    key: id ? conversationKey('facebook', id) : nameKey('facebook', assetId(ctx.url), name ?? ''),
    platform: 'facebook',
    customerName: name,
    ...rowSummary(known ? !own.own : null, at, own.text),
    url: absoluteUrl(href, ctx.url) ?? (id && id === threadIdFromUrl(ctx.url) ? ctx.url.href : null),
    row,
    unread: /unread/i.test(rowLabel) || firstIn(row, S.rowUnread) !== null || (name !== null && nameIsBold(row, name)),
  };
}

function readIdentity(root: ParentNode): string | null {
  const page = firstMatch(root, S.pageName);
  const name = page ? cleanText(page) : '';
  if (name) return name;
  // Messenger: the logged-in name is in the page's inline JSON ("NAME":"…", Briskine §2.5).
  for (const script of Array.from(root.querySelectorAll('script:not([src])'))) {
    const m = /"NAME":"((?:[^"\\]|\\.){1,120})"/.exec(script.textContent ?? '');
    if (m?.[1]) return attempt(() => JSON.parse(`"${m[1]}"`) as string, null);
  }
  return null;
}

export const facebookAdapter: PlatformAdapter = {
  id: 'facebook',
  name: 'Facebook',
  matches: ['https://*.facebook.com/*', 'https://*.messenger.com/*'],
  pageKind: facebookPageKind,
  selectors: facebookSelectors,
  required(kind) {
    return kind === 'thread' ? ['thread'] : ['conversationRow'];
  },
  readConversations(root, ctx) {
    return attempt(() => {
      if (!facebookPageKind(ctx.url)) return [];
      let open: { name: string | null } | null | undefined;
      const openThread = () => {
        if (open === undefined) {
          const t = attempt(() => findThread(root), null);
          open = t ? { name: threadCustomerName(t.container, t.header) } : null;
        }
        return open;
      };
      return mapRows(elementsOf(root, S.conversationRow), (row) => readRow(row, ctx, openThread));
    }, []);
  },
  readThread(root, ctx) {
    return attempt(() => (facebookPageKind(ctx.url) === 'thread' ? readThreadAt(root, ctx) : null), null);
  },
  findComposer(root) {
    return attempt(() => usableComposer(root, S.composer), null);
  },
  readActingIdentity(root) {
    return attempt(() => readIdentity(root), null);
  },
  editor: 'lexical',
};
