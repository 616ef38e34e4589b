/**
 * Working-schedule maths (DESIGN §5, §9): one weekly schedule shape serves the team's business
 * hours (SLA time counts only inside them) and each user's own working hours (after-hours usage).
 * Periods are wall-clock times in the schedule's IANA zone; a period whose end is at or before
 * its start runs into the next day and belongs to the day it starts on; a holiday removes the
 * periods that start on it. DST: a start or end that falls in a spring-forward gap moves forward
 * by the gap (02:30 → 03:30); one that happens twice on a fall-back night is the first one.
 * Pure: no machine zone, no clock.
 */
import type { Period, WeeklySchedule } from './schemas';
import {
  addDays,
  civilDateOf,
  civilFromEpochDay,
  civilKey,
  epochDay,
  weekdayOf,
  zonedToInstant,
} from './zoned';

export { localDayKey } from './zoned';

export interface Interval {
  start: Date;
  end: Date;
}

const MS_PER_DAY = 86_400_000;
/** Scan window for searches forward in time. */
const CHUNK_DAYS = 14;
/** Searches give up (null) beyond this horizon. 1,000 holidays can block at most 1,000 days. */
const HORIZON_DAYS = 3660;

type Span = readonly [number, number];

function minutesOf(clock: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(clock);
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
}

interface ScheduleCache {
  holidays: Set<string>;
  days: Map<number, readonly Span[]>;
}

// Day spans are memoised per schedule object so ticking timers cost map lookups, not Intl calls.
const caches = new WeakMap<WeeklySchedule, ScheduleCache>();
const MAX_CACHED_DAYS = 4000;

function cacheFor(s: WeeklySchedule): ScheduleCache {
  let c = caches.get(s);
  if (!c) {
    c = { holidays: new Set(s.holidays ?? []), days: new Map() };
    caches.set(s, c);
  }
  return c;
}

function periodSpan(dayNumber: number, p: Period, timeZone: string): Span | null {
  const start = minutesOf(p.start);
  const end = minutesOf(p.end);
  if (!Number.isFinite(start) || !Number.isFinite(end)) return null;
  const at = (day: number, minutes: number): number => {
    const d = civilFromEpochDay(day + Math.floor(minutes / 1440));
    const m = minutes % 1440;
    return zonedToInstant(
      { ...d, hour: Math.floor(m / 60), minute: m % 60, second: 0, millisecond: 0 },
      timeZone,
    ).getTime();
  };
  const startMs = at(dayNumber, start);
  const endMs = at(end <= start ? dayNumber + 1 : dayNumber, end);
  return endMs > startMs ? [startMs, endMs] : null;
}

/** The spans of the periods that start on local day `dayNumber` (epoch day), unmerged. */
function daySpans(s: WeeklySchedule, dayNumber: number): readonly Span[] {
  const cache = cacheFor(s);
  const hit = cache.days.get(dayNumber);
  if (hit) return hit;
  const date = civilFromEpochDay(dayNumber);
  let spans: Span[] = [];
  if (!cache.holidays.has(civilKey(date))) {
    const periods = s.days[weekdayOf(date)] ?? [];
    spans = periods.map((p) => periodSpan(dayNumber, p, s.timeZone)).filter((x): x is Span => x !== null);
  }
  if (cache.days.size >= MAX_CACHED_DAYS) cache.days.clear();
  cache.days.set(dayNumber, spans);
  return spans;
}

function mergedSpans(s: WeeklySchedule, fromMs: number, toMs: number): Span[] {
  if (!(toMs > fromMs)) return [];
  // Start a day early: an overnight period from the previous day may still be running.
  const first = epochDay(addDays(civilDateOf(new Date(fromMs), s.timeZone), -1));
  const last = epochDay(civilDateOf(new Date(toMs), s.timeZone));
  const raw: Span[] = [];
  for (let day = first; day <= last; day++) {
    for (const [a, b] of daySpans(s, day)) {
      const start = Math.max(a, fromMs);
      const end = Math.min(b, toMs);
      if (end > start) raw.push([start, end]);
    }
  }
  raw.sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of raw) {
    const prev = out[out.length - 1];
    if (prev && a <= prev[1]) prev[1] = Math.max(prev[1], b);
    else out.push([a, b]);
  }
  return out;
}

function hasAnyPeriod(s: WeeklySchedule): boolean {
  return s.days.some((periods) => periods.length > 0);
}

/** Working time inside [from, to): merged, sorted, clipped to the range. */
export function workingIntervals(s: WeeklySchedule, from: Date, to: Date): Interval[] {
  return mergedSpans(s, from.getTime(), to.getTime()).map(([a, b]) => ({ start: new Date(a), end: new Date(b) }));
}

/** True when `at` is inside a working period. */
export function isWorking(s: WeeklySchedule, at: Date): boolean {
  const t = at.getTime();
  return mergedSpans(s, t, t + 1).length > 0;
}

/** Working milliseconds inside [from, to); 0 when `to` is not after `from`. */
export function workingMsBetween(s: WeeklySchedule, from: Date, to: Date): number {
  return mergedSpans(s, from.getTime(), to.getTime()).reduce((sum, [a, b]) => sum + (b - a), 0);
}

/**
 * The instant when `ms` of working time has passed since `from` (Friday 16:45 + 30 min with
 * 09:00–17:00 Mon–Fri → Monday 09:15). An amount that runs out exactly at a period's end gives
 * that end. Null when the schedule has no working time (within ten years).
 */
export function addWorkingTime(s: WeeklySchedule, from: Date, ms: number): Date | null {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError('addWorkingTime needs a non-negative amount');
  if (ms === 0) return new Date(from.getTime());
  if (!hasAnyPeriod(s)) return null;
  let remaining = ms;
  let cursor = from.getTime();
  const horizon = cursor + HORIZON_DAYS * MS_PER_DAY;
  while (cursor < horizon) {
    const chunkEnd = cursor + CHUNK_DAYS * MS_PER_DAY;
    for (const [a, b] of mergedSpans(s, cursor, chunkEnd)) {
      if (remaining <= b - a) return new Date(a + remaining);
      remaining -= b - a;
    }
    cursor = chunkEnd;
  }
  return null;
}

/** The earliest working instant at or after `at` (`at` itself when working); null if none. */
export function nextWorkingStart(s: WeeklySchedule, at: Date): Date | null {
  if (!hasAnyPeriod(s)) return null;
  let cursor = at.getTime();
  const horizon = cursor + HORIZON_DAYS * MS_PER_DAY;
  while (cursor < horizon) {
    const chunkEnd = cursor + CHUNK_DAYS * MS_PER_DAY;
    const first = mergedSpans(s, cursor, chunkEnd)[0];
    if (first) return new Date(first[0]);
    cursor = chunkEnd;
  }
  return null;
}

/**
 * The end of the working stretch containing `at` (periods that touch count as one stretch);
 * null when `at` is not working time. The popup uses it for "on shift until 17:00".
 */
export function currentWorkingEnd(s: WeeklySchedule, at: Date): Date | null {
  if (!isWorking(s, at)) return null;
  let cursor = at.getTime();
  const horizon = cursor + HORIZON_DAYS * MS_PER_DAY;
  while (cursor < horizon) {
    const chunkEnd = cursor + CHUNK_DAYS * MS_PER_DAY;
    const first = mergedSpans(s, cursor, chunkEnd)[0];
    if (!first || first[0] > cursor) return new Date(cursor);
    if (first[1] < chunkEnd) return new Date(first[1]);
    cursor = chunkEnd;
  }
  return null;
}

/** Splits [from, to) into the parts inside and outside working time (after-hours accounting). */
export function splitByWorkingTime(
  s: WeeklySchedule,
  from: Date,
  to: Date,
): { workingMs: number; outsideMs: number } {
  const total = Math.max(0, to.getTime() - from.getTime());
  const workingMs = workingMsBetween(s, from, to);
  return { workingMs, outsideMs: total - workingMs };
}
