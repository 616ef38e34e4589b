/**
 * Comment surfaces (YouTube Studio and watch-page comments, TikTok video comments): each
 * top-level comment with its replies is one conversation. Every comment not written by the brand
 * is inbound — a reply from another viewer does not answer the customer, and a customer's
 * follow-up after the brand's reply makes the conversation wait again (DESIGN §3). The waiting
 * rule itself is common.ts `summarise`.
 */
import { attempt, summarise } from './common';
import type { ConversationObservation, MessageObservation, PlatformId } from './types';

/** One comment as an adapter read it. */
export interface CommentReading {
  /** Display name or handle of the author, as shown. */
  author: string | null;
  /** Was it written by the brand (the channel / account that owns the content)? */
  brand: boolean;
  at: Date | null;
  text: string;
}

/**
 * The conversation of one comment thread (top comment first, replies in page order). The
 * customer is the top comment's author, or when the brand opened the thread, the first other
 * author.
 */
export function commentConversation(input: {
  platform: PlatformId;
  key: string;
  row: Element;
  url: string | null;
  comments: readonly CommentReading[];
  /**
   * Replies exist that the page has not loaded (collapsed behind "View N replies"): the brand may
   * have answered out of sight, so whether the customer waits is unknown, not "waiting".
   */
  repliesHidden?: boolean;
}): ConversationObservation | null {
  if (input.comments.length === 0) return null;
  const messages: MessageObservation[] = input.comments.map((c) => ({
    direction: c.brand ? 'outbound' : 'inbound',
    at: c.at,
    text: c.text,
  }));
  const customer = input.comments.find((c) => !c.brand && c.author);
  const summary = summarise(messages);
  const unknown = input.repliesHidden === true && summary.lastIsInbound === true;
  return {
    key: input.key,
    platform: input.platform,
    customerName: customer?.author ?? null,
    ...summary,
    ...(unknown ? { lastIsInbound: null, waitingSince: null } : {}),
    url: input.url,
    row: input.row,
    // Comment surfaces show no per-thread unread state.
    unread: false,
  };
}

/**
 * A short stable id for things the page gives no id (comments on TikTok, Studio threads without a
 * permalink): FNV-1a over the parts, base 36. Stable across reloads as long as the parts are.
 */
export function stableId(...parts: readonly string[]): string {
  let h = 0x811c9dc5;
  const s = parts.join('\u0000');
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/**
 * Visible comment times often carry an edit note: "3 hours ago (edited)", "vor 6 Stunden
 * (bearbeitet)", "قبل ساعتين (تم التعديل)". The time is what precedes the parenthesis.
 */
export function withoutEditNote(text: string): string {
  return text.replace(/\s*[(（][^()（）]*[)）]\s*$/u, '').trim();
}

/**
 * The path of an author/channel link, normalised for comparison: "/@Acme/" and
 * "https://www.youtube.com/@acme" are the same channel; "/channel/UC…" keeps its case (ids are
 * case-sensitive).
 */
export function channelPath(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  return attempt(() => {
    const u = new URL(href, base);
    const path = u.pathname.replace(/\/+$/, '');
    const handle = /^\/(@[^/]+)/.exec(path);
    if (handle?.[1]) return decodeURIComponent(handle[1]).toLowerCase();
    const channel = /^\/channel\/([^/]+)/.exec(path);
    if (channel?.[1]) return `channel/${channel[1]}`;
    return null;
  }, null);
}
