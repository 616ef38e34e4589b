/**
 * Length limits of the platforms' reply surfaces, checked before a reply is inserted (DESIGN §6
 * "Platform limits"). A surface is where the composer posts: a public `comment` (or reply) or a
 * private `message`. `null` means no limit we could source; the panel then shows the length only.
 * Lengths are counted in Unicode code points, which is how most of these limits are stated; X
 * weighs some characters double (CJK, emoji) and URLs as 23, so an X reply near the limit may
 * still be refused by X itself.
 */
import type { PageKind, PlatformId } from '../platforms/types';

export type Surface = 'comment' | 'message';

export interface SurfaceLimit {
  /** Maximum characters, or null when unknown. */
  max: number | null;
  /** Where the number comes from. */
  source: string;
}

export const PLATFORM_LIMITS: Readonly<Record<PlatformId, Readonly<Record<Surface, SurfaceLimit>>>> = {
  x: {
    comment: { max: 280, source: 'X Help "Counting characters": 280 per post or reply (non-Premium)' },
    message: { max: 10_000, source: 'X Help "About Direct Messages": up to 10,000 characters' },
  },
  linkedin: {
    comment: { max: 1_250, source: 'LinkedIn Help "Comment on posts": 1,250 characters' },
    message: { max: 8_000, source: 'LinkedIn Help "Messaging": 8,000 characters per message' },
  },
  tiktok: {
    comment: { max: 150, source: 'TikTok Support "Comments": 150 characters' },
    message: { max: null, source: 'No published limit for TikTok direct messages' },
  },
  instagram: {
    comment: { max: 2_200, source: 'Instagram Help: captions and comments up to 2,200 characters' },
    message: { max: 1_000, source: 'Meta Instagram Messaging API: message text up to 1,000 characters' },
  },
  youtube: {
    comment: { max: 10_000, source: 'YouTube Data API commentThreads: textOriginal up to 10,000 characters' },
    message: { max: null, source: 'YouTube has no direct messages' },
  },
  facebook: {
    comment: { max: 2_000, source: 'Meta Messenger Platform Send API: text up to 2,000 characters' },
    message: { max: 2_000, source: 'Meta Messenger Platform Send API: text up to 2,000 characters' },
  },
};

/** The surface of a page: comment pages post publicly, inboxes and threads are private messages. */
export function surfaceOf(kind: PageKind | null): Surface {
  return kind === 'comments' ? 'comment' : 'message';
}

/** Length as the platforms count it (code points, so an emoji is one). */
export function replyLength(text: string): number {
  return Array.from(text).length;
}

export interface LengthCheck {
  length: number;
  max: number | null;
  over: boolean;
}

export function checkLength(text: string, platform: PlatformId, surface: Surface): LengthCheck {
  const length = replyLength(text);
  const { max } = PLATFORM_LIMITS[platform][surface];
  return { length, max, over: max !== null && length > max };
}
