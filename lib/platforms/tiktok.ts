/**
 * TikTok: direct messages (`/messages`) and comments on the brand's videos. Two generations of
 * the messages markup are read: the classic one of PLATFORMS.md §6/§9.8 (`chat-list-item`,
 * `chat-item`) and the newer `dm-new-*` one (a public TikTok DM adapter written from real DOM
 * snapshots, code corpus file 60280097703: `dm-new-conversation-item[data-conversation-id]`,
 * `dm-new-chat-item` with `incoming`/`outgoing` classes, `dm-new-time-separator`). Class names
 * are styled-components (`css-<hash>-Name`): only the stable name part is matched.
 */
import { firstMatch } from '../dom/query';
import {
  absoluteUrl,
  attempt,
  cleanText,
  computedSide,
  conversationKey,
  elementsOf,
  findTimePiece,
  firstIn,
  flexSide,
  mapRows,
  nameKey,
  ownPreview,
  readTime,
  rowSummary,
  summarise,
  textPieces,
  usableComposer,
} from './common';
import { channelPath, commentConversation, stableId, type CommentReading } from './comments';
import type {
  ConversationObservation,
  MessageObservation,
  PageKind,
  PlatformAdapter,
  ReadContext,
  SelectorSpec,
  ThreadObservation,
} from './types';

const HOST = 'www.tiktok.com';
/** A post's page: `/@<handle>/video/<id>` (and photo posts), where its comments are (§6). */
const POST = /^\/(@[^/]+)\/(?:video|photo)\/(\d+)\/?$/;

export function pageKind(url: URL): PageKind | null {
  if (url.protocol !== 'https:' || url.hostname !== HOST) return null;
  const path = url.pathname;
  // The open conversation does not change the URL on the classic UI (§6), so the messages page
  // is an inbox with a thread beside it; `/messages/@user` (newer UI) shows one conversation.
  if (/^\/messages\/?$/.test(path)) return 'inbox';
  if (/^\/messages\/@[^/]+\/?$/.test(path)) return 'thread';
  if (POST.test(path)) return 'comments';
  return null;
}

const s = (css: string, source: string): SelectorSpec => ({ css, source });

export const selectors = {
  conversationList: [
    s('[data-e2e="dm-new-conversation-list"]', '§6 newer inbox list (dm-new-*)'),
    s('ul[class*="InboxItemListContainer"]', '§6 classic inbox list (O 2026-02)'),
  ],
  /** One row per conversation; rows are 0×0 boxes in the real page (§6) but still elements. */
  row: [
    s('[data-e2e="dm-new-conversation-item"]', '§6 newer row (carries data-conversation-id)'),
    s('[data-e2e="chat-list-item"]', '§6 classic row (O)'),
    s('li[class*="InboxItemWrapper"]', '§6 classic row by class (O)'),
  ],
  rowName: [
    s('[data-e2e="dm-new-conversation-nickname"]', '§6 newer row nickname'),
    s('[class*="PInfoNickname"]', '§6 row nickname class (C)'),
  ],
  rowPreview: [s('[class*="SpanInfoExtract"]', '§6 row last-message preview (C)')],
  rowTime: [s('[class*="SpanInfoTime"]', '§6 row time (C); HH:MM = today (O)')],
  rowUnread: [
    s('[class*="Unread"]', '§6 unread marker (O)'),
    s('[class*="Badge"]', '§6 unread badge (O)'),
  ],
  activeRow: [s('[data-e2e="dm-new-conversation-item"][aria-selected="true"]', '§6 newer selected row')],
  /** The open conversation's message list. */
  thread: [
    s('[data-e2e="dm-new-message-list"]', '§6 newer message list'),
    s('[class*="DivChatMain"]', '§6 classic chat main (O)'),
  ],
  /** The thread header: the peer's nickname; the thread timer goes inside it. */
  threadHeader: [
    s('[data-e2e="dm-new-chat-nickname"]', '§6 newer header nickname'),
    s('[data-e2e="chat-nickname"]', '§6 classic header nickname (C)'),
  ],
  message: [
    s('[data-e2e="dm-new-chat-item"]', '§6 newer message item'),
    s('[data-e2e="chat-item"]', '§6 classic message item (O)'),
  ],
  messageText: [
    s('[data-e2e="dm-new-message-text"]', '§6 newer message text'),
    s('p', '§9.8 classic bubble paragraph'),
  ],
  timeSeparator: [
    s('[data-e2e="dm-new-time-separator"]', '§6 newer time separator'),
    s('[class*="DivTimeContainer"]', '§6 classic time separator (C)'),
  ],
  commentList: [
    s('[data-e2e="comment-list"]', '§6 comment list (C)'),
    s('[class*="DivCommentListContainer"]', '§6 comment list class (C)'),
  ],
  /** One top-level comment with its replies. */
  commentThread: [s('[class*="DivCommentObjectWrapper"]', '§6 comment + replies wrapper (C)')],
  comment: [
    s('[data-e2e="comment-item"]', '§6 comment (O 2026-03)'),
    s('[class*="DivCommentItemContainer"]', '§6 comment by class (C)'),
  ],
  /** Replies carry level 2 (`comment-level-2`, `comment-username-2`); top comments level 1. */
  commentTopMarker: [
    s('[data-e2e="comment-level-1"]', '§6 top-level comment text (C)'),
    s('[data-e2e="comment-username-1"]', '§6 top-level comment author (C)'),
  ],
  replyContainer: [s('[class*="ReplyContainer"]', '§6 replies block (C)')],
  /** "View 2 replies" / "View 3 more": replies not loaded yet (G); "Hide" once all are. */
  moreReplies: [s('[class*="ViewRepliesContainer"], [data-e2e^="view-more"]', '§6 (G) collapsed replies toggle')],
  commentAuthor: [s('[data-e2e^="comment-username"]', '§6 comment author (C)')],
  commentText: [s('[data-e2e^="comment-level"]', '§6 comment text (C)')],
  commentTime: [
    s('[data-e2e^="comment-time"]', '§6 (G) comment time'),
    s('[class*="SpanCreatedTime"]', '§6 (G) comment time class'),
  ],
  composer: [
    s('[data-e2e="dm-new-input-editor"] [contenteditable="true"]', '§6 newer DM composer (Draft.js)'),
    s('[class*="DivEditorContainer"] .public-DraftEditor-content[contenteditable="true"]', '§6 classic DM composer (Draft.js, O)'),
    s('[class*="DivChatBottom"] [contenteditable="true"]', '§6 classic DM composer (chat bottom)'),
    // The attribute may sit on the editor's wrapper or on the contenteditable itself (§6 is ambiguous).
    s('[data-e2e="comment-input"] [contenteditable="true"], [data-e2e="comment-input"][contenteditable="true"]', '§6 comment input (O)'),
  ],
  identity: [
    // Sources put nav-profile on the link itself or on its wrapper.
    s('[data-e2e="nav-profile"] a[href^="/@"], a[data-e2e="nav-profile"][href^="/@"]', '§6 (C) own profile link in the header'),
  ],
  loggedOut: [s('[data-e2e="login-button"], [data-e2e="top-login-button"]', '§6 logged-out marker (O; top- variant C)')],
} satisfies Record<string, readonly SelectorSpec[]>;

function required(kind: PageKind): readonly string[] {
  if (kind === 'comments') return ['commentList'];
  if (kind === 'thread') return ['thread', 'threadHeader'];
  return ['conversationList', 'row'];
}

// ─── Direct messages ─────────────────────────────────────────────────────────────────────────────

/** Rows expose a conversation id on the newer UI only; the classic UI is keyed by nickname. */
function rowKey(row: Element, name: string | null): string | null {
  const id = row.getAttribute('data-conversation-id')?.trim();
  if (id) return conversationKey('tiktok', id);
  return name ? nameKey('tiktok', null, name) : null;
}

function readRow(row: Element, ctx: ReadContext): ConversationObservation | null {
  const pieces = textPieces(row);
  const nameEl = firstIn(row, selectors.rowName);
  const name = cleanText(nameEl) || pieces[0] || null;
  const key = rowKey(row, name);
  if (!key) return null;
  // Row lines are name, preview, time (§6); classes name them where present.
  const previewEl = firstIn(row, selectors.rowPreview);
  const timeEl = firstIn(row, selectors.rowTime);
  const rest = pieces.filter((p) => p !== name);
  const found = timeEl ? null : findTimePiece(rest, ctx);
  const previewRaw = previewEl ? cleanText(previewEl) : (rest.find((_, i) => i !== found?.index) ?? '');
  const at = timeEl ? (readTime(timeEl, ctx, [cleanText(timeEl)])?.at ?? null) : (found?.at ?? null);
  const preview = ownPreview(previewRaw);
  return {
    key,
    platform: 'tiktok',
    customerName: name,
    ...rowSummary(previewRaw ? !preview.own : null, at, preview.text),
    url: null,
    row,
    unread: firstIn(row, selectors.rowUnread) !== null,
  };
}

function readConversations(root: ParentNode, ctx: ReadContext): ConversationObservation[] {
  return attempt(() => {
    if (POST.test(ctx.url.pathname)) return readComments(root, ctx);
    return mapRows(elementsOf(root, selectors.row), (row) => readRow(row, ctx));
  }, []);
}

/** Outgoing bubbles: `outgoing` (newer) or `right` (classic) class, or flex-end alignment (§6, O). */
function isOutgoing(item: Element): boolean {
  const cls = ` ${(item.getAttribute('class') ?? '').toLowerCase()} `;
  if (/\boutgoing\b/.test(cls) || / right /.test(cls)) return true;
  if (/\bincoming\b/.test(cls)) return false;
  const parent = item.parentElement;
  // Inline styles first (cheap), then the computed style of the item or its parent: styled-
  // components put the alignment in generated class rules (O: computed justify-content).
  const side =
    flexSide(item) ?? (parent ? flexSide(parent) : null) ?? computedSide(item) ?? (parent ? computedSide(parent) : null);
  return side === 'end';
}

function threadMessages(list: Element, ctx: ReadContext): MessageObservation[] {
  const css = [...selectors.timeSeparator, ...selectors.message].map((x) => x.css).join(',');
  const nodes = attempt(() => Array.from(list.querySelectorAll(css)), [] as Element[]);
  const out: MessageObservation[] = [];
  let sepTime: Date | null = null;
  for (const node of nodes) {
    const isSep = selectors.timeSeparator.some((x) => attempt(() => node.matches(x.css), false));
    if (isSep) {
      // Separators name the time of the messages below them ("12:31", "Yesterday 18:02").
      sepTime = readTime(node, ctx, [cleanText(node)])?.at ?? null;
      continue;
    }
    const msg = attempt((): MessageObservation => {
      const text = cleanText(firstIn(node, selectors.messageText)) || cleanText(node);
      return { direction: isOutgoing(node) ? 'outbound' : 'inbound', at: sepTime, text };
    }, null);
    if (msg) out.push(msg);
  }
  return out;
}

function readThread(root: ParentNode, ctx: ReadContext): ThreadObservation | null {
  return attempt(() => {
    const list = firstMatch(root, selectors.thread);
    const header = firstMatch(root, selectors.threadHeader);
    if (!list || !header) return null;
    const name = cleanText(header) || null;
    const active = firstMatch(root, selectors.activeRow);
    // The selected row and the header must name the same person; otherwise the pane is still
    // switching conversations and its messages belong to neither.
    const activeName = active ? cleanText(firstIn(active, selectors.rowName)) : '';
    if (activeName && name && activeName !== name) return null;
    const key = (active ? rowKey(active, name) : null) ?? (name ? nameKey('tiktok', null, name) : null);
    if (!key) return null;
    const messages = threadMessages(list, ctx);
    return {
      key,
      platform: 'tiktok',
      customerName: name,
      ...summarise(messages),
      url: ctx.url.href,
      header,
      messages,
    } satisfies ThreadObservation;
  }, null);
}

// ─── Comments ────────────────────────────────────────────────────────────────────────────────────

/** Group comment items into threads: a wrapper per thread where present, else a level-1 item starts one. */
function commentGroups(root: ParentNode): { row: Element; items: Element[] }[] {
  const wrappers = elementsOf(root, selectors.commentThread);
  if (wrappers.length > 0) {
    return wrappers.map((row) => ({ row, items: itemsIn(row) })).filter((g) => g.items.length > 0);
  }
  const groups: { row: Element; items: Element[] }[] = [];
  for (const item of elementsOf(root, selectors.comment)) {
    const last = groups[groups.length - 1];
    if (!last || isTopComment(item)) groups.push({ row: item, items: [item] });
    else last.items.push(item);
  }
  return groups;
}

function itemsIn(scope: Element): Element[] {
  for (const spec of selectors.comment) {
    const hits = attempt(() => Array.from(scope.querySelectorAll(spec.css)), [] as Element[]);
    if (hits.length > 0) return hits;
  }
  return [];
}

function isTopComment(item: Element): boolean {
  if (firstIn(item, selectors.commentTopMarker)) return true;
  return selectors.replyContainer.every((x) => attempt(() => item.closest(x.css), null) === null);
}

/** The author's `@handle` (lower case) from their profile link. */
function authorHandle(item: Element, ctx: ReadContext): string | null {
  const authorEl = firstIn(item, selectors.commentAuthor);
  const link = authorEl?.closest('a[href]') ?? item.querySelector('a[href^="/@"]');
  return channelPath(link?.getAttribute('href'), ctx.url.href);
}

function readCommentItem(item: Element, owner: string | null, ctx: ReadContext): CommentReading {
  const authorEl = firstIn(item, selectors.commentAuthor);
  const handle = authorHandle(item, ctx);
  const timeEl = firstIn(item, selectors.commentTime);
  const at = timeEl ? (readTime(timeEl, ctx, [cleanText(timeEl)])?.at ?? null) : null;
  return {
    author: cleanText(authorEl) || handle,
    brand: owner !== null && handle === owner,
    at,
    text: cleanText(firstIn(item, selectors.commentText)),
  };
}

function readComments(root: ParentNode, ctx: ReadContext): ConversationObservation[] {
  const post = POST.exec(ctx.url.pathname);
  if (!post?.[1] || !post[2]) return [];
  // The brand is the post's author, named in the URL (§6).
  const owner = attempt(() => decodeURIComponent(post[1]!).toLowerCase(), null);
  const video = post[2];
  const out: ConversationObservation[] = [];
  for (const { row, items } of commentGroups(root)) {
    const conv = attempt(() => readCommentThread(row, items, owner, video, ctx), null);
    if (conv) out.push(conv);
  }
  return out;
}

function readCommentThread(
  row: Element,
  items: readonly Element[],
  owner: string | null,
  video: string,
  ctx: ReadContext,
): ConversationObservation | null {
  const firstItem = items[0];
  if (!firstItem) return null;
  const readings = items.map((item) => readCommentItem(item, owner, ctx));
  const top = readings[0];
  if (!top) return null;
  // TikTok shows no comment id (G): key by post, top author's handle and text.
  const handle = authorHandle(firstItem, ctx) ?? top.author ?? '';
  // A reply toggle that still names a count ("View 2 replies") hides replies the brand may have written.
  const toggle = firstIn(row, selectors.moreReplies);
  const repliesHidden = toggle !== null && /[\d\u0660-\u0669]/u.test(cleanText(toggle));
  return commentConversation({
    platform: 'tiktok',
    repliesHidden,
    key: conversationKey('tiktok', `comment:${video}:${stableId(handle, top.text)}`),
    row,
    url: absoluteUrl(ctx.url.pathname, ctx.url),
    comments: readings,
  });
}

// ─── Composer and identity ───────────────────────────────────────────────────────────────────────

function findComposer(root: ParentNode): HTMLElement | null {
  return attempt(() => usableComposer(root, selectors.composer), null);
}

function readActingIdentity(root: ParentNode): string | null {
  return attempt(() => {
    if (firstMatch(root, selectors.loggedOut)) return null;
    const link = firstMatch(root, selectors.identity);
    const handle = /^\/(@[^/?#]+)/.exec(link?.getAttribute('href') ?? '')?.[1];
    return handle ? attempt(() => decodeURIComponent(handle), handle) : null;
  }, null);
}

export const tiktok: PlatformAdapter = {
  id: 'tiktok',
  name: 'TikTok',
  // The whole host: TikTok is a single-page app (a video is opened from the feed without a load).
  matches: ['https://www.tiktok.com/*'],
  pageKind,
  selectors,
  required,
  readConversations,
  readThread,
  findComposer,
  readActingIdentity,
  // DM composer is Draft.js (§6, O); insert by synthetic paste (§7.2).
  editor: 'draftjs',
};
