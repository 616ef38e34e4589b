/**
 * YouTube: Studio comments (channel inbox and per-video) and comment replies on watch pages.
 * Each top-level comment thread is a conversation; the brand is the channel that owns the
 * content (comments.ts explains the waiting rule). Knowledge: PLATFORMS.md §5 and §9.7.
 */
import { firstMatch, queryAllDeep } from '../dom/query';
import { attempt, cleanText, conversationKey, elementsOf, firstIn, mapRows, readTime, usableComposer } from './common';
import { channelPath, commentConversation, stableId, withoutEditNote, type CommentReading } from './comments';
import type { ConversationObservation, PageKind, PlatformAdapter, ReadContext, SelectorSpec } from './types';

const STUDIO = 'studio.youtube.com';
const WATCH = 'www.youtube.com';

/** Studio: `/channel/<UC…>/comments[/inbox…]` and `/video/<id>/comments[…]` (§5.1). */
const STUDIO_CHANNEL_COMMENTS = /^\/channel\/(UC[\w-]+)\/comments(?:\/.*)?$/;
const STUDIO_VIDEO_COMMENTS = /^\/video\/([\w-]+)\/comments(?:\/.*)?$/;

export function pageKind(url: URL): PageKind | null {
  if (url.protocol !== 'https:') return null;
  if (url.hostname === STUDIO) {
    const path = url.pathname;
    return STUDIO_CHANNEL_COMMENTS.test(path) || STUDIO_VIDEO_COMMENTS.test(path) ? 'comments' : null;
  }
  if (url.hostname === WATCH) {
    // A watch page (§5.1); `&lc=<commentId>` only highlights one comment.
    return url.pathname === '/watch' && /^[\w-]{6,}$/.test(url.searchParams.get('v') ?? '') ? 'comments' : null;
  }
  return null;
}

const s = (css: string, source: string): SelectorSpec => ({ css, source });

export const selectors = {
  /** The comments area itself (present before the first thread renders). */
  commentsSurface: [
    s('ytcp-comment-thread', '§5.2 Studio thread'),
    s('ytd-comments#comments', '§5.3 watch-page comments section (G: element id)'),
    s('ytd-comment-thread-renderer', '§5.3 watch-page thread'),
  ],
  /** One row per top-level comment thread; overlays go inside it. */
  thread: [
    s('ytcp-comment-thread', '§5.2 Studio thread (top comment + replies)'),
    s('ytd-comment-thread-renderer', '§5.3 watch-page thread'),
  ],
  /** Comments inside a thread, top comment first (page order). */
  comment: [
    s('ytcp-comment', '§5.2 Studio comment'),
    s('ytd-comment-view-model', '§5.3 watch-page comment (modern)'),
    s('ytd-comment-renderer', '§5.3 watch-page comment (older)'),
  ],
  author: [
    s('#author-text', '§5.2/§5.3 author link'),
    s('#header-author a', '§5.3 author link (header)'),
    s('#name #text', '§5.2 Studio author name'),
  ],
  /** Owner badges: in Studio only the channel's own comments carry it (§5.2). */
  ownerBadge: [
    s('ytcp-author-comment-badge', '§5.2 Studio owner badge'),
    s('#author-comment-badge ytd-author-comment-badge-renderer', '§5.3 creator badge (also on verified viewers)'),
  ],
  text: [
    s('#content-text', '§5.2/§5.3 comment text'),
    s('yt-attributed-string#content-text', '§5.3 comment text (modern)'),
  ],
  time: [
    s('#published-time-text', '§5.3 time ("2 hours ago", link carries lc=)'),
    s('.published-time-text', '§9.7 Studio time (G class)'),
  ],
  permalink: [
    s('#published-time-text a[href*="lc="]', '§5.3 comment permalink (&lc=<commentId>)'),
    s('a[href*="lc="]', '§0.1 permalink anywhere in the comment'),
  ],
  videoLink: [s('a[href*="/video/"]', '§5.2 Studio video link')],
  /**
   * Collapsed replies: the "N replies" toggle of a thread whose replies are not loaded yet
   * (§5.3 "comments load lazily"; G element ids of ytd-comment-replies-renderer).
   */
  moreReplies: [s('ytd-comment-replies-renderer #more-replies:not([hidden])', '§5.3 (G) collapsed replies toggle')],
  loadedReplies: [s('ytd-comment-replies-renderer #expander-contents #contents > *', '§5.3 (G) loaded replies')],
  /** The video's channel on a watch page: the brand there. */
  videoOwner: [
    s('ytd-video-owner-renderer ytd-channel-name a', '§5.3 (G) owner block channel link'),
    s('ytd-video-owner-renderer a[href^="/@"]', '§5.3 (G) owner block handle link'),
    s('#owner #channel-name a', '§5.3 (G) owner channel name'),
  ],
  composer: [
    s('ytcp-commentbox textarea', '§5.2 Studio reply box, textarea variant (Thai Comment Manager)'),
    s('ytcp-commentbox #contenteditable-root[contenteditable="true"]', '§5.2 Studio reply box, contenteditable variant'),
    s('ytd-commentbox #contenteditable-root[contenteditable="true"]', '§5.3 watch-page reply box'),
    s('#contenteditable-root[contenteditable="true"]', '§5.2 any open reply box'),
  ],
  identity: [
    s('ytcp-navigation-drawer #entity-name', '§5.5 (G) Studio channel name in the drawer'),
    s('ytd-comment-simplebox-renderer #author-thumbnail img[alt]', '§5.5 (G) who comments on the watch page'),
    s('ytd-commentbox #author-thumbnail img[alt]', '§5.5 (G) reply box avatar'),
    s('#avatar-btn img[alt]', '§5.5 (G) account button'),
  ],
} satisfies Record<string, readonly SelectorSpec[]>;

function required(kind: PageKind): readonly string[] {
  return kind === 'comments' ? ['commentsSurface'] : ['thread'];
}

// ─── Reading ─────────────────────────────────────────────────────────────────────────────────────

/** Who the brand is on this page: Studio's channel id, or the watch page's video owner. */
interface Brand {
  /** channelPath() values that are the brand's. */
  paths: Set<string>;
  /** Studio badges are owner-only; watch-page badges also mark verified viewers (§5.3). */
  studio: boolean;
}

function brandOf(root: ParentNode, ctx: ReadContext): Brand {
  const paths = new Set<string>();
  const studio = ctx.url.hostname === STUDIO;
  const channel = STUDIO_CHANNEL_COMMENTS.exec(ctx.url.pathname)?.[1];
  if (channel) paths.add(`channel/${channel}`);
  if (!studio) {
    const p = channelPath(videoOwnerLink(root)?.getAttribute('href'), ctx.url.href);
    if (p) paths.add(p);
  }
  return { paths, studio };
}

/**
 * The watch page's owner link. Overlays may hand a single thread back, so the owner block is
 * looked up in the whole document; a plain query first (the owner block is light DOM), the
 * shadow-piercing walk only when that finds nothing, so per-row reads stay cheap.
 */
function videoOwnerLink(root: ParentNode): Element | null {
  const doc = (root as Node).ownerDocument ?? (root as Document);
  for (const spec of selectors.videoOwner) {
    const hit = attempt(() => doc.querySelector(spec.css), null);
    if (hit) return hit;
  }
  return firstMatch(root, selectors.videoOwner);
}

/** The comment element that directly owns `el` (replies may be nested inside the top comment). */
function ownerComment(el: Element): Element | null {
  for (const spec of selectors.comment) {
    const hit = attempt(() => el.closest(spec.css), null);
    if (hit) return hit;
  }
  return null;
}

/** The first match of `specs` inside `comment` that belongs to it and not to a nested reply. */
function own(comment: Element, specs: readonly SelectorSpec[]): Element | null {
  for (const spec of specs) {
    const hits = attempt(() => Array.from(comment.querySelectorAll(spec.css)), [] as Element[]);
    const hit = hits.find((h) => ownerComment(h) === comment);
    if (hit) return hit;
  }
  return null;
}

/** One comment, or null when its author cannot be told apart from the brand without guessing. */
function readComment(comment: Element, brand: Brand, ctx: ReadContext): CommentReading | null {
  const authorEl = own(comment, selectors.author);
  const author = cleanText(authorEl) || null;
  const authorPath = channelPath(authorEl?.closest('a[href]')?.getAttribute('href') ?? authorEl?.getAttribute('href'), ctx.url.href);
  const badge = own(comment, selectors.ownerBadge) !== null;
  // A watch-page badge with no known owner to compare with (a redesigned owner block, or a row
  // read on its own away from the page) could be the brand or a verified viewer: read nothing
  // rather than guess (the overlay then reads the whole page).
  if (badge && !brand.studio && brand.paths.size === 0) return null;
  const isBrand = (authorPath !== null && brand.paths.has(authorPath)) || (badge && brand.studio);
  const timeEl = own(comment, selectors.time);
  const at = timeEl ? (readTime(timeEl, ctx, [withoutEditNote(cleanText(timeEl))])?.at ?? null) : null;
  const text = cleanText(own(comment, selectors.text));
  return { author, brand: isBrand, at, text };
}

function threadKey(thread: Element, top: Element, ctx: ReadContext, topReading: CommentReading): string {
  const link = own(top, selectors.permalink);
  const lc = attempt(() => new URL(link?.getAttribute('href') ?? '', ctx.url.href).searchParams.get('lc'), null);
  if (lc) return conversationKey('youtube', lc);
  // Studio shows no comment id: key by video, author and text (stable while the comment is).
  const videoHref = firstIn(thread, selectors.videoLink)?.getAttribute('href') ?? ctx.url.pathname;
  const video = /\/video\/([\w-]+)/.exec(videoHref)?.[1] ?? ctx.url.searchParams.get('v') ?? 'channel';
  return conversationKey('youtube', `c:${video}:${stableId(topReading.author ?? '', topReading.text)}`);
}

function readRow(thread: Element, brand: Brand, ctx: ReadContext): ConversationObservation | null {
  // All comment generations at once, in page order: a thread may mix them while YouTube migrates.
  const css = selectors.comment.map((x) => x.css).join(',');
  const comments = attempt(() => Array.from(thread.querySelectorAll(css)), [] as Element[]);
  const top = comments[0];
  if (!top) return null;
  const readings: CommentReading[] = [];
  for (const c of comments) {
    const reading = readComment(c, brand, ctx);
    if (!reading) return null;
    readings.push(reading);
  }
  const first = readings[0];
  if (!first) return null;
  const key = threadKey(thread, top, ctx, first);
  const lcLink = own(top, selectors.permalink)?.getAttribute('href');
  // Replies collapsed and never expanded: the owner's answer may be among them.
  const repliesHidden = firstIn(thread, selectors.moreReplies) !== null && firstIn(thread, selectors.loadedReplies) === null;
  return commentConversation({
    platform: 'youtube',
    key,
    row: thread,
    repliesHidden,
    url: lcLink ? attempt(() => new URL(lcLink, `https://${WATCH}`).href, null) : ctx.url.href,
    comments: readings,
  });
}

function readConversations(root: ParentNode, ctx: ReadContext): ConversationObservation[] {
  return attempt(() => {
    const brand = brandOf(root, ctx);
    return mapRows(elementsOf(root, selectors.thread), (thread) => readRow(thread, brand, ctx));
  }, []);
}

function findComposer(root: ParentNode): HTMLElement | null {
  return attempt(() => usableComposer(root, selectors.composer), null);
}

function readActingIdentity(root: ParentNode): string | null {
  return attempt(() => {
    for (const spec of selectors.identity) {
      const el = queryAllDeep(root, spec.css)[0];
      if (!el) continue;
      const name = (el.localName === 'img' ? (el.getAttribute('alt') ?? '') : cleanText(el)).trim();
      if (name) return name;
    }
    return null;
  }, null);
}

export const youtube: PlatformAdapter = {
  id: 'youtube',
  name: 'YouTube',
  // Both hosts whole: YouTube and Studio are single-page apps (a watch page is reached from the
  // home page without a load); pageKind decides what runs.
  matches: ['https://studio.youtube.com/*', 'https://www.youtube.com/*'],
  pageKind,
  selectors,
  required,
  readConversations,
  // Comment surfaces have no single open conversation: every thread is its own row.
  readThread: () => null,
  findComposer,
  readActingIdentity,
  // Watch page and one Studio variant use #contenteditable-root; the other Studio variant is a
  // <textarea> (§5.2) — the insertion chain falls back by element type.
  editor: 'contenteditable',
};
