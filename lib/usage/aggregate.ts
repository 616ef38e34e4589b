/**
 * Active intervals → per-day after-hours aggregates (DESIGN §9). After hours = active time
 * minus the working schedule's intervals (lib/time/schedule: DST-correct, overnight periods on
 * the day they start, holidays and days off count entirely); both parts are split at local
 * midnights of the schedule's zone. Pure and incremental: folding raw intervals into existing
 * aggregates is additive, and the after-hours stretch that may still continue is carried.
 */
import type { WeeklySchedule } from '../time/schemas';
import { workingIntervals } from '../time/schedule';
import { addDays, civilDateOf, civilKey, localDayKey, startOfCivilDay } from '../time/zoned';
import type { ActiveInterval, DayAggregate, Stretch } from './schemas';

export interface Span {
  start: number;
  end: number;
}

/** Breaks shorter than this do not end an after-hours stretch (a glance at another app). */
export const STRETCH_GAP_MS = 5 * 60_000;
/** Late night: 22:00 to 05:00 local, counted on the day the night starts. */
export const LATE_NIGHT = { start: '22:00', end: '05:00' } as const;
/** Daily aggregates are kept a year (the issue asks for at least 26 weeks). */
export const USAGE_RETENTION_DAYS = 371;

const HOUR = 3_600_000;

export function emptyDay(day: string): DayAggregate {
  return { day, platforms: {}, lateNightMs: 0, longestAfterHoursMs: 0 };
}

/** The schedule's working intervals overlapping [start, end), clipped to it, as ms spans. */
function workingSpans(schedule: WeeklySchedule, start: number, end: number, lookBehindMs = 0): Span[] {
  return workingIntervals(schedule, new Date(start - lookBehindMs), new Date(end))
    .map((w) => ({ start: w.start.getTime(), end: w.end.getTime() }))
    .filter((w) => w.end > start && w.start < end);
}

/** Split [start, end) into the parts inside and outside working time. */
export function splitByWork(schedule: WeeklySchedule, start: number, end: number): { inHours: Span[]; afterHours: Span[] } {
  const inHours: Span[] = [];
  const afterHours: Span[] = [];
  let cursor = start;
  const work = workingSpans(schedule, start, end).sort((a, b) => a.start - b.start);
  for (const w of work) {
    const s = Math.max(w.start, cursor);
    const e = Math.min(w.end, end);
    if (e <= s) continue;
    if (s > cursor) afterHours.push({ start: cursor, end: s });
    inHours.push({ start: s, end: e });
    cursor = e;
  }
  if (end > cursor) afterHours.push({ start: cursor, end });
  return { inHours, afterHours };
}

/** Split [start, end) at local midnights of `timeZone`. */
export function splitByDay(start: number, end: number, timeZone: string): Array<Span & { day: string }> {
  const out: Array<Span & { day: string }> = [];
  let s = start;
  while (s < end) {
    const date = civilDateOf(new Date(s), timeZone);
    const next = startOfCivilDay(addDays(date, 1), timeZone).getTime();
    const e = Math.min(end, Math.max(next, s + 1));
    out.push({ day: civilKey(date), start: s, end: e });
    s = e;
  }
  return out;
}

function nightSchedule(timeZone: string): WeeklySchedule {
  return { timeZone, days: Array.from({ length: 7 }, () => [{ ...LATE_NIGHT }]), holidays: [] };
}

/** The parts of [start, end) between 22:00 and 05:00, each with the day its night started. */
export function lateNightParts(start: number, end: number, timeZone: string): Array<Span & { day: string }> {
  // Look back far enough that a night already under way is seen from its 22:00 start.
  return workingSpans(nightSchedule(timeZone), start, end, 8 * HOUR).flatMap((night) => {
    const s = Math.max(night.start, start);
    const e = Math.min(night.end, end);
    return e > s ? [{ day: localDayKey(new Date(night.start), timeZone), start: s, end: e }] : [];
  });
}

export interface FoldState {
  days: Map<string, DayAggregate>;
  stretch: Stretch | null;
}

/**
 * Fold closed intervals into `state` (mutated) and return the days that changed. Intervals may
 * come in any order; stretches join spans less than STRETCH_GAP_MS apart.
 */
export function foldIntervals(state: FoldState, intervals: readonly ActiveInterval[], schedule: WeeklySchedule): Set<string> {
  const tz = schedule.timeZone;
  const touched = new Set<string>();
  const dayOf = (key: string): DayAggregate => {
    let d = state.days.get(key);
    if (!d) {
      d = emptyDay(key);
      state.days.set(key, d);
    }
    touched.add(key);
    return d;
  };
  const addTo = (day: string, platform: ActiveInterval['platform'], field: 'inHoursMs' | 'afterHoursMs', ms: number) => {
    const d = dayOf(day);
    const p = d.platforms[platform] ?? { inHoursMs: 0, afterHoursMs: 0 };
    p[field] += ms;
    d.platforms[platform] = p;
  };
  const noteStretch = (st: Stretch) => {
    const d = dayOf(st.day);
    d.longestAfterHoursMs = Math.max(d.longestAfterHoursMs, st.end - st.start);
  };

  for (const iv of [...intervals].sort((a, b) => a.start - b.start)) {
    if (iv.end <= iv.start) continue;
    const { inHours, afterHours } = splitByWork(schedule, iv.start, iv.end);
    for (const span of inHours) {
      for (const part of splitByDay(span.start, span.end, tz)) addTo(part.day, iv.platform, 'inHoursMs', part.end - part.start);
    }
    for (const span of afterHours) {
      for (const part of splitByDay(span.start, span.end, tz)) addTo(part.day, iv.platform, 'afterHoursMs', part.end - part.start);
      const st = state.stretch;
      if (st && span.start <= st.end + STRETCH_GAP_MS && span.end >= st.start - STRETCH_GAP_MS) {
        const start = Math.min(st.start, span.start);
        state.stretch = { day: start < st.start ? localDayKey(new Date(start), tz) : st.day, start, end: Math.max(st.end, span.end) };
        noteStretch(state.stretch);
      } else if (st && span.end < st.start) {
        // An older span arriving late: it stands alone and must not replace the live stretch.
        noteStretch({ day: localDayKey(new Date(span.start), tz), start: span.start, end: span.end });
      } else {
        state.stretch = { day: localDayKey(new Date(span.start), tz), start: span.start, end: span.end };
        noteStretch(state.stretch);
      }
    }
    for (const part of lateNightParts(iv.start, iv.end, tz)) dayOf(part.day).lateNightMs += part.end - part.start;
  }
  return touched;
}

/** The oldest day key still kept on `today`; older aggregates are pruned. */
export function retentionCutoff(today: string): string {
  const [y, m, d] = today.split('-').map(Number);
  return civilKey(addDays({ year: y ?? 1970, month: m ?? 1, day: d ?? 1 }, -(USAGE_RETENTION_DAYS - 1)));
}
