/**
 * Wall-clock time in an IANA zone, without relying on the machine's own zone. Everything here is
 * built on Intl.DateTimeFormat, so DST rules come from the engine's tz database.
 */

/** A calendar date; month 1–12. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** A wall-clock date and time in some zone. */
export interface WallTime extends CivilDate {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/**
 * How to resolve a wall time that happens twice (fall-back) or never (spring-forward gap), as
 * Temporal does: `compatible` = earlier of a repeated time, and for a skipped time the instant
 * the clock would show if it had not jumped (02:30 in a 02:00→03:00 gap becomes 03:30).
 */
export type Disambiguation = 'compatible' | 'earlier' | 'later';

const MS_PER_DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the engine knows `timeZone` (an IANA name such as "Europe/London"). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

// "11/26/2025, 15:13:41": en-US with h23 is a stable shape; format() is ~3× cheaper than
// formatToParts(), which stays as the fallback should an engine print something else.
const EN_US_WALL = /^(\d{1,2})\/(\d{1,2})\/(\d{1,6}),? (\d{1,2}):(\d{2}):(\d{2})$/;

/** The wall-clock fields `at` shows in `timeZone`. Throws RangeError for an unknown zone. */
export function wallTimeOf(at: Date, timeZone: string): WallTime {
  const ms = at.getTime();
  // A scan asks for the same "now" once per row.
  if (last && last.ms === ms && last.timeZone === timeZone) return { ...last.wall };
  const wall = readWallTime(at, timeZone);
  last = { ms, timeZone, wall };
  return { ...wall };
}

let last: { ms: number; timeZone: string; wall: WallTime } | null = null;

function readWallTime(at: Date, timeZone: string): WallTime {
  const ms = at.getTime();
  const millisecond = ((ms % 1000) + 1000) % 1000;
  const f = formatterFor(timeZone);
  const m = EN_US_WALL.exec(f.format(at));
  if (m) {
    const hour = Number(m[4]);
    return {
      year: Number(m[3]),
      month: Number(m[1]),
      day: Number(m[2]),
      hour: hour === 24 ? 0 : hour,
      minute: Number(m[5]),
      second: Number(m[6]),
      millisecond,
    };
  }
  const parts = f.formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes): number => {
    const p = parts.find((x) => x.type === type);
    return p ? Number(p.value) : 0;
  };
  const hour = get('hour');
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: hour === 24 ? 0 : hour,
    minute: get('minute'),
    second: get('second'),
    millisecond,
  };
}

/** UTC milliseconds of a wall time read as if it were UTC. */
export function wallAsUtcMs(w: WallTime): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, w.millisecond);
  return d.getTime();
}

/** The zone's offset from UTC at `atMs`, in ms (e.g. +3_600_000 for CET). */
export function offsetMsAt(atMs: number, timeZone: string): number {
  return wallAsUtcMs(wallTimeOf(new Date(atMs), timeZone)) - atMs;
}

function sameWall(a: WallTime, b: WallTime): boolean {
  return (
    a.year === b.year &&
    a.month === b.month &&
    a.day === b.day &&
    a.hour === b.hour &&
    a.minute === b.minute &&
    a.second === b.second
  );
}

/**
 * The instant at which `timeZone` shows wall time `w`. Offsets are probed a day either side, which
 * covers every real zone (no zone changes its offset twice within 48 hours).
 */
export function zonedToInstant(
  w: WallTime,
  timeZone: string,
  disambiguation: Disambiguation = 'compatible',
): Date {
  const local = wallAsUtcMs(w);
  // Rows of one inbox share days and times: memoise (bounded) so a scan costs map lookups.
  const key = `${timeZone}|${disambiguation}|${local}`;
  const hit = instantCache.get(key);
  if (hit !== undefined) return new Date(hit);
  const result = resolveWall(w, local, timeZone, disambiguation);
  if (instantCache.size >= INSTANT_CACHE_SIZE) instantCache.clear();
  instantCache.set(key, result);
  return new Date(result);
}

const INSTANT_CACHE_SIZE = 20_000;
const instantCache = new Map<string, number>();

function resolveWall(w: WallTime, local: number, timeZone: string, disambiguation: Disambiguation): number {
  const before = offsetMsAt(local - MS_PER_DAY, timeZone);
  const after = offsetMsAt(local + MS_PER_DAY, timeZone);
  const candidates = [...new Set([local - before, local - after])]
    .filter((t) => sameWall(wallTimeOf(new Date(t), timeZone), w))
    .sort((a, b) => a - b);
  const [first, last] = [candidates[0], candidates[candidates.length - 1]];
  if (first !== undefined && last !== undefined) {
    return disambiguation === 'later' ? last : first;
  }
  // A skipped wall time: `before` is the offset in force before the jump.
  return disambiguation === 'earlier' ? local - after : local - before;
}

/** The calendar date `at` falls on in `timeZone`. */
export function civilDateOf(at: Date, timeZone: string): CivilDate {
  const w = wallTimeOf(at, timeZone);
  return { year: w.year, month: w.month, day: w.day };
}

/** Days since 1970-01-01 of a calendar date (proleptic Gregorian). */
export function epochDay(d: CivilDate): number {
  return Math.floor(wallAsUtcMs({ ...d, hour: 0, minute: 0, second: 0, millisecond: 0 }) / MS_PER_DAY);
}

export function civilFromEpochDay(n: number): CivilDate {
  const d = new Date(n * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function addDays(d: CivilDate, n: number): CivilDate {
  return civilFromEpochDay(epochDay(d) + n);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(d: CivilDate): number {
  return (((epochDay(d) + 4) % 7) + 7) % 7;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function isValidCivilDate(d: CivilDate): boolean {
  return (
    Number.isInteger(d.year) &&
    Number.isInteger(d.month) &&
    Number.isInteger(d.day) &&
    d.month >= 1 &&
    d.month <= 12 &&
    d.day >= 1 &&
    d.day <= daysInMonth(d.year, d.month)
  );
}

/** "YYYY-MM-DD" of a calendar date. */
export function civilKey(d: CivilDate): string {
  const y = String(d.year).padStart(4, '0');
  return `${y}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** The local calendar day of `at` in `timeZone`, as "YYYY-MM-DD". */
export function localDayKey(at: Date, timeZone: string): string {
  return civilKey(civilDateOf(at, timeZone));
}

/** The first instant of calendar day `d` in `timeZone` (01:00 where midnight is skipped). */
export function startOfCivilDay(d: CivilDate, timeZone: string): Date {
  return zonedToInstant({ ...d, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
}

/**
 * Same wall time `n` days earlier or later (negative = earlier), DST-correct: "3 days ago" at
 * 10:00 is 10:00 three local days back even across a clock change.
 */
export function addWallDays(at: Date, n: number, timeZone: string): Date {
  const w = wallTimeOf(at, timeZone);
  const d = addDays(w, n);
  return zonedToInstant({ ...w, ...d }, timeZone);
}

/** Same wall time `n` calendar months away, the day clamped to the month's length. */
export function addWallMonths(at: Date, n: number, timeZone: string): Date {
  const w = wallTimeOf(at, timeZone);
  const total = w.year * 12 + (w.month - 1) + n;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const day = Math.min(w.day, daysInMonth(year, month));
  return zonedToInstant({ ...w, year, month, day }, timeZone);
}
