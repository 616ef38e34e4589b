/**
 * The contract every platform adapter implements (DESIGN §3). Adapters are pure readers of a
 * DOM they are handed: no browser APIs, no network, no writes to the page. They must never throw
 * on an unexpected tree; when something required is missing they return null / [] and say so in
 * their health report.
 */
export const PLATFORM_IDS = ['facebook', 'instagram', 'x', 'linkedin', 'youtube', 'tiktok'] as const;
export type PlatformId = (typeof PLATFORM_IDS)[number];

/** What a URL shows: a list of conversations, an open conversation, or a comments surface. */
export type PageKind = 'inbox' | 'thread' | 'comments';

/** The insertion strategy the platform's composer needs (lib/editors). */
export type EditorKind = 'lexical' | 'draftjs' | 'textarea' | 'contenteditable';

/** Where the page is and when: timestamps are read in the page's locale and the user's zone. */
export interface ReadContext {
  now: Date;
  /** BCP 47 tag of the page (`<html lang>`), e.g. `en`, `ar`, `es-419`. */
  locale: string;
  /** IANA zone the page shows its times in (the browser's). */
  timeZone: string;
  /** The page URL (an adapter may take thread ids from it). */
  url: URL;
}

/**
 * One selector: CSS (evaluated through open shadow roots by lib/dom/query) and why it is there.
 * `source` names the PLATFORMS.md section the knowledge comes from.
 */
export interface SelectorSpec {
  css: string;
  source: string;
}

/** Named selector lists, each ordered by preference (first match wins). */
export type SelectorTable = Record<string, readonly SelectorSpec[]>;

export interface MessageObservation {
  direction: 'inbound' | 'outbound';
  at: Date | null;
  text: string;
}

/** Fields common to a conversation row and an open thread. */
export interface ConversationState {
  /** Stable, opaque `platform:threadId`. */
  key: string;
  platform: PlatformId;
  /** Customer display name; stays on the device. */
  customerName: string | null;
  lastInboundAt: Date | null;
  lastOutboundAt: Date | null;
  /** True when the last message is the customer's, false when it is the brand's, null if unknown. */
  lastIsInbound: boolean | null;
  /**
   * The oldest unanswered inbound message's time (first inbound after the brand's last reply);
   * null when answered, or when the time cannot be read.
   */
  waitingSince: Date | null;
  /** The customer's last inbound text; stays on the device (used for suggestions). */
  lastInboundText: string | null;
  /** Absolute URL of the conversation, when known. */
  url: string | null;
}

export interface ConversationObservation extends ConversationState {
  /** The row element: overlays for this conversation are placed inside it. */
  row: Element;
  unread: boolean;
}

export interface ThreadObservation extends ConversationState {
  /** The thread header: the thread's timer goes inside it (or right after it). */
  header: Element;
  messages: MessageObservation[];
}

/** Which required selectors matched on a page; `recognised` false hides overlays. */
export interface AdapterHealth {
  platform: PlatformId;
  pageKind: PageKind | null;
  recognised: boolean;
  /** Per required selector name: did any of its specs match? */
  matched: Record<string, boolean>;
}

export interface PlatformAdapter {
  id: PlatformId;
  /** Human name of the platform (a proper noun, not translated). */
  name: string;
  /** Content-script match patterns; the manifest is built from these. */
  matches: readonly string[];
  /** Pure: what kind of page a URL is, or null when it is no inbox surface. */
  pageKind(url: URL): PageKind | null;
  selectors: SelectorTable;
  /** Selector names that must match for the page (of that kind) to count as recognised. */
  required(kind: PageKind): readonly string[];
  readConversations(root: ParentNode, ctx: ReadContext): ConversationObservation[];
  readThread(root: ParentNode, ctx: ReadContext): ThreadObservation | null;
  findComposer(root: ParentNode): HTMLElement | null;
  /** The account the agent acts as ("replying as @Brand"), or null. */
  readActingIdentity(root: ParentNode): string | null;
  /** Preferred insertion strategy for this platform's composer. */
  editor: EditorKind;
}
