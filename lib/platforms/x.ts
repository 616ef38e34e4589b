/**
 * X (Twitter): X Chat (`/i/chat`, possibly inside the open shadow root of
 * `[data-testid="xchatEmbedRoute"]`), the legacy `/messages` view, and mentions — on the
 * notifications pages and on a tweet's detail page, each customer tweet awaiting the brand's
 * reply is a conversation (DESIGN §3). Knowledge of the DOM: PLATFORMS.md §1 and §9.1–9.2.
 */
import { firstMatch } from '../dom/query';
import {
  absoluteUrl,
  allIn,
  attempt,
  cleanText,
  conversationKey,
  elementsOf,
  findTimePiece,
  firstIn,
  flexSide,
  machineTimeOn,
  mapRows,
  ownPreview,
  messageTime,
  readSeparator,
  type DaySeparator,
  readTime,
  rowSummary,
  summarise,
  textPieces,
  usableComposer,
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

const HOSTS = new Set(['x.com', 'www.x.com', 'mobile.x.com', 'twitter.com', 'www.twitter.com', 'mobile.twitter.com']);

/** Path segments under /i/chat and /messages that are pages, not conversations. */
const CHAT_PAGES = new Set(['requests', 'other', 'pin', 'recovery', 'settings', 'compose', 'new', 'search']);
const HANDLE = /^[A-Za-z0-9_]{1,15}$/;
/** First path segments that are X's own pages, never a user handle. */
const RESERVED_FIRST = new Set(['i', 'home', 'explore', 'search', 'settings', 'messages', 'notifications', 'compose', 'login', 'logout', 'signup', 'tos', 'privacy']);

export const xSelectors = {
  // ── X Chat and legacy DMs ──
  inbox: [
    { css: '[data-testid="dm-inbox-panel"]', source: '§1.2 X Chat inbox panel [C/S]' },
    { css: '[data-testid="dm-conversation-list"]', source: '§1.2 X Chat conversation list scroller [S]' },
    { css: '[data-testid="dm-message-requests"]', source: '§1.2 X Chat message requests root [S]' },
    { css: '[data-testid="DMInbox"]', source: '§1.7 x-use inbox union (legacy /messages) [C]' },
    { css: '[data-testid="chatConversationList"]', source: '§1.7 x-use inbox union [C]' },
    { css: '[data-testid="conversationList"]', source: '§1.7 x-use inbox union [C]' },
  ],
  conversationRow: [
    { css: '[data-testid^="dm-conversation-item-"]', source: '§1.2 X Chat row, testid suffix "<a>:<b>" [C]' },
    { css: '[data-testid^="dm-message-request-item-"]', source: '§1.2 X Chat request row [S]' },
    { css: '[data-testid="conversation"]', source: '§1.2 legacy /messages inbox row [C]' },
  ],
  rowLink: [
    { css: 'a[href*="/i/chat/"]', source: '§1.2 X Chat row link (the outer div does not navigate) [C]' },
    { css: 'a[href*="/messages/"]', source: '§1.1 legacy conversation URL [C]' },
  ],
  unreadDot: [
    { css: 'svg[data-icon="icon-circle-fill"]', source: '§1.2 X Chat unread dot inside the row [S]' },
  ],
  threadPanel: [
    { css: '[data-testid="dm-conversation-panel"]', source: '§1.2 X Chat open conversation panel [C/S]' },
    { css: '[data-testid="DmActivityContainer"]', source: '§1.2 legacy thread container (Cyd) [C]' },
    { css: '[data-testid="DMDrawer"]', source: '§1.2 legacy DM drawer [C]' },
  ],
  threadHeader: [
    { css: '[data-testid="dm-conversation-header"]', source: '§1.2 X Chat header, links to the peer profile [C/S]' },
    { css: '[data-testid="DMDrawerHeader"]', source: '§1.2 legacy drawer header [C]' },
    { css: '[data-testid="DmActivityContainer"] [role="heading"]', source: '§1.2 legacy full-page thread heading [G]' },
  ],
  messageRow: [
    { css: '[data-dm-message-row]', source: '§1.2 X Chat message row [S "observed"]' },
    { css: '[data-testid="messageEntry"]', source: '§1.2 legacy message entry [C]' },
    { css: '[data-testid="chatMessage"]', source: '§1.7 x-use entries union [C]' },
  ],
  messageText: [
    { css: '[data-testid^="message-text-"] span[dir="auto"]', source: '§1.2 X Chat authored text, excluding the two time decorations [S]' },
    { css: '[data-testid="tweetText"]', source: '§1.2 legacy message text [C]' },
  ],
  messageTime: [
    { css: 'time[datetime]', source: '§1.3 machine time, if X ever adds one to messages [C]' },
    { css: '.text-subtext3', source: '§1.3 X Chat bubble time "8:18 PM" [S]' },
  ],
  daySeparator: [
    { css: '[data-dm-item-key]', source: '§1.2 X Chat virtualizer item; non-message items are date separators [S]' },
    { css: '[data-testid="cellInnerDiv"]', source: '§1.2 legacy thread cell; cells without a message are separators [C]' },
  ],
  composer: [
    { css: 'textarea[data-testid="dm-composer-textarea"]', source: '§1.2 X Chat composer, React-controlled textarea [O]' },
    { css: '[data-testid="dmComposerTextInput"]', source: '§1.2 legacy DM composer (Draft.js) [C]' },
    { css: '[data-testid="tweetTextarea_0"]', source: '§1.4 reply box on a tweet (Draft.js) [O]' },
    { css: '[data-testid="chatComposerTextInput"]', source: '§1.7 x-use composer union [C]' },
    { css: '[data-testid="messageComposer"]', source: '§1.7 x-use composer union [C]' },
  ],
  // ── Identity ──
  accountAvatar: [
    { css: '[data-testid="SideNav_AccountSwitcher_Button"] [data-testid^="UserAvatar-Container-"]', source: '§1.6 account switcher avatar, testid suffix = handle [C/O]' },
  ],
  profileLink: [{ css: '[data-testid="AppTabBar_Profile_Link"]', source: '§1.6 nav profile link, href = /<handle> [O]' }],
  // ── Mentions (notifications, tweet detail) ──
  primaryColumn: [{ css: '[data-testid="primaryColumn"]', source: '§1.4 timeline column [C]' }],
  // Any timeline cell: a notifications tab may hold only likes and follows, and that is still a
  // recognised page with no mention to time.
  timelineCell: [
    { css: '[data-testid="cellInnerDiv"]', source: '§1.4 timeline cell (tweets and notifications) [C]' },
    { css: 'article[data-testid="notification"]', source: '§1.4 notification card [C]' },
  ],
  tweet: [
    { css: 'article[data-testid="tweet"]', source: '§1.4 mentions are tweets [C/O]' },
    { css: '[data-testid="cellInnerDiv"] article[role="article"]', source: '§9.2 tweet article inside a timeline cell [O]' },
  ],
  tweetUserName: [{ css: '[data-testid="User-Name"]', source: '§1.4 author name block [O]' }],
  tweetText: [{ css: '[data-testid="tweetText"]', source: '§1.4 tweet text [O]' }],
  tweetTime: [
    { css: 'a[href*="/status/"] > time[datetime]', source: '§1.3 tweet time inside its permalink [O]' },
    { css: 'time[datetime]', source: '§1.3 any machine time in the tweet [C]' },
  ],
  promoted: [
    { css: '[data-testid="placementTracking"]', source: '§1.4 ad wrapper, skipped [C]' },
    { css: '[data-testid="promotedIndicator"]', source: '§1.4 ad label, skipped [C]' },
  ],
} satisfies SelectorTable;
const S = xSelectors;

export function xPageKind(url: URL): PageKind | null {
  if (url.protocol !== 'https:' || !HOSTS.has(url.hostname)) return null;
  const parts = url.pathname.split('/').filter(Boolean);
  const [a, b, c, d, e] = parts;
  if (a === 'i' && b === 'chat') {
    if (c === undefined) return 'inbox';
    if (c === 'requests') {
      if (d === undefined || (d === 'other' && e === undefined)) return 'inbox';
      const id = d === 'other' ? e : d;
      return id && !CHAT_PAGES.has(id) ? 'thread' : null;
    }
    return CHAT_PAGES.has(c) ? null : 'thread';
  }
  if (a === 'messages') {
    if (b === undefined || (b === 'requests' && c === undefined)) return 'inbox';
    return CHAT_PAGES.has(b) ? null : 'thread';
  }
  if (a === 'notifications' && (b === undefined || b === 'mentions' || b === 'verified')) return 'comments';
  if (a === 'i' && b === 'web' && c === 'status' && d && /^\d+$/.test(d)) return 'comments';
  if (a && HANDLE.test(a) && !RESERVED_FIRST.has(a) && b === 'status' && c && /^\d+$/.test(c)) return 'comments';
  return null;
}

/** The conversation id in an X Chat / legacy DM path (dash form, as in hrefs). */
function chatIdFromPath(pathname: string): string | null {
  const parts = pathname.split('/').filter(Boolean);
  let id: string | undefined;
  if (parts[0] === 'i' && parts[1] === 'chat') {
    const rest = parts.slice(2).filter((p) => p !== 'requests' && p !== 'other');
    id = rest.length === 1 ? rest[0] : undefined;
  } else if (parts[0] === 'messages' && parts.length === 2) {
    id = parts[1];
  }
  return id && !CHAT_PAGES.has(id) && /^[\w.-]+$/.test(id) ? id : null;
}

function chatIdFromHref(href: string | null, base: URL): string | null {
  if (!href) return null;
  return attempt(() => chatIdFromPath(new URL(href, base).pathname), null);
}

/** Row testid `dm-conversation-item-284133102:1387950383134281733` → the href's dash form. */
function chatIdFromTestid(testid: string | null): string | null {
  const m = /^dm-(?:conversation|message-request)-item-([\w:.-]+)$/.exec(testid ?? '');
  return m?.[1] ? m[1].replace(/:/g, '-') : null;
}

function readChatRow(row: Element, ctx: ReadContext): ConversationObservation | null {
  const link = firstIn(row, S.rowLink) ?? (row.localName === 'a' ? row : null);
  const id = chatIdFromHref(link?.getAttribute('href') ?? null, ctx.url) ?? chatIdFromTestid(row.getAttribute('data-testid'));
  if (!id) return null;
  const pieces = textPieces(row);
  const name = pieces[0] && !pieces[0].startsWith('@') ? pieces[0] : null;
  const rest = pieces.slice(name ? 1 : 0).filter((p) => !/^@\w{1,15}$/.test(p) && p !== '·');
  const machine = readTime(row, ctx);
  const visible = findTimePiece(rest, ctx);
  const at = machine?.at ?? visible?.at ?? null;
  const previewPieces = rest.filter((_, i) => i !== visible?.index);
  const preview = previewPieces.join(' ');
  const own = ownPreview(preview);
  const known = preview !== '' || at !== null;
  return {
    key: conversationKey('x', id),
    platform: 'x',
    customerName: name,
    ...rowSummary(known ? !own.own : null, at, own.text),
    url: absoluteUrl(link?.getAttribute('href') ?? `/i/chat/${id}`, ctx.url),
    row,
    unread: firstIn(row, S.unreadDot) !== null,
  };
}

/** Direction of a chat message from its own row wrappers (never the bubble's insides, §1.2). */
function chatDirection(msg: Element, scope: Element): 'inbound' | 'outbound' | null {
  for (let el: Element | null = msg; el && el !== scope; el = el.parentElement) {
    const side = flexSide(el);
    if (side) return side === 'end' ? 'outbound' : 'inbound';
    if (el.hasAttribute('data-dm-item-key')) break;
  }
  // Legacy DMs: the incoming text's parent carried `r-gu4em3` (§1.2, fragile and last).
  if (msg.matches('[data-testid="messageEntry"]')) {
    return msg.querySelector('.r-gu4em3 > [data-testid="tweetText"], [data-testid="tweetText"].r-gu4em3') ? 'inbound' : 'outbound';
  }
  return null;
}

function readChatMessages(scope: Element, ctx: ReadContext): MessageObservation[] {
  const rows = allIn(scope, S.messageRow);
  const rowSet = new Set(rows);
  const separators = allIn(scope, S.daySeparator).filter(
    (el) => !rows.some((r) => el.contains(r)) && !el.querySelector('[data-testid$="composer-spacer"]') && !el.matches('[data-testid$="composer-spacer"]'),
  );
  const items = [...rows, ...separators].sort((p, q) => (p.compareDocumentPosition(q) & 4 ? -1 : 1));
  const out: MessageObservation[] = [];
  let day: DaySeparator | null = null;
  for (const item of items) {
    attempt(() => {
      if (!rowSet.has(item)) {
        day = readSeparator(item, ctx) ?? day;
        return;
      }
      const direction = chatDirection(item, scope);
      if (!direction) return;
      // A reply that failed to send never reached the customer: it answers nothing (§1.2).
      if (direction === 'outbound' && item.getAttribute('data-send-status') === 'failed') return;
      const timeTexts = allIn(item, S.messageTime).map((el) => cleanText(el)).filter(Boolean);
      const at = messageTime(item, ctx, timeTexts, day);
      const text = cleanText(firstIn(item, S.messageText));
      out.push({ direction, at, text });
    }, undefined);
  }
  return out;
}

function readChatThread(root: ParentNode, ctx: ReadContext): ThreadObservation | null {
  const id = chatIdFromPath(ctx.url.pathname);
  if (!id) return null;
  const panel = firstMatch(root, S.threadPanel);
  const header = (panel && firstIn(panel, S.threadHeader)) ?? firstMatch(root, S.threadHeader);
  if (!header) return null;
  const scope = panel ?? header.parentElement;
  if (!scope) return null;
  const messages = readChatMessages(scope, ctx);
  const nameEl = header.querySelector('a[href]') ?? header;
  const name = textPieces(nameEl).find((p) => !p.startsWith('@')) ?? null;
  return {
    key: conversationKey('x', id),
    platform: 'x',
    customerName: name,
    ...summarise(messages),
    url: absoluteUrl(ctx.url.pathname, ctx.url),
    header,
    messages,
  };
}

interface Tweet {
  el: Element;
  id: string;
  author: string;
  name: string | null;
  at: Date | null;
  text: string;
  /** Handles this tweet links to besides its author ("Replying to @…", @mentions). */
  mentions: Set<string>;
  url: string | null;
}

function readTweet(article: Element, ctx: ReadContext): Tweet | null {
  const time = firstIn(article, S.tweetTime);
  const link = time?.closest('a[href*="/status/"]') ?? article.querySelector('a[href*="/status/"]');
  const href = link?.getAttribute('href') ?? '';
  const m = /\/([A-Za-z0-9_]{1,15})\/status\/(\d+)/.exec(href);
  if (!m?.[1] || !m[2]) return null;
  const nameBlock = firstIn(article, S.tweetUserName);
  const author = m[1].toLowerCase();
  const mentions = new Set<string>();
  for (const a of Array.from(article.querySelectorAll('a[href^="/"]'))) {
    const seg = /^\/([A-Za-z0-9_]{1,15})\/?$/.exec(a.getAttribute('href') ?? '')?.[1]?.toLowerCase();
    if (seg && seg !== author && !RESERVED_FIRST.has(seg)) mentions.add(seg);
  }
  return {
    el: article,
    id: m[2],
    author,
    name: nameBlock ? (textPieces(nameBlock).find((p) => !p.startsWith('@') && p !== '·') ?? null) : null,
    at: (time && machineTimeOn(time)) ?? readTime(link ?? article, ctx)?.at ?? null,
    text: cleanText(firstIn(article, S.tweetText)),
    mentions,
    url: absoluteUrl(href, ctx.url),
  };
}

/**
 * Each customer tweet is a conversation (DESIGN §3). On a tweet's detail page it is answered by
 * a later brand tweet that continues its chain (only the same customer's tweets in between) or
 * that replies to/mentions the customer; a customer tweet after the brand's reply is a new
 * conversation and waits. The notifications pages list other people's tweets only and never
 * the brand's replies, so there every tweet is a mention that waits, each readable on its own.
 */
function readMentions(root: ParentNode, ctx: ReadContext, brand: string | null): ConversationObservation[] {
  const notifications = ctx.url.pathname.startsWith('/notifications');
  // On a detail page, without the brand's handle no tweet can be told answered or not (and a
  // tweet read on its own has neither the handle nor the replies below it): read nothing.
  if (brand === null && !notifications) return [];
  const articles = elementsOf(root, S.tweet).filter(
    (a) => !a.parentElement?.closest('article') && firstIn(a, S.promoted) === null,
  );
  const tweets = mapRows(articles, (a) => readTweet(a, ctx));
  const isBrand = (t: Tweet) => t.author === brand;
  return mapRows(
    tweets.map((t) => t.el),
    (el) => {
      const i = tweets.findIndex((t) => t.el === el);
      const t = tweets[i];
      if (!t || isBrand(t)) return null;
      let reply: Tweet | null = null;
      let chain = true;
      for (const later of notifications ? [] : tweets.slice(i + 1)) {
        if (isBrand(later) && (chain || later.mentions.has(t.author))) {
          reply = later;
          break;
        }
        if (later.author !== t.author) chain = false;
      }
      return {
        key: conversationKey('x', `status:${t.id}`),
        platform: 'x' as const,
        customerName: t.name,
        lastInboundAt: t.at,
        lastOutboundAt: reply?.at ?? null,
        lastIsInbound: reply === null,
        waitingSince: reply === null ? t.at : null,
        lastInboundText: t.text || null,
        url: t.url,
        row: t.el,
        unread: false, // not exposed by X (§1.4)
      };
    },
  );
}

function readIdentity(root: ParentNode): string | null {
  const avatar = firstMatch(root, S.accountAvatar);
  const fromAvatar = /^UserAvatar-Container-(.+)$/.exec(avatar?.getAttribute('data-testid') ?? '')?.[1];
  if (fromAvatar && HANDLE.test(fromAvatar)) return `@${fromAvatar}`;
  const href = firstMatch(root, S.profileLink)?.getAttribute('href') ?? '';
  const fromLink = /^(?:https:\/\/(?:x|twitter)\.com)?\/([A-Za-z0-9_]{1,15})\/?$/.exec(href)?.[1];
  return fromLink && !RESERVED_FIRST.has(fromLink.toLowerCase()) ? `@${fromLink}` : null;
}

export const xAdapter: PlatformAdapter = {
  id: 'x',
  name: 'X',
  matches: ['https://x.com/*', 'https://mobile.x.com/*', 'https://twitter.com/*', 'https://mobile.twitter.com/*'],
  pageKind: xPageKind,
  selectors: xSelectors,
  required(kind) {
    if (kind === 'comments') return ['primaryColumn', 'timelineCell'];
    if (kind === 'thread') return ['threadPanel', 'threadHeader'];
    return ['inbox'];
  },
  readConversations(root, ctx) {
    return attempt(() => {
      const kind = xPageKind(ctx.url);
      if (kind === 'comments') {
        const brand = readIdentity(root)?.slice(1).toLowerCase() ?? null;
        return readMentions(root, ctx, brand);
      }
      if (kind === null) return [];
      return mapRows(elementsOf(root, S.conversationRow), (row) => readChatRow(row, ctx));
    }, []);
  },
  readThread(root, ctx) {
    return attempt(() => (xPageKind(ctx.url) === 'thread' ? readChatThread(root, ctx) : null), null);
  },
  findComposer(root) {
    return attempt(() => usableComposer(root, S.composer), null);
  },
  readActingIdentity(root) {
    return attempt(() => readIdentity(root), null);
  },
  // X Chat (the main DM surface) is a React textarea; the tweet reply box and legacy DMs are
  // Draft.js — insertion should look at the element findComposer returns (§7.2).
  editor: 'textarea',
};
