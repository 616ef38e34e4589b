/**
 * What a timer badge says, as a pure function of the conversation, its SLA snapshot, the time
 * and the UI language. Durations are formatted through i18n (plural rules, Arabic digits).
 */
import type { Translator } from '../i18n';
import { formatDuration } from '../time/sla';
import type { ConversationState } from '../platforms/types';
import type { TimerContract, TimerState, TimerView } from './badge';

/** The SLA engine's answer for one waiting conversation (see sla-state.ts). */
export interface SlaSnapshot {
  state: 'ok' | 'warn' | 'breach';
  /** Wall-clock instant the state turns `warn` (null: never). */
  warnAt: Date | null;
  /** Wall-clock instant the reply is due. */
  dueAt: Date;
  /** Countable (business) time left until due, in ms; negative once overdue. */
  remainingMs: number;
  /** When the state will next change (warn or breach), or null when it cannot change again. */
  nextChangeAt: Date | null;
  /** True when only business hours count, so the wall-clock due time is worth showing. */
  businessHours: boolean;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/**
 * Formatted pieces repeat endlessly ("3 hours", "12m"), and formatting a number builds an
 * Intl.NumberFormat each time: remember them per translator (bounded).
 */
const memo = new WeakMap<Translator, Map<string, string>>();
const MEMO_MAX = 4096;

function remember(tr: Translator, key: string, make: () => string): string {
  let m = memo.get(tr);
  if (!m) memo.set(tr, (m = new Map()));
  const hit = m.get(key);
  if (hit !== undefined) return hit;
  const value = make();
  if (m.size >= MEMO_MAX) m.clear();
  m.set(key, value);
  return value;
}

/** What the visible text depends on: equal buckets render identically. */
export function textBucket(waitedMs: number): number {
  const ms = Math.max(0, waitedMs);
  return ms < MIN ? Math.floor(ms / 1000) : 60 + Math.floor(ms / MIN);
}

/** Compact waiting time from the time module's Intl formatter: "45s", "12m", "3h 05m", "2d 4h". */
export function shortDuration(ms: number, tr: Translator): string {
  return remember(tr, `s${textBucket(ms)}`, () => formatDuration(Math.max(0, ms), tr.locale));
}

/** The state at `now` from the instants a snapshot fixed (no schedule maths per tick). */
export function stateAt(snap: Pick<SlaSnapshot, 'warnAt' | 'dueAt'>, now: number): SlaSnapshot['state'] {
  if (now >= snap.dueAt.getTime()) return 'breach';
  if (snap.warnAt && now >= snap.warnAt.getTime()) return 'warn';
  return 'ok';
}

/** Spoken duration, the two largest units: "3 hours 12 minutes", "ساعتان و5 دقائق". */
export function longDuration(ms: number, tr: Translator): string {
  const v = Math.max(0, ms);
  const d = Math.floor(v / DAY);
  const h = Math.floor((v % DAY) / HOUR);
  const m = d === 0 ? Math.floor((v % HOUR) / MIN) : 0;
  const parts: string[] = [];
  // Each unit is memoised on its own (a few hundred strings in all): a plural lookup formats
  // its number with a new Intl.NumberFormat, too slow to repeat for every badge drawn.
  if (d > 0) parts.push(remember(tr, `d${d}`, () => tr.t('overlay.duration.days', { count: d })));
  if (h > 0) parts.push(remember(tr, `h${h}`, () => tr.t('overlay.duration.hours', { count: h })));
  if (m > 0) parts.push(remember(tr, `m${m}`, () => tr.t('overlay.duration.minutes', { count: m })));
  const [first, second] = parts;
  if (first === undefined) return remember(tr, 'u', () => tr.t('overlay.duration.underMinute'));
  return second === undefined ? first : tr.t('overlay.duration.pair', { a: first, b: second });
}

export interface ViewInput {
  conv: Pick<ConversationState, 'key' | 'lastIsInbound' | 'waitingSince' | 'customerName'>;
  /** Null when the conversation is not waiting (answered or unknown). */
  sla: SlaSnapshot | null;
  now: Date;
  translator: Translator;
  /** IANA zone for the wall-clock due time. */
  timeZone?: string;
}

/** Is the conversation waiting for the brand, as far as the adapter can tell? */
export function waitingSinceOf(conv: ViewInput['conv']): Date | null {
  if (conv.lastIsInbound === false) return null;
  const at = conv.waitingSince;
  return at && Number.isFinite(at.getTime()) ? at : null;
}

/** The light-DOM contract only (key, state, waiting-since): all an offscreen badge needs. */
export function timerContract(conv: ViewInput['conv'], sla: SlaSnapshot | null): TimerContract {
  if (conv.lastIsInbound === false) return { key: conv.key, state: 'ok', waitingSince: '' };
  const since = waitingSinceOf(conv);
  if (!since || !sla) return { key: conv.key, state: 'unknown', waitingSince: '' };
  return { key: conv.key, state: sla.state, waitingSince: since.toISOString() };
}

export function timerView({ conv, sla, now, translator, timeZone }: ViewInput): TimerView {
  const { t, dir, locale } = translator;
  const named = (status: string) =>
    conv.customerName ? t('overlay.timer.label.named', { name: conv.customerName, status }) : status;
  const base = { key: conv.key, dir, lang: locale };
  if (conv.lastIsInbound === false) {
    return { ...base, state: 'ok', waitingSince: '', text: t('overlay.timer.answered'), label: named(t('overlay.timer.label.answered')) };
  }
  const since = waitingSinceOf(conv);
  if (!since || !sla) {
    return { ...base, state: 'unknown', waitingSince: '', text: t('overlay.timer.unknown'), label: named(t('overlay.timer.label.unknown')) };
  }
  const waited = now.getTime() - since.getTime();
  const waitedText = longDuration(waited, translator);
  let status =
    sla.remainingMs >= 0
      ? t('overlay.timer.label.waiting', { waited: waitedText, left: longDuration(sla.remainingMs, translator) })
      : t('overlay.timer.label.overdue', { waited: waitedText, over: longDuration(-sla.remainingMs, translator) });
  if (sla.businessHours) {
    const at = new Intl.DateTimeFormat(locale, { weekday: 'short', hour: 'numeric', minute: '2-digit', timeZone }).format(sla.dueAt);
    status = t('overlay.timer.label.dueAt', { status, at });
  }
  const state: TimerState = sla.state;
  return { ...base, state, waitingSince: since.toISOString(), text: shortDuration(waited, translator), label: named(status) };
}
