/**
 * What every platform adapter needs beyond its own selectors: keys, safe per-row reading, times
 * (machine-readable first, then labels, then visible text), "You:" / "You sent" markers in the
 * six shipped UI languages, and the waiting-since rule of DESIGN §3. Pure DOM, no browser API.
 */
import { queryAllDeep, shadowRootsIn } from '../dom/query';
import { parseMachineTime, parseTimestamp, parseTimestampDetailed, type ParsedTimestamp } from '../time';
import { addDays, civilDateOf, startOfCivilDay, wallTimeOf, zonedToInstant } from '../time/zoned';
import type {
  ConversationObservation,
  ConversationState,
  EditorKind,
  MessageObservation,
  PlatformId,
  ReadContext,
  SelectorSpec,
  ThreadObservation,
} from './types';

// ─── Keys ────────────────────────────────────────────────────────────────────────────────────────

/** The stable key of a conversation: `platform:threadId` (DESIGN §3). */
export function conversationKey(platform: PlatformId, threadId: string): string {
  return `${platform}:${threadId.trim()}`;
}

/**
 * Fallback key for rows that expose no thread id (Business Suite and Instagram rows are bare
 * `div`s, PLATFORMS.md §2.2/§3.2): the customer's display name within the acting account. Weaker
 * than an id (two customers may share a name), so it is marked `name:` for the queue to see.
 */
export function nameKey(platform: PlatformId, scope: string | null, name: string): string {
  const norm = name.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
  return `${platform}:name:${scope ? `${scope}:` : ''}${norm}`;
}

/** An absolute URL for an href found on the page, or null when it is not a valid http(s) link. */
export function absoluteUrl(href: string | null | undefined, base: URL): string | null {
  if (!href) return null;
  try {
    const u = new URL(href, base);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

// ─── Never throw ─────────────────────────────────────────────────────────────────────────────────

/** Run `fn`; any exception from an unexpected tree yields `fallback` (adapters never throw). */
export function attempt<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

/** Read each row on its own, so one broken row never hides the others. */
export function mapRows<T>(rows: readonly Element[], read: (row: Element) => T | null): T[] {
  const out: T[] = [];
  for (const row of rows) {
    const value = attempt(() => read(row), null);
    if (value !== null) out.push(value);
  }
  return out;
}

/**
 * Elements of the most preferred spec that matches anything under `root` (through open shadow
 * roots), with `root` itself included when it matches: overlays may hand a single row back to
 * the adapter after it re-rendered.
 */
export function elementsOf(root: ParentNode, specs: readonly SelectorSpec[]): Element[] {
  for (const spec of specs) {
    // The light DOM first: walking every element for shadow roots costs more than the whole
    // page's own query, and a list lives either in the light DOM or inside a shadow root.
    let hits = attempt(() => Array.from(root.querySelectorAll(spec.css)), [] as Element[]);
    // A root that is itself a row (one row read on its own) holds no rows in shadow roots:
    // no walk for them, which would cost more than reading the row.
    const self = isElement(root) && safeMatches(root, spec.css);
    if (hits.length === 0 && !self) hits = queryAllDeep(root, spec.css);
    if (self) hits.unshift(root);
    if (hits.length > 0) return hits;
  }
  return [];
}

/** The first element of `specs` (in preference order) inside `scope`, not piercing shadow roots. */
export function firstIn(scope: ParentNode, specs: readonly SelectorSpec[]): Element | null {
  for (const spec of specs) {
    const hit = attempt(() => scope.querySelector(spec.css), null);
    if (hit) return hit;
  }
  return null;
}

/** All elements of the first spec that matches inside `scope`, not piercing shadow roots. */
export function allIn(scope: ParentNode, specs: readonly SelectorSpec[]): Element[] {
  for (const spec of specs) {
    const hits = attempt(() => Array.from(scope.querySelectorAll(spec.css)), [] as Element[]);
    if (hits.length > 0) return hits;
  }
  return [];
}

/** The nearest ancestor-or-self matching one of the specs, within the same tree. */
export function closestOf(el: Element, specs: readonly SelectorSpec[]): Element | null {
  for (const spec of specs) {
    const hit = attempt(() => el.closest(spec.css), null);
    if (hit) return hit;
  }
  return null;
}

export function safeMatches(el: Element, css: string): boolean {
  return attempt(() => el.matches(css), false);
}

export function isElement(node: unknown): node is Element {
  return typeof node === 'object' && node !== null && (node as Node).nodeType === 1;
}

// ─── Text ────────────────────────────────────────────────────────────────────────────────────────

const SKIP_TEXT_IN = new Set(['script', 'style', 'template', 'noscript']);

/**
 * The non-empty text pieces under `el` in document order, one per text node (rows have no
 * testids for name / time / preview, so adapters read them as lines, PLATFORMS.md §1.2, §2.3).
 */
export function textPieces(el: Element): string[] {
  const out: string[] = [];
  const doc = el.ownerDocument;
  if (!doc) return out;
  const walker = doc.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (parent && (SKIP_TEXT_IN.has(parent.localName) || parent.closest('svg'))) continue;
    const t = (n.nodeValue ?? '').replace(/\s+/g, ' ').trim();
    if (t) out.push(t);
  }
  return out;
}

/** Folded text of an element; '' for null. */
export function cleanText(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

// Own-message markers, per UI language (PLATFORMS.md §0.7, §2.2, §2.3, §3.2). Previews start with
// "You:" when the brand wrote the last message; hidden row labels say "You sent".
const OWN_PREVIEW_PREFIXES: readonly RegExp[] = [
  /^you\s*:\s*/i,
  /^(?:tú|tu|usted)\s*:\s*/i,
  /^vous\s*:\s*/i,
  /^du\s*:\s*/i,
  /^(?:você|voce|eu)\s*:\s*/i,
  /^(?:أنت|انت)\s*:\s*/,
];

const OWN_MARKERS: readonly RegExp[] = [
  /^you (?:sent|replied|unsent|reacted)\b/i,
  /^(?:enviaste|respondiste|has enviado|has respondido)\b/i,
  /^vous avez (?:envoyé|répondu)/i,
  /^du hast\b/i,
  /^(?:você|voce) (?:enviou|respondeu)\b/i,
  // Arabic "أرسلت" alone is also "she sent": only the explicit "أنت …" form is ours.
  /^(?:أنت|انت)\s+(?:أرسلت|ارسلت|رددت|قمت بالرد)/,
];

/** Does a row preview say the brand wrote the last message? Returns the preview without the prefix. */
export function ownPreview(text: string): { own: boolean; text: string } {
  const t = text.trim();
  for (const re of OWN_PREVIEW_PREFIXES) {
    if (re.test(t)) return { own: true, text: t.replace(re, '').trim() };
  }
  if (OWN_MARKERS.some((re) => re.test(t))) return { own: true, text: t };
  return { own: false, text: t };
}

/** Is this (usually visually hidden) label one of the "You sent" family? */
export function isOwnMarker(text: string): boolean {
  const t = text.trim();
  return OWN_MARKERS.some((re) => re.test(t));
}

// ─── Times ───────────────────────────────────────────────────────────────────────────────────────

/** Attributes that hold machine-readable instants (ISO, epoch) — read before any text. */
const MACHINE_ATTRS = ['datetime', 'data-time', 'data-timestamp', 'data-utime'] as const;
const MACHINE_CSS = MACHINE_ATTRS.map((a) => `[${a}]`).join(',');
/** Attributes whose text is a human label that may carry a full date (§1.3, §2.3). */
const LABEL_ATTRS = ['title', 'aria-label', 'data-tooltip-content'] as const;
const LABEL_CSS = LABEL_ATTRS.map((a) => `[${a}]`).join(',');
const MARKED_CSS = `${MACHINE_CSS},${LABEL_CSS}`;

/** Where a time came from, strongest first. */
export type TimeSource = 'machine' | 'label' | 'text';
export interface TimeReading {
  at: Date;
  source: TimeSource;
  /** True when the text named only a clock time ("8:18 PM"), so its day comes from context. */
  clockOnly: boolean;
}

/** "8:18 PM", "16:02", "9.41", "9:41 ص", "٩:٤١ م": a time of day with no date. */
const CLOCK_ONLY = /^\s*[\d\u0660-\u0669]{1,2}[:.][\d\u0660-\u0669]{2}(?:\s*[^\s\d\u0660-\u0669]{1,6}){0,2}\s*$/u;
const CLOCK_IN_TEXT = /[\d\u0660-\u0669]{1,2}[:.][\d\u0660-\u0669]{2}(?:\s*(?:[AaPp]\.?\s?[Mm]\.?|[صم]))?/u;

export function isClockOnly(text: string): boolean {
  return CLOCK_ONLY.test(text);
}

/** A machine attribute on `el` itself, parsed. */
export function machineTimeOn(el: Element): Date | null {
  for (const attr of MACHINE_ATTRS) {
    const v = el.getAttribute(attr);
    if (v) {
      const at = attempt(() => parseMachineTime(v), null);
      if (at) return at;
    }
  }
  return null;
}

/** Visible text as a time in the page's locale and zone, or null. */
export function parseVisibleTime(text: string, ctx: ReadContext): Date | null {
  const t = text.replace(/\s+/g, ' ').trim();
  if (!t || t.length > 80) return null;
  // Rows re-read on page changes carry the same few strings ("2h", "1d", "Yesterday"), and
  // every batch reads at a new `now`: remember answers per minute of `now` (see ParseMemo).
  const nowMs = ctx.now.getTime();
  const minute = Math.floor(nowMs / 60_000);
  const key = `${ctx.locale}\u0000${ctx.timeZone}\u0000${t}`;
  const memo = parseCache.get(key);
  if (memo && memo.minute === minute && (memo.reuse || memo.now === nowMs)) {
    if (memo.at === null) return null;
    return new Date(memo.moves ? memo.at + (nowMs - memo.now) : memo.at);
  }
  const opts = { locale: ctx.locale, now: ctx.now, timeZone: ctx.timeZone };
  const whole = attempt(() => parseTimestampDetailed(t, opts), null);
  const at = whole?.at ?? parseDayAndClock(t, ctx);
  if (parseCache.size >= PARSE_CACHE_MAX) parseCache.clear();
  parseCache.set(key, {
    minute,
    now: nowMs,
    at: at ? at.getTime() : null,
    moves: whole?.kind === 'relative',
    reuse: reusable(t, whole, at),
  });
  return at;
}

/**
 * One remembered parse. Within the (UTC) minute of `now` it was made in, an answer is reused
 * when that is exact: nothing parsed; a relative time, which moves with `now` (`moves`: zone
 * offsets change only on whole minutes, so "2h" or "1d" at now + 20 s is the old answer + 20 s);
 * or an absolute time of minute precision or coarser, whose day and future check (whole
 * minutes plus whole-minute tolerance) cannot change within that minute. Times with seconds
 * (parsed or refused as future) are reused only for the same instant.
 */
interface ParseMemo {
  minute: number;
  now: number;
  at: number | null;
  moves: boolean;
  reuse: boolean;
}

const parseCache = new Map<string, ParseMemo>();
const PARSE_CACHE_MAX = 2000;

function reusable(text: string, whole: ParsedTimestamp | null, at: Date | null): boolean {
  // Text with seconds may be unparsed only as "in the future" at this instant.
  if (!at) return !SECONDS_IN_TEXT.test(text);
  if (!whole) return true; // a day and a clock put together: minute precision
  return whole.kind === 'relative' || whole.precision !== 'second';
}

/** "16:40:10", "T16:40:10": a time of day with seconds. */
const SECONDS_IN_TEXT = /[\d\u0660-\u0669][:.][\d\u0660-\u0669]{2}[:.][\d\u0660-\u0669]{2}/u;

/**
 * "Today 9:41", "Yesterday 16:02", "Tue 08:15": when the parser does not take the pair whole, read
 * the day and the clock apart and put the clock on that day.
 */
function parseDayAndClock(text: string, ctx: ReadContext): Date | null {
  const m = CLOCK_IN_TEXT.exec(text);
  if (!m) return null;
  const clockText = m[0];
  const dayText = (text.slice(0, m.index) + ' ' + text.slice(m.index + clockText.length))
    .replace(/[,·•|]/g, ' ')
    .replace(/\s+(?:at|a las|à|um|às|في|الساعة)\s*$/iu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!dayText) return null;
  const opts = { locale: ctx.locale, now: ctx.now, timeZone: ctx.timeZone };
  const clock = attempt(() => parseTimestamp(clockText, opts), null);
  const day = attempt(() => parseTimestamp(dayText, opts), null);
  if (!clock || !day) return null;
  return onDayOf(day, clock, ctx.timeZone);
}

/**
 * A label such as "Jane sent at 9:41 AM" or "enviado a las 9:41": try it whole, then without its
 * leading words, so the time part is found in any language without a per-locale sentence table.
 */
export function parseLabelTime(text: string, ctx: ReadContext): Date | null {
  const t = text.replace(/\s+/g, ' ').trim();
  if (!t || t.length > 160) return null;
  const whole = parseVisibleTime(t, ctx);
  if (whole) return whole;
  const words = t.split(' ');
  for (let i = 1; i < Math.min(words.length, 10); i++) {
    const rest = words.slice(i).join(' ');
    // Only suffixes that still look like a time (a clock or a digit): names never parse by accident.
    if (!/[\d\u0660-\u0669]/u.test(rest)) break;
    const at = parseVisibleTime(rest, ctx);
    if (at) return at;
  }
  return null;
}

/** The wall-clock time of `clock` on the calendar day of `day`, in `timeZone` (DST-correct). */
export function onDayOf(day: Date, clock: Date, timeZone: string): Date {
  return attempt(() => {
    const d = civilDateOf(day, timeZone);
    const w = wallTimeOf(clock, timeZone);
    return zonedToInstant({ ...w, year: d.year, month: d.month, day: d.day }, timeZone);
  }, clock);
}

/**
 * The time of one message or row: machine attributes on `scope` and inside it first, then labels
 * (`title`, `aria-label`, tooltip) that parse, then the visible `texts` in order.
 */
export function readTime(scope: Element, ctx: ReadContext, texts: readonly string[] = []): TimeReading | null {
  const own = machineTimeOn(scope);
  if (own) return { at: own, source: 'machine', clockOnly: false };
  // One query for both kinds of attribute: this runs on every row of every scan.
  const marked = attempt(() => Array.from(scope.querySelectorAll(MARKED_CSS)), [] as Element[]);
  for (const el of marked) {
    const at = machineTimeOn(el);
    if (at) return { at, source: 'machine', clockOnly: false };
  }
  const labelled = [scope, ...marked];
  for (const el of labelled) {
    for (const attr of LABEL_ATTRS) {
      const v = el.getAttribute(attr);
      if (!v || !/[\d\u0660-\u0669]/u.test(v)) continue;
      const at = parseLabelTime(v, ctx);
      if (at) return { at, source: 'label', clockOnly: isClockOnly(labelClock(v)) };
    }
  }
  for (const t of texts) {
    const at = parseVisibleTime(t, ctx);
    if (at) return { at, source: 'text', clockOnly: isClockOnly(t) };
  }
  return null;
}

/** The time part a label parsed from, for the clock-only test ("Jane sent at 9:41 AM" → "9:41 AM"). */
function labelClock(label: string): string {
  const m = CLOCK_IN_TEXT.exec(label);
  if (!m) return label;
  const before = label.slice(0, m.index);
  // A date before the clock ("Oct 23, 2025 9:41") means the label is not clock-only.
  return /[\d\u0660-\u0669]/u.test(before) ? label : m[0];
}

/** A date separator in a thread ("Yesterday", "Today 9:41") and whether it names a clock time. */
export interface DaySeparator {
  at: Date;
  hasClock: boolean;
}

/** Read a separator's text as the day (and maybe time) of the messages below it. */
export function readSeparator(el: Element, ctx: ReadContext): DaySeparator | null {
  const text = cleanText(el);
  if (!text || text.length > 60) return null;
  const reading = readTime(el, ctx, [text]);
  if (!reading) return null;
  return { at: reading.at, hasClock: reading.source === 'machine' || CLOCK_IN_TEXT.test(text) };
}

/**
 * A message's time inside a thread. A clock-only time ("8:18 PM") belongs to the day of the
 * nearest separator above it ("Yesterday"), so it is read as a time on that day rather than
 * today (where it may even lie in the future). A message with no time of its own takes the
 * separator's only when the separator names a clock time ("Today 9:41") — never midnight.
 */
export function messageTime(
  scope: Element,
  ctx: ReadContext,
  texts: readonly string[],
  separator: DaySeparator | null,
): Date | null {
  const plain = readTime(scope, ctx, texts);
  if (plain && (!plain.clockOnly || !separator)) return plain.at;
  if (separator) {
    const dayCtx: ReadContext = { ...ctx, now: endOfLocalDay(separator.at, ctx.timeZone) };
    const onDay = readTime(scope, dayCtx, texts);
    if (onDay) return onDay.clockOnly ? onDayOf(separator.at, onDay.at, ctx.timeZone) : onDay.at;
    return separator.hasClock ? separator.at : null;
  }
  return null;
}

/**
 * A reading placed on a separator's day: a clock-only time takes the separator's calendar date;
 * no reading at all takes the separator itself. (messageTime is the fuller rule: it also re-reads
 * clock times that would lie in the future of `now` on the separator's day.)
 */
export function placeInDay(reading: TimeReading | null, separator: Date | null, timeZone: string): Date | null {
  if (!reading) return separator;
  if (reading.clockOnly && separator) return onDayOf(separator, reading.at, timeZone);
  return reading.at;
}

function endOfLocalDay(at: Date, timeZone: string): Date {
  return attempt(() => {
    const next = addDays(civilDateOf(at, timeZone), 1);
    return new Date(startOfCivilDay(next, timeZone).getTime() - 1);
  }, at);
}

/** A short visible piece that reads as a time (row time columns: "2h", "12:31", "Oct 21", "Tue"). */
export function findTimePiece(pieces: readonly string[], ctx: ReadContext, maxLength = 24): { index: number; at: Date } | null {
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i] ?? '';
    if (p.length > maxLength) continue;
    const at = parseVisibleTime(p, ctx);
    if (at) return { index: i, at };
  }
  return null;
}

// ─── Waiting-since ───────────────────────────────────────────────────────────────────────────────

type Summary = Pick<
  ConversationState,
  'lastInboundAt' | 'lastOutboundAt' | 'lastIsInbound' | 'waitingSince' | 'lastInboundText'
>;

/**
 * DESIGN §3: waiting means the last message is the customer's; waiting-since is the oldest
 * inbound message after the brand's last reply. An unreadable time there gives null, never a
 * later (flattering) time. `messages` are in chronological (document) order.
 */
export function summarise(messages: readonly MessageObservation[]): Summary {
  let lastOut = -1;
  let lastIn = -1;
  messages.forEach((m, i) => {
    if (m.direction === 'outbound') lastOut = i;
    else lastIn = i;
  });
  const last = messages[messages.length - 1];
  const firstUnanswered = lastIn > lastOut ? messages[lastOut + 1] : undefined;
  const inbound = lastIn >= 0 ? messages[lastIn] : undefined;
  const outbound = lastOut >= 0 ? messages[lastOut] : undefined;
  return {
    lastInboundAt: inbound?.at ?? null,
    lastOutboundAt: outbound?.at ?? null,
    lastIsInbound: last ? last.direction === 'inbound' : null,
    waitingSince: firstUnanswered?.at ?? null,
    lastInboundText: inbound ? inbound.text || null : null,
  };
}

/**
 * A list row only shows its latest message: its time, and (through "You:") who wrote it. An
 * inbound row therefore waits at least since that time; the open thread knows better
 * (see preferThread).
 */
export function rowSummary(lastIsInbound: boolean | null, at: Date | null, preview: string | null): Summary {
  if (lastIsInbound === null) {
    return { lastInboundAt: null, lastOutboundAt: null, lastIsInbound: null, waitingSince: null, lastInboundText: null };
  }
  return lastIsInbound
    ? { lastInboundAt: at, lastOutboundAt: null, lastIsInbound: true, waitingSince: at, lastInboundText: preview || null }
    : { lastInboundAt: null, lastOutboundAt: at, lastIsInbound: false, waitingSince: null, lastInboundText: null };
}

/**
 * Merge the open thread into its row: the thread sees every message, so its waiting-since (the
 * oldest unanswered one) replaces the row's (the newest). Overlays call this so the row timer and
 * the header timer of the open conversation agree.
 */
export function preferThread(
  rows: readonly ConversationObservation[],
  thread: ThreadObservation | null,
): ConversationObservation[] {
  if (!thread) return [...rows];
  return rows.map((row) =>
    row.key !== thread.key
      ? row
      : {
          ...row,
          customerName: row.customerName ?? thread.customerName,
          lastInboundAt: thread.lastInboundAt ?? row.lastInboundAt,
          lastOutboundAt: thread.lastOutboundAt ?? row.lastOutboundAt,
          lastIsInbound: thread.lastIsInbound ?? row.lastIsInbound,
          waitingSince: thread.lastIsInbound === null ? row.waitingSince : thread.waitingSince,
          lastInboundText: thread.lastInboundText ?? row.lastInboundText,
          url: row.url ?? thread.url,
        },
  );
}

// ─── Composer ────────────────────────────────────────────────────────────────────────────────────

/**
 * The first composer that can take text: never a disabled, read-only or hidden one (PLATFORMS.md
 * §0.6 — a composer Baton must leave alone is reported as absent).
 */
export function usableComposer(root: ParentNode, specs: readonly SelectorSpec[]): HTMLElement | null {
  // Same order as a deep query per spec (light-DOM matches first, then shadow roots), but the
  // page is walked for shadow roots at most once per call, and not at all when a light-DOM
  // match is usable: the suggestions panel asks this on page changes, and walking a
  // 100k-element inbox once per spec cost more than all of the timers' work.
  let shadows: ShadowRoot[] | null = null;
  for (const spec of specs) {
    const usable = firstUsable(selectAllSafe(root, spec.css));
    if (usable) return usable;
    shadows ??= shadowRootsIn(root);
    for (const sr of shadows) {
      const inShadow = firstUsable(selectAllSafe(sr, spec.css));
      if (inShadow) return inShadow;
    }
  }
  return null;
}

function firstUsable(els: ArrayLike<Element>): HTMLElement | null {
  for (let i = 0; i < els.length; i++) if (isUsable(els[i]!)) return els[i] as HTMLElement;
  return null;
}

function selectAllSafe(scope: ParentNode, css: string): ArrayLike<Element> {
  try {
    return scope.querySelectorAll(css);
  } catch {
    return []; // an invalid selector matches nothing, as in queryAllDeep
  }
}

/**
 * The editor a composer element really is (PLATFORMS.md §0.4, §7.2): one platform can have
 * several (X: Chat textarea, Draft.js reply box), so insertion should ask the element and use
 * the adapter's `editor` only when the element says nothing.
 */
export function editorKindOf(el: Element, fallback: EditorKind): EditorKind {
  if (el.localName === 'textarea') return 'textarea';
  if (el.closest('[data-lexical-editor="true"]') || el.querySelector('[data-lexical-editor="true"]')) return 'lexical';
  if (el.closest('.public-DraftEditor-content') || el.querySelector('[data-contents="true"]')) return 'draftjs';
  return el.getAttribute('contenteditable') === 'true' && fallback === 'textarea' ? 'contenteditable' : fallback;
}

function isUsable(el: Element): boolean {
  if (typeof (el as HTMLElement).focus !== 'function') return false;
  if (el.getAttribute('aria-disabled') === 'true' || el.hasAttribute('disabled')) return false;
  if (el.hasAttribute('readonly') || el.getAttribute('contenteditable') === 'false') return false;
  return attempt(() => el.closest('[hidden],[inert]') === null, false);
}

// ─── Direction ───────────────────────────────────────────────────────────────────────────────────

/** Inline `justify-content` / flex classes on the element itself (XDom, FB-Chat-Monitor). */
export function flexSide(el: Element): 'end' | 'start' | null {
  const style = (el.getAttribute('style') ?? '').replace(/\s+/g, '').toLowerCase();
  if (style.includes('justify-content:flex-end') || style.includes('justify-content:end')) return 'end';
  if (style.includes('justify-content:flex-start') || style.includes('justify-content:start')) return 'start';
  const cls = ` ${el.getAttribute('class') ?? ''} `;
  if (cls.includes(' justify-end ')) return 'end';
  if (cls.includes(' justify-start ')) return 'start';
  return null;
}

/**
 * The same question asked of the computed style, for pages that lay bubbles out with class
 * names (Meta's atomic classes, §2.3 direction (3)). Null in a document without a view.
 */
export function computedSide(el: Element): 'end' | 'start' | null {
  const jc = attempt(() => el.ownerDocument.defaultView?.getComputedStyle(el).justifyContent ?? '', '');
  if (jc === 'flex-end' || jc === 'end' || jc === 'right') return 'end';
  if (jc === 'flex-start' || jc === 'start' || jc === 'left') return 'start';
  return null;
}

/**
 * Is the row's name drawn bold? Meta marks unread conversations only that way (§2.2 "bold
 * text or dot", §3.2 "font-weight >= 700"). Inline style first, then the computed style.
 */
export function nameIsBold(row: Element, name: string): boolean {
  return attempt(() => {
    const doc = row.ownerDocument;
    const walker = doc.createTreeWalker(row, 4 /* NodeFilter.SHOW_TEXT */);
    let el: Element | null = null;
    for (let n = walker.nextNode(); n && !el; n = walker.nextNode()) {
      if ((n.nodeValue ?? '').trim() === name) el = n.parentElement;
    }
    if (!el) return false;
    const inline = /font-weight:\s*(\d+|bold)/i.exec(el.getAttribute('style') ?? '')?.[1];
    const w = inline ?? doc.defaultView?.getComputedStyle(el).fontWeight ?? '';
    return w === 'bold' || Number(w) >= 700;
  }, false);
}
