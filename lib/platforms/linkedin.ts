/**
 * LinkedIn: personal messaging (`/messaging/…`) and the Page (organization) inbox
 * (`/company/<id>/admin/inbox/…`). Newer builds render inside the open shadow root of
 * `#interop-outlet` (PLATFORMS.md §0.2), so every page-level query pierces shadow roots.
 * Knowledge: PLATFORMS.md §4 (URLs, DOM, editor, identity) and §9.6 (fixture shape). The
 * floating messaging bubbles shown on other LinkedIn pages (§4.1) are not an inbox surface here.
 */
import { firstMatch, queryAllDeep } from '../dom/query';
import {
  absoluteUrl,
  attempt,
  cleanText,
  closestOf,
  conversationKey,
  elementsOf,
  firstIn,
  mapRows,
  ownPreview,
  placeInDay,
  readTime,
  rowSummary,
  summarise,
  textPieces,
  usableComposer,
} from './common';
import { addDays, civilDateOf, startOfCivilDay } from '../time/zoned';
import type {
  ConversationObservation,
  MessageObservation,
  PageKind,
  PlatformAdapter,
  ReadContext,
  SelectorSpec,
  ThreadObservation,
} from './types';

const HOST = 'www.linkedin.com';

/** Thread ids: `2-<base64>` in `/messaging/thread/<id>/` and `/company/<id>/admin/inbox/thread/<id>/` (§4.1). */
const MESSAGING_THREAD = /^\/messaging\/thread\/([^/]+)\/?$/;
const PAGE_INBOX = /^\/company\/([^/]+)\/admin\/inbox(?:\/(?:thread\/([^/]+)\/?)?)?$/;

export function pageKind(url: URL): PageKind | null {
  if (url.protocol !== 'https:' || url.hostname !== HOST) return null;
  const path = url.pathname;
  const thread = MESSAGING_THREAD.exec(path);
  if (thread) return thread[1] === 'new' ? 'inbox' : 'thread';
  if (/^\/messaging(?:\/(?:compose\/?)?)?$/.test(path)) return 'inbox';
  const page = PAGE_INBOX.exec(path);
  if (page) return page[2] ? 'thread' : 'inbox';
  return null;
}

/** The conversation key for a thread path, or null when the path names no thread. */
export function threadKeyFromPath(path: string): string | null {
  const p = attempt(() => new URL(path, `https://${HOST}`).pathname, null);
  if (p === null) return null;
  const m = MESSAGING_THREAD.exec(p);
  if (m?.[1] && m[1] !== 'new') return conversationKey('linkedin', decodeSafe(m[1]));
  const page = PAGE_INBOX.exec(p);
  // Page threads are scoped by company: the same member may write to several Pages.
  if (page?.[1] && page[2]) return conversationKey('linkedin', `page:${decodeSafe(page[1])}:${decodeSafe(page[2])}`);
  return null;
}

function decodeSafe(s: string): string {
  return attempt(() => decodeURIComponent(s), s);
}

const s = (css: string, source: string): SelectorSpec => ({ css, source });

export const selectors = {
  /** The conversation list of either inbox. */
  conversationList: [
    s('ul.msg-conversations-container__conversations-list', '§4.2 list container (neobrowser 2026-Q1)'),
    // The Page inbox list's own classes are not recorded (§4.3): a list of thread links will do.
    s('ul:has(> li > a[href*="/admin/inbox/thread/"])', '§4.1 Page inbox thread URLs (list of them)'),
  ],
  /** One row per conversation; overlays go inside it. */
  row: [
    s('li.msg-conversation-listitem', '§4.2 row (Safari 2026-03, neobrowser, extensions)'),
    s('li.msg-conversations-container__conversations-list-item', '§4.2 alternative row class'),
    s('li:has(> a[href*="/admin/inbox/thread/"])', '§4.1 Page inbox row: an item linking to its thread'),
  ],
  /** The row's link to its thread (carries the thread id). */
  rowLink: [
    s('a.msg-conversation-listitem__link', '§4.2 row link'),
    s('a.msg-conversations-container__convo-item-link', '§4.2 row link (second class)'),
    s('a[href*="/messaging/thread/"]', '§4.1 thread URL pattern'),
    s('a[href*="/admin/inbox/thread/"]', '§4.1 Page inbox thread URL pattern'),
  ],
  rowName: [
    s('.msg-conversation-listitem__participant-names .truncate', '§4.2 name (h3 > span.truncate)'),
    s('.msg-conversation-listitem__participant-names', '§4.2 name heading'),
    s('.msg-conversation-card__participant-names', '§4.2 card name'),
  ],
  rowPreview: [
    s('.msg-conversation-card__message-snippet-body', '§4.2 snippet body'),
    s('.msg-conversation-card__message-snippet', '§4.2 snippet ("You:" when own)'),
    s('.msg-conversation-listitem__message-snippet', '§4.2 snippet (list item class)'),
  ],
  rowTime: [
    s('time.msg-conversation-card__time-stamp', '§4.2 row time'),
    s('.msg-conversation-listitem__time-stamp', '§4.2 row time (list item class)'),
  ],
  /** The row itself marked unread. */
  rowUnreadSelf: [s('.msg-conversation-listitem--unread', '§4.2 unread row')],
  rowUnread: [
    s('.msg-conversation-card--unread', '§4.2 unread card'),
    s('.msg-conversation-card__unread-count', '§4.2 unread count badge'),
    s('.notification-badge', '§4.2 unread badge'),
  ],
  /** The row of the open conversation (used when the URL names no thread). */
  activeRowLink: [s('a.msg-conversations-container__convo-item-link--active', '§4.2 active row link')],
  /** The open conversation. */
  thread: [
    s('.msg-thread', '§4.2 thread root (OuterHaven)'),
    s('.msg-convo-wrapper', '§4.2 thread wrapper'),
    s('.org-inbox-thread__container', '§4.3 Page inbox thread'),
  ],
  /** The thread header: the peer's name; the thread timer goes inside it. */
  threadHeader: [
    s('.msg-entity-lockup__entity-title', '§4.2 peer title (Briskine)'),
    s('.org-inbox-thread__link-to-profile', '§4.3 Page inbox contact (Briskine)'),
  ],
  /** Messaging events, day headings and group times, read in document order. */
  event: [s('.msg-s-event-listitem', '§4.2 message event (data-event-urn)')],
  dayHeading: [s('time.msg-s-message-list__time-heading', '§4.2 day heading: Today / Yesterday / Monday / Nov 12')],
  groupTime: [s('time.msg-s-message-group__timestamp', '§4.2 group time, inherited by following events')],
  groupName: [s('.msg-s-message-group__name', '§4.2 group sender name')],
  /** Marks the other party's events (Briskine, OuterHaven); own events lack it. */
  eventOther: [s('.msg-s-event-listitem--other', '§4.2 direction: incoming')],
  eventBody: [s('.msg-s-event-listitem__body', '§4.2 message body')],
  /** Page inbox messages. */
  pageMessage: [s('.org-inbox-message__container', '§4.3 Page inbox message')],
  pageAdminSender: [s('a.org-inbox-message__message-admin-sender', '§4.3 admin-sent marker (any Page admin)')],
  pageBody: [s('.org-inbox-message__content', '§4.3 Page inbox message body')],
  pageTime: [s('time.org-inbox-message__timestamp', '§4.3 Page inbox message time')],
  composer: [
    s('div.msg-form__contenteditable[contenteditable="true"]', '§4.2 messaging composer (plain contenteditable)'),
    s('.org-inbox-reply-box__editor [contenteditable="true"]', '§4.3 Page inbox editor (newer)'),
    s('.org-inbox-reply-box [contenteditable="true"]', '§4.3 Page inbox editor (wrapper)'),
    s('textarea.org-inbox-thread-footer__contenteditable', '§4.3 Page inbox editor (older textarea)'),
  ],
  identity: [
    s('img.global-nav__me-photo', '§4.5 own photo alt (sometimes "Photo of …")'),
    s('.global-nav__me img[alt]', '§4.5 own nav item'),
    s('.presence-entity__image', '§4.5 presence image (Briskine)'),
  ],
} satisfies Record<string, readonly SelectorSpec[]>;

function required(kind: PageKind): readonly string[] {
  if (kind === 'thread') return ['thread', 'threadHeader'];
  return ['conversationList', 'row'];
}

// ─── Rows ────────────────────────────────────────────────────────────────────────────────────────

function readRow(row: Element, ctx: ReadContext): ConversationObservation | null {
  const link = firstIn(row, selectors.rowLink) ?? closestOf(row, selectors.rowLink);
  const href = link?.getAttribute('href') ?? null;
  const key = href ? threadKeyFromPath(href) : null;
  if (!key) return null;
  const name = cleanText(firstIn(row, selectors.rowName)) || null;
  const previewRaw = cleanText(firstIn(row, selectors.rowPreview));
  const preview = ownPreview(previewRaw);
  const timeEl = firstIn(row, selectors.rowTime);
  const at = timeEl ? (readTime(timeEl, ctx, [cleanText(timeEl)])?.at ?? null) : null;
  const lastIsInbound = previewRaw ? !preview.own : null;
  const unread = matchesList(row, selectors.rowUnreadSelf) || firstIn(row, selectors.rowUnread) !== null;
  return {
    key,
    platform: 'linkedin',
    customerName: name,
    ...rowSummary(lastIsInbound, at, preview.text),
    url: absoluteUrl(href, ctx.url),
    row,
    unread,
  };
}

function readConversations(root: ParentNode, ctx: ReadContext): ConversationObservation[] {
  return attempt(() => mapRows(elementsOf(root, selectors.row), (row) => readRow(row, ctx)), []);
}

// ─── Thread ──────────────────────────────────────────────────────────────────────────────────────

/**
 * The open thread's key: from the URL, else from the highlighted row. During SPA navigation the
 * URL changes before the pane re-renders, so when the highlighted row names another thread the
 * pane is in transition and nothing is read yet.
 */
function openThreadKey(root: ParentNode, ctx: ReadContext): string | null {
  const fromUrl = threadKeyFromPath(ctx.url.pathname);
  const href = firstMatch(root, selectors.activeRowLink)?.getAttribute('href');
  const fromRow = href ? threadKeyFromPath(href) : null;
  if (fromUrl && fromRow && fromUrl !== fromRow) return null;
  return fromUrl ?? fromRow;
}

/**
 * The reading context for a clock time under a day heading: "now" moves to the end of that day, so
 * "4:10 PM" under "Yesterday" is not rejected as later than the current time of day.
 */
function onDay(day: Date | null, ctx: ReadContext): ReadContext {
  if (!day) return ctx;
  return attempt(() => {
    const next = startOfCivilDay(addDays(civilDateOf(day, ctx.timeZone), 1), ctx.timeZone);
    const end = new Date(Math.min(ctx.now.getTime(), next.getTime() - 1));
    return { ...ctx, now: end };
  }, ctx);
}

/** Text of a message body with its paragraphs kept apart. */
function bodyText(el: Element | null): string {
  return el ? textPieces(el).join(' ') : '';
}

function cssOf(...lists: (readonly SelectorSpec[])[]): string {
  return lists.flatMap((l) => l.map((x) => x.css)).join(',');
}

function matchesList(el: Element, list: readonly SelectorSpec[]): boolean {
  return list.some((x) => attempt(() => el.matches(x.css), false));
}

/**
 * Messaging events in document order. A day heading sets the day for what follows; a group's
 * meta (name + time) applies to its events until the next group (§4.2).
 */
function messagingMessages(thread: Element, ctx: ReadContext, me: string | null): MessageObservation[] {
  const out: MessageObservation[] = [];
  let day: Date | null = null;
  let groupTime: Date | null = null;
  let groupSender: string | null = null;
  const nodes = attempt(() => Array.from(thread.querySelectorAll(cssOf(selectors.dayHeading, selectors.event))), []);
  // Own events lack --other. Should a build drop the class altogether, compare each group's
  // sender with the signed-in member's name instead (OuterHaven).
  const byName = me !== null && firstIn(thread, selectors.eventOther) === null;
  for (const node of nodes) {
    if (matchesList(node, selectors.dayHeading)) {
      const text = cleanText(node);
      day = readTime(node, ctx, [text])?.at ?? null;
      groupTime = null;
      continue;
    }
    const msg = attempt((): MessageObservation | null => {
      const timeEl = firstIn(node, selectors.groupTime);
      if (timeEl) groupTime = placeInDay(readTime(timeEl, onDay(day, ctx), [cleanText(timeEl)]), day, ctx.timeZone);
      const nameEl = firstIn(node, selectors.groupName);
      if (nameEl) groupSender = cleanText(nameEl) || null;
      const inbound = byName
        ? groupSender !== null && groupSender !== me
        : matchesList(node, selectors.eventOther);
      const text = bodyText(firstIn(node, selectors.eventBody)) || cleanText(node);
      return { direction: inbound ? 'inbound' : 'outbound', at: groupTime ?? day, text };
    }, null);
    if (msg) out.push(msg);
  }
  return out;
}

/** Page inbox messages: an admin-sender link marks messages any Page admin sent (§4.3). */
function pageMessages(thread: Element, ctx: ReadContext): MessageObservation[] {
  const nodes = attempt(() => Array.from(thread.querySelectorAll(cssOf(selectors.pageMessage))), []);
  return mapRows(nodes, (node) => {
    const admin = firstIn(node, selectors.pageAdminSender) !== null;
    const timeEl = firstIn(node, selectors.pageTime);
    const at = timeEl ? (readTime(timeEl, ctx, [cleanText(timeEl)])?.at ?? null) : null;
    const text = bodyText(firstIn(node, selectors.pageBody));
    return { direction: admin ? 'outbound' : 'inbound', at, text } satisfies MessageObservation;
  });
}

function readThread(root: ParentNode, ctx: ReadContext): ThreadObservation | null {
  return attempt(() => {
    const thread = firstMatch(root, selectors.thread);
    if (!thread) return null;
    const header = firstIn(thread, selectors.threadHeader);
    const key = openThreadKey(root, ctx);
    if (!header || !key) return null;
    const isPage = matchesList(thread, selectors.pageMessage) || firstIn(thread, selectors.pageMessage) !== null;
    const messages = isPage ? pageMessages(thread, ctx) : messagingMessages(thread, ctx, readActingIdentity(root));
    const customerName = cleanText(header) || null;
    return {
      key,
      platform: 'linkedin',
      customerName,
      ...summarise(messages),
      url: ctx.url.href,
      header,
      messages,
    } satisfies ThreadObservation;
  }, null);
}

// ─── Composer and identity ───────────────────────────────────────────────────────────────────────

function findComposer(root: ParentNode): HTMLElement | null {
  return attempt(() => usableComposer(root, selectors.composer), null);
}

/** "Photo of Alex Agent" / "Photo de …" / "Foto von …": the alt names the member after a prefix. */
const PHOTO_PREFIX = /^(?:photo of|photo de|foto de|foto von|foto di|صورة)\s+/i;

function readActingIdentity(root: ParentNode): string | null {
  return attempt(() => {
    // In a Page inbox the agent replies as the Page: its name is the avatar alt of admin-sent
    // messages (§4.3, §4.5).
    for (const msg of queryAllDeep(root, cssOf(selectors.pageMessage))) {
      if (!firstIn(msg, selectors.pageAdminSender)) continue;
      const alt = msg.querySelector('img[alt]')?.getAttribute('alt')?.trim();
      if (alt) return alt;
    }
    const img = firstMatch(root, selectors.identity);
    const alt = (img?.getAttribute('alt') ?? '').replace(PHOTO_PREFIX, '').trim();
    return alt || null;
  }, null);
}

export const linkedin: PlatformAdapter = {
  id: 'linkedin',
  name: 'LinkedIn',
  // The whole host: LinkedIn is a single-page app, so the script must already be there when the
  // agent navigates from the feed to messaging; pageKind decides what runs.
  matches: ['https://www.linkedin.com/*'],
  pageKind,
  selectors,
  required,
  readConversations,
  readThread,
  findComposer,
  readActingIdentity,
  editor: 'contenteditable',
};
