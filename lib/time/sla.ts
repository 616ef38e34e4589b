/**
 * The SLA engine (DESIGN §5). Given a policy, a platform and when the customer started waiting,
 * it answers: which target applies, when the reply is due on the wall clock, how much countable
 * (business) time is left, the elapsed fraction and the state, plus the platform's own reply
 * windows beside the team SLA. States: ok < warnAt ≤ warn < 100 % ≤ breach; unknown when the
 * waiting time cannot be read.
 *
 * Countdowns are pure functions of (due time, server clock offset, now): an evaluation fixes
 * `warnAt` and `dueAt` as instants, so a ticker only compares clocks (`stateAt`, `countdownMs`)
 * and never redoes schedule maths per tick.
 */
import type { MessageKey } from '../i18n';
import type { PlatformId } from '../platforms/types';
import type { SlaPolicy } from './schemas';
import { addWorkingTime, isWorking, nextWorkingStart, workingMsBetween } from './schedule';

export type SlaState = 'ok' | 'warn' | 'breach' | 'unknown';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface SlaTarget {
  /** Target length in countable time (business time when the policy has business hours). */
  ms: number;
  kind: 'reply' | 'firstResponse';
  /** Whether the number came from the platform override or the team default. */
  source: 'team' | 'platform';
}

/**
 * The target for a platform. A first response gets the stricter of its first-response target
 * and the reply target (the first-response target is documented as the optional stricter one);
 * each is the platform override when set, else the team value.
 */
export function resolveTarget(policy: SlaPolicy, platform: PlatformId, firstResponse: boolean): SlaTarget {
  const override = policy.perPlatform[platform];
  const reply: SlaTarget =
    override?.replyTargetMinutes !== undefined
      ? { ms: override.replyTargetMinutes * MINUTE, kind: 'reply', source: 'platform' }
      : { ms: policy.replyTargetMinutes * MINUTE, kind: 'reply', source: 'team' };
  if (!firstResponse) return reply;
  const firstMinutes = override?.firstResponseTargetMinutes ?? policy.firstResponseTargetMinutes;
  if (firstMinutes === null || firstMinutes === undefined) return reply;
  const first: SlaTarget = {
    ms: firstMinutes * MINUTE,
    kind: 'firstResponse',
    source: override?.firstResponseTargetMinutes !== undefined ? 'platform' : 'team',
  };
  return first.ms <= reply.ms ? first : reply;
}

// ---------------------------------------------------------------------------------------------
// Platform reply windows

export type PlatformWindowId =
  | 'meta-standard'
  | 'meta-human-agent'
  | 'tiktok-dm'
  | 'facebook-very-responsive';

export interface PlatformWindowRule {
  id: PlatformWindowId;
  platforms: readonly PlatformId[];
  /** `window`: the platform's hard reply limit; `pace`: a public responsiveness target. */
  kind: 'window' | 'pace';
  /** Counted from the customer's last message (windows) or from the wait's start (pace). */
  from: 'lastInbound' | 'waitingSince';
  durationMs: number;
  /** Only for a conversation's first response. */
  firstResponseOnly: boolean;
  /** Replies allowed inside the window, where the platform limits them. */
  maxReplies: number | null;
  /** Reference in research/mission-anchors.md. */
  source: string;
}

/**
 * Documented platform limits for direct messages (comments have none). Sources:
 * research/mission-anchors.md "Platform rules" (META1, META2, TT1, FB1).
 */
export const PLATFORM_WINDOWS: readonly PlatformWindowRule[] = [
  {
    id: 'meta-standard',
    platforms: ['facebook', 'instagram'],
    kind: 'window',
    from: 'lastInbound',
    durationMs: 24 * HOUR,
    firstResponseOnly: false,
    maxReplies: null,
    source: 'META1: standard messaging window, 24 h after the customer’s last message',
  },
  {
    id: 'meta-human-agent',
    platforms: ['facebook', 'instagram'],
    kind: 'window',
    from: 'lastInbound',
    durationMs: 7 * DAY,
    firstResponseOnly: false,
    maxReplies: null,
    source: 'META2: HUMAN_AGENT tag, a human may reply up to 7 days after the last message',
  },
  {
    id: 'tiktok-dm',
    platforms: ['tiktok'],
    kind: 'window',
    from: 'lastInbound',
    durationMs: 48 * HOUR,
    firstResponseOnly: false,
    maxReplies: 10,
    source: 'TT1: up to 10 replies within 48 h of the user’s last message',
  },
  {
    id: 'facebook-very-responsive',
    platforms: ['facebook'],
    kind: 'pace',
    from: 'waitingSince',
    durationMs: 15 * MINUTE,
    firstResponseOnly: true,
    maxReplies: null,
    source: 'FB1: "Very responsive" badge, first replies within 15 minutes',
  },
];

/** i18n keys naming each window (lib/locales/{en,ar}/time.ts). */
export const WINDOW_LABEL_KEYS = {
  'meta-standard': 'time.window.meta-standard',
  'meta-human-agent': 'time.window.meta-human-agent',
  'tiktok-dm': 'time.window.tiktok-dm',
  'facebook-very-responsive': 'time.window.facebook-very-responsive',
} as const satisfies Record<PlatformWindowId, MessageKey>;

export type Surface = 'message' | 'comment';

export interface PlatformWindowStatus {
  id: PlatformWindowId;
  kind: 'window' | 'pace';
  durationMs: number;
  maxReplies: number | null;
  opensAt: Date;
  closesAt: Date;
  /** Wall-clock time left; negative once closed. */
  remainingMs: number;
  open: boolean;
}

export interface WindowInput {
  platform: PlatformId;
  surface: Surface;
  firstResponse: boolean;
  waitingSince: Date | null;
  /** The customer's last message; defaults to `waitingSince`. */
  lastInboundAt?: Date | null;
  now: Date;
  serverOffsetMs?: number;
}

/** The platform's reply windows for a waiting conversation, on the wall clock. */
export function platformWindows(input: WindowInput): PlatformWindowStatus[] {
  if (input.surface !== 'message' || !input.waitingSince) return [];
  const now = correctedNow(input.now, input.serverOffsetMs);
  const last = input.lastInboundAt ?? input.waitingSince;
  return PLATFORM_WINDOWS.filter(
    (w) => w.platforms.includes(input.platform) && (!w.firstResponseOnly || input.firstResponse),
  ).map((w) => {
    const opensAt = w.from === 'lastInbound' ? last : (input.waitingSince ?? last);
    const closesAt = new Date(opensAt.getTime() + w.durationMs);
    const remainingMs = closesAt.getTime() - now;
    return {
      id: w.id,
      kind: w.kind,
      durationMs: w.durationMs,
      maxReplies: w.maxReplies,
      opensAt,
      closesAt,
      remainingMs,
      open: remainingMs > 0,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Pure countdowns

/** This device's clock corrected to the server's: `serverOffsetMs` = server time − device time. */
export function correctedNow(now: Date, serverOffsetMs = 0): number {
  return now.getTime() + (Number.isFinite(serverOffsetMs) ? serverOffsetMs : 0);
}

/** Wall-clock ms until `dueAt` (negative once past). */
export function countdownMs(dueAt: Date, serverOffsetMs: number, now: Date): number {
  return dueAt.getTime() - correctedNow(now, serverOffsetMs);
}

/** The state at `now` from the instants an evaluation fixed; no schedule maths. */
export function stateAt(
  due: { warnAt: Date | null; dueAt: Date | null },
  serverOffsetMs: number,
  now: Date,
): 'ok' | 'warn' | 'breach' {
  const t = correctedNow(now, serverOffsetMs);
  if (due.dueAt && t >= due.dueAt.getTime()) return 'breach';
  if (due.warnAt && t >= due.warnAt.getTime()) return 'warn';
  return 'ok';
}

// ---------------------------------------------------------------------------------------------
// Evaluation

export interface SlaInput {
  policy: SlaPolicy;
  platform: PlatformId;
  /** The oldest unanswered inbound message; null when unknown (→ state `unknown`). */
  waitingSince: Date | null;
  /** True when the brand has not replied in this conversation yet. */
  firstResponse?: boolean;
  now: Date;
  /** Server time − device time, ms (from the team server's clock; 0 without one). */
  serverOffsetMs?: number;
  /** Direct message or public comment: platform windows apply to messages only. */
  surface?: Surface;
  /** The customer's last message, for platform windows; defaults to `waitingSince`. */
  lastInboundAt?: Date | null;
}

export interface SlaStatus {
  state: SlaState;
  target: SlaTarget;
  /** True when only business hours count (the badge then shows both clocks). */
  businessHours: boolean;
  waitingSince: Date | null;
  /** Wall-clock instant the state turns `warn`; null when unknown or never. */
  warnAt: Date | null;
  /** Wall-clock due time; null when unknown or when the schedule has no working time. */
  dueAt: Date | null;
  /** Countable time left until due, ms; negative once overdue. */
  remainingMs: number | null;
  /** Countable time waited so far, ms. */
  elapsedMs: number | null;
  /** elapsed / target (0 … >1). */
  fraction: number | null;
  /** When the state next changes (warn, then breach); null when it cannot change again. */
  nextChangeAt: Date | null;
  /** False outside business hours: the SLA clock is paused ("resumes Mon 09:00"). */
  clockRunning: boolean;
  /** When a paused clock starts again; null while it runs or when it never will. */
  resumesAt: Date | null;
  windows: PlatformWindowStatus[];
}

/** Evaluates one waiting conversation against the policy at `now`. */
export function evaluateSla(input: SlaInput): SlaStatus {
  const { policy, platform, waitingSince } = input;
  const firstResponse = input.firstResponse ?? false;
  const target = resolveTarget(policy, platform, firstResponse);
  const schedule = policy.businessHours;
  const windows = platformWindows({
    platform,
    surface: input.surface ?? 'message',
    firstResponse,
    waitingSince,
    lastInboundAt: input.lastInboundAt ?? null,
    now: input.now,
    serverOffsetMs: input.serverOffsetMs,
  });
  const nowMs = correctedNow(input.now, input.serverOffsetMs);
  const clockRunning = schedule ? isWorking(schedule, new Date(nowMs)) : true;
  const resumesAt = schedule && !clockRunning ? nextWorkingStart(schedule, new Date(nowMs)) : null;
  const base = { target, businessHours: schedule !== null, waitingSince, windows, clockRunning, resumesAt };
  const since = waitingSince?.getTime();
  if (since === undefined || !Number.isFinite(since)) {
    return {
      ...base,
      state: 'unknown',
      warnAt: null,
      dueAt: null,
      remainingMs: null,
      elapsedMs: null,
      fraction: null,
      nextChangeAt: null,
    };
  }
  const now = nowMs;
  const warnMs = target.ms * policy.warnAt;

  let warnAt: Date | null;
  let dueAt: Date | null;
  let elapsedMs: number;
  if (schedule) {
    warnAt = addWorkingTime(schedule, new Date(since), warnMs);
    dueAt = addWorkingTime(schedule, new Date(since), target.ms);
    elapsedMs = now > since ? workingMsBetween(schedule, new Date(since), new Date(now)) : 0;
  } else {
    warnAt = new Date(since + warnMs);
    dueAt = new Date(since + target.ms);
    elapsedMs = Math.max(0, now - since);
  }
  // Equals the countable time between now and the due time (negative once overdue).
  const remainingMs = target.ms - elapsedMs;
  const fraction = elapsedMs / target.ms;
  const state: SlaState = fraction >= 1 ? 'breach' : fraction >= policy.warnAt ? 'warn' : 'ok';
  const nextChangeAt = state === 'ok' ? warnAt : state === 'warn' ? dueAt : null;
  return { ...base, state, warnAt, dueAt, remainingMs, elapsedMs, fraction, nextChangeAt };
}

// ---------------------------------------------------------------------------------------------
// Badge text

const numberFormats = new Map<string, Intl.NumberFormat>();
const listFormats = new Map<string, Intl.ListFormat>();

function unitFormat(locale: string, unit: 'day' | 'hour' | 'minute' | 'second', pad: boolean): Intl.NumberFormat {
  const key = `${locale}|${unit}|${pad}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      style: 'unit',
      unit,
      unitDisplay: 'narrow',
      minimumIntegerDigits: pad ? 2 : 1,
      maximumFractionDigits: 0,
    });
    numberFormats.set(key, f);
  }
  return f;
}

function listFormat(locale: string): Intl.ListFormat {
  let f = listFormats.get(locale);
  if (!f) {
    f = new Intl.ListFormat(locale, { type: 'unit', style: 'narrow' });
    listFormats.set(locale, f);
  }
  return f;
}

function safeLocale(locale: string): string {
  try {
    return new Intl.NumberFormat(locale).resolvedOptions().locale;
  } catch {
    return 'en';
  }
}

/**
 * Compact badge text in the UI locale, entirely from Intl (units, digits, joiners): "45s",
 * "12m", "3h 05m", "2d 4h"; Arabic "٣ س و٠٥ د" where the locale uses Arabic-Indic digits.
 * Rounds toward zero; a negative amount (overdue) carries the locale's minus sign.
 */
export function formatDuration(ms: number, locale: string): string {
  const loc = safeLocale(locale);
  const v = Number.isFinite(ms) ? Math.abs(ms) : 0;
  const sign = ms < 0 && v >= 1000 ? -1 : 1;
  const parts: string[] = [];
  if (v < MINUTE) {
    parts.push(unitFormat(loc, 'second', false).format(sign * Math.floor(v / 1000)));
  } else if (v < HOUR) {
    parts.push(unitFormat(loc, 'minute', false).format(sign * Math.floor(v / MINUTE)));
  } else if (v < DAY) {
    parts.push(unitFormat(loc, 'hour', false).format(sign * Math.floor(v / HOUR)));
    parts.push(unitFormat(loc, 'minute', true).format(Math.floor((v % HOUR) / MINUTE)));
  } else {
    parts.push(unitFormat(loc, 'day', false).format(sign * Math.floor(v / DAY)));
    parts.push(unitFormat(loc, 'hour', false).format(Math.floor((v % DAY) / HOUR)));
  }
  return parts.length === 1 ? (parts[0] ?? '') : listFormat(loc).format(parts);
}
