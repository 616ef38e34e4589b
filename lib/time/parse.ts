/**
 * Visible timestamp text → instant (DESIGN §3). Relative forms ("2h", "3 days ago", "hace 2
 * horas", "منذ ساعتين") count back from `now`; absolute forms ("2:30 PM", "Nov 12", "12/11/2025",
 * "Yesterday 10:32", "Nov 12, 2025, 3:04 PM") are wall-clock times in `timeZone`. Text that is
 * unknown, impossible or in the future is null — callers fall back to first-seen times, they
 * never get a guess.
 *
 * Date-only forms ("Yesterday", "Monday", "Nov 12") resolve to the first instant of that local
 * day; `parseTimestampDetailed` reports the precision so callers can tell.
 */
import { AM_WORDS, ORDINAL_SUFFIX, PM_WORDS, SEPARATORS, type RelativeUnit } from './lexicon';
import { escapeRegExp, fold, foldWord } from './fold';
import { tablesFor, type LocaleTables } from './locale-tables';
import { parseMachineTime } from './machine';
import {
  addDays,
  addWallDays,
  addWallMonths,
  civilDateOf,
  isValidCivilDate,
  isValidTimeZone,
  weekdayOf,
  zonedToInstant,
  type CivilDate,
} from './zoned';

export interface ParseOptions {
  /** BCP 47 tag of the page (`<html lang>`): "en", "es-419", "pt-BR", "ar-SA" … */
  locale: string;
  now: Date;
  /** IANA zone the page shows wall-clock times in (the browser's). */
  timeZone: string;
}

export type Precision = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

export interface ParsedTimestamp {
  at: Date;
  precision: Precision;
  kind: 'machine' | 'relative' | 'absolute';
}

/** Clock skew allowed between the page and this device before a time counts as "future". */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;
const MAX_TEXT_LENGTH = 200;
const MIN_YEAR = 1970;

/** Parses visible timestamp text; null when unknown, impossible or in the future. */
export function parseTimestamp(text: string, opts: ParseOptions): Date | null {
  return parseTimestampDetailed(text, opts)?.at ?? null;
}

export function parseTimestampDetailed(text: string, opts: ParseOptions): ParsedTimestamp | null {
  if (typeof text !== 'string' || text.length > MAX_TEXT_LENGTH) return null;
  const nowMs = opts.now instanceof Date ? opts.now.getTime() : Number.NaN;
  if (!Number.isFinite(nowMs) || !isValidTimeZone(opts.timeZone)) return null;
  const trimmed = text.trim();
  if (trimmed.length === 0) return null;

  const machine = parseMachineTime(trimmed, { timeZone: opts.timeZone });
  const tables = tablesFor(typeof opts.locale === 'string' ? opts.locale : 'en');
  const result: ParsedTimestamp | null = machine
    ? { at: machine, precision: 'second', kind: 'machine' }
    : parseRelative(trimmed, tables, opts) ?? parseAbsolute(trimmed, tables, opts);
  if (!result) return null;
  const at = result.at.getTime();
  if (!Number.isFinite(at) || at > nowMs + FUTURE_TOLERANCE_MS) return null;
  if (new Date(at).getUTCFullYear() < MIN_YEAR) return null;
  return result;
}

// ---------------------------------------------------------------------------------------------
// Relative forms

/** Drops "(edited)"-style notes and separators around the time. */
function clean(text: string): string {
  return fold(text.replace(/\([^)]*\)/g, ' '))
    .replace(/^[\s·•|,]+|[\s·•|,]+$/g, '')
    .trim();
}

function subtract(now: Date, amount: number, unit: RelativeUnit, timeZone: string): Date {
  switch (unit) {
    case 'second':
      return new Date(now.getTime() - amount * 1000);
    case 'minute':
      return new Date(now.getTime() - amount * 60_000);
    case 'hour':
      return new Date(now.getTime() - amount * 3_600_000);
    case 'day':
      return addWallDays(now, -amount, timeZone);
    case 'week':
      return addWallDays(now, -7 * amount, timeZone);
    case 'month':
      return addWallMonths(now, -amount, timeZone);
    case 'year':
      return addWallMonths(now, -12 * amount, timeZone);
  }
}

const MAX_AMOUNT = 100_000;

function relative(amount: number, unit: RelativeUnit, opts: ParseOptions): ParsedTimestamp | null {
  if (!Number.isInteger(amount) || amount < 0 || amount > MAX_AMOUNT) return null;
  return { at: subtract(opts.now, amount, unit, opts.timeZone), precision: unit, kind: 'relative' };
}

function parseRelative(text: string, t: LocaleTables, opts: ParseOptions): ParsedTimestamp | null {
  const s = clean(text);
  if (s.length === 0) return null;
  const bare = s.replace(/\.$/, '');
  if (t.nowWords.has(s) || t.nowWords.has(bare)) {
    return { at: new Date(opts.now.getTime()), precision: 'second', kind: 'relative' };
  }
  const exact = t.relativeExact.get(s) ?? t.relativeExact.get(bare);
  if (exact) return relative(exact.amount, exact.unit, opts);

  // Intl's own patterns around a single number ("hace 2 horas", "-2 h", "2 hr. ago").
  const numbers = [...s.matchAll(/\d+/g)];
  const only = numbers.length === 1 ? numbers[0] : undefined;
  if (only && only.index !== undefined) {
    const before = s.slice(0, only.index).trim();
    const after = s.slice(only.index + only[0].length).trim();
    const unit = t.relativeTemplates.get(`${before}\u0000${after}`);
    if (unit) return relative(Number(only[0]), unit, opts);
  }
  return parseRelativeGrammar(s, t, opts);
}

/** Hand grammar: [ago] (number | "an" | dual | ∅) unit ["one"] [ago], plus "-2 h". */
function parseRelativeGrammar(s: string, t: LocaleTables, opts: ParseOptions): ParsedTimestamp | null {
  let rest = ` ${s.replace(/\./g, ' ').replace(/(\d)(\p{L})/gu, '$1 $2').replace(/\s+/g, ' ').trim()} `;
  let marked = false;
  for (const marker of t.agoBefore) {
    if (rest.startsWith(` ${marker} `)) {
      rest = rest.slice(marker.length + 1);
      marked = true;
      break;
    }
  }
  if (!marked) {
    for (const marker of t.agoAfter) {
      if (rest.endsWith(` ${marker} `)) {
        rest = rest.slice(0, rest.length - marker.length - 1);
        marked = true;
        break;
      }
    }
  }
  if (!marked && rest.startsWith(' -')) {
    rest = ` ${rest.slice(2)}`;
    marked = true;
  }
  const tokens = rest.trim().split(' ').filter((x) => x.length > 0);
  if (tokens.length === 0 || tokens.length > 3) return null;

  let amount: number | null = null;
  let i = 0;
  const first = tokens[0] ?? '';
  if (/^\d+$/.test(first)) {
    amount = Number(first);
    i = 1;
  } else if (t.oneWords.has(first) && tokens.length > 1) {
    amount = 1;
    i = 1;
  }
  const unitToken = tokens[i];
  if (unitToken === undefined) return null;
  const dual = t.dualWords.get(unitToken);
  if (dual) {
    return amount === null && i + 1 === tokens.length ? relative(2, dual, opts) : null;
  }
  const unit = t.unitWords.get(unitToken);
  if (!unit) return null;
  const tail = tokens.slice(i + 1);
  if (tail.length === 1 && t.oneAfterWords.has(tail[0] ?? '')) {
    if (amount !== null && amount !== 1) return null;
    amount = 1;
  } else if (tail.length > 0) {
    return null;
  }
  // "ساعه" alone means nothing; "قبل ساعه" (an hour ago) has a marker.
  if (amount === null) amount = marked ? 1 : null;
  return amount === null ? null : relative(amount, unit, opts);
}

// ---------------------------------------------------------------------------------------------
// Absolute forms

interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
  hasSeconds: boolean;
}

interface AbsoluteRegexes {
  /** "3 PM", "3pm": an hour followed by an AM/PM word. */
  bareHour: RegExp;
  /** AM/PM right after a time, or right before it (some locales put it first). */
  periodAfter: RegExp;
  periodBefore: RegExp;
  /** The locale's day words, longest first. */
  dayWord: RegExp;
  /** "15:04", "3:04:05"; "14.57" where the locale writes clocks with a dot. */
  clock: RegExp;
  /** Month and weekday names of several words ("יום רביעי"), longest first; null if none. */
  multiWordNames: RegExp | null;
}

const regexCache = new WeakMap<LocaleTables, AbsoluteRegexes>();

/** Regexes built once per locale: AM/PM words with optional dots and inner spaces ("p. m."). */
function regexesFor(t: LocaleTables): AbsoluteRegexes {
  let r = regexCache.get(t);
  if (!r) {
    const words = [...t.am, ...t.pm, ...AM_WORDS, ...PM_WORDS]
      .map((w) => w.replace(/\s+/g, ''))
      .filter((w) => w.length > 0);
    const unique = [...new Set(words)].sort((a, b) => b.length - a.length);
    const period = unique.map((w) => [...w].map((c) => escapeRegExp(c)).join('\\.?\\s?') + '\\.?').join('|');
    const days = [...t.dayWords.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
    const multi = [...t.months.keys(), ...t.weekdays.keys()]
      .filter((w) => w.includes(' '))
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp);
    r = {
      multiWordNames: multi.length > 0 ? new RegExp(`(?<=^|[\\s,])(?:${multi.join('|')})(?=$|[\\s,.])`, 'gu') : null,
      bareHour: new RegExp(`(?<![\\d:/.])(\\d{1,2})\\s?(?=(?:${period})(?:$|[\\s,;)]))`, 'u'),
      periodAfter: new RegExp(`^\\s?(${period})(?=$|[\\s,;·)])`, 'u'),
      periodBefore: new RegExp(`(?:^|\\s)(${period})\\s?$`, 'u'),
      dayWord: new RegExp(`(?<=[\\s,])(?:${days})\\.?(?=[\\s,])`, 'gu'),
      clock: t.timeSeparators.has('.')
        ? /(?<![\d:/.])(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?![\d:/.])/g
        : /(?<![\d:/.])(\d{1,2}):(\d{2})(?::(\d{2}))?(?![\d:/])/g,
    };
    regexCache.set(t, r);
  }
  return r;
}

function periodOf(word: string, t: LocaleTables): 'am' | 'pm' | null {
  const w = foldWord(word).replace(/\s+/g, '');
  const am = [...t.am, ...AM_WORDS].map((x) => x.replace(/\s+/g, ''));
  const pm = [...t.pm, ...PM_WORDS].map((x) => x.replace(/\s+/g, ''));
  if (am.includes(w)) return 'am';
  if (pm.includes(w)) return 'pm';
  return null;
}

interface Extracted<T> {
  value: T;
  rest: string;
}

/** Finds the one time of day in `s`; null value when none; undefined when invalid/ambiguous. */
function extractTime(s: string, t: LocaleTables): Extracted<TimeOfDay | null> | undefined {
  const re = regexesFor(t);
  // Where clocks use dots, "27.10" is a date, not a time: only plausible times count.
  const clock = [...s.matchAll(re.clock)].filter(
    (m) => m[0].includes(':') || (Number(m[1]) <= 23 && Number(m[2]) <= 59 && Number(m[3] ?? '0') <= 59),
  );
  let hour: number;
  let minute = 0;
  let second = 0;
  let hasSeconds = false;
  let start: number;
  let end: number;
  if (clock.length > 1) return undefined;
  const match = clock[0];
  if (match && match.index !== undefined) {
    hour = Number(match[1]);
    minute = Number(match[2]);
    hasSeconds = match[3] !== undefined;
    second = Number(match[3] ?? '0');
    start = match.index;
    end = start + match[0].length;
  } else {
    // "3 PM", "3pm"; French (Canada) "15 h 04", "15 h 04 min 31 s".
    const bareHour = re.bareHour.exec(s);
    const frenchH = t.language === 'fr' ? /(?<![\d:/.])(\d{1,2}) ?h ?(\d{2})(?: ?min ?(\d{2}) ?s)?(?!\d)/.exec(s) : null;
    if (frenchH) {
      hour = Number(frenchH[1]);
      minute = Number(frenchH[2]);
      hasSeconds = frenchH[3] !== undefined;
      second = Number(frenchH[3] ?? '0');
      start = frenchH.index;
      end = start + frenchH[0].length;
    } else if (bareHour) {
      hour = Number(bareHour[1]);
      start = bareHour.index;
      end = start + bareHour[0].length;
    } else {
      return /\d:\d/.test(s) ? undefined : { value: null, rest: s };
    }
  }

  let rest = `${s.slice(0, start)} ${s.slice(end)}`;
  // AM/PM right after the time, or right before it (some locales put it first).
  const after = re.periodAfter.exec(s.slice(end));
  const before = re.periodBefore.exec(s.slice(0, start));
  let pm: 'am' | 'pm' | null = null;
  if (after?.[1]) {
    pm = periodOf(after[1], t);
    rest = `${s.slice(0, start)} ${s.slice(end + after[0].length)}`;
  } else if (before?.[1]) {
    pm = periodOf(before[1], t);
    rest = `${s.slice(0, before.index)} ${s.slice(end)}`;
  }
  if (minute > 59 || second > 59) return undefined;
  if (pm) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (pm === 'pm' ? 12 : 0);
  } else if (hour > 23) {
    return undefined;
  }
  return { value: { hour, minute, second, hasSeconds }, rest };
}

interface DateParts {
  year: number | null;
  month: number;
  day: number;
}

function expandYear(n: number, digits: number, nowYear: number): number {
  if (digits === 4) return n;
  if (digits !== 2) return Number.NaN;
  const y = 2000 + n;
  return y > nowYear + 1 ? y - 100 : y;
}

/** "12/11/2025", "12.11.25", "2025-11-12", "11/12", "11-26": in the locale's field order. */
function extractNumericDate(s: string, t: LocaleTables, nowYear: () => number): Extracted<DateParts | null> | undefined {
  const three = [...s.matchAll(/(?<![\d/.-])(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})(?![\d/-])/g)];
  const two = [...s.matchAll(/(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})(?![\d/-]|\.\d)/g)];
  if (three.length + two.length === 0) return { value: null, rest: s };
  if (three.length + two.length > 1) return undefined;
  const m = three[0] ?? two[0];
  if (!m || m.index === undefined) return undefined;
  const rest = `${s.slice(0, m.index)} ${s.slice(m.index + m[0].length)}`;
  const a = m[1] ?? '';
  const b = m[3] ?? '';
  const c = m[4];
  if (c === undefined) {
    const [day, month] = t.dayFirstWithoutYear ? [Number(a), Number(b)] : [Number(b), Number(a)];
    return { value: { year: null, month, day }, rest };
  }
  if (a.length === 4) {
    return { value: { year: Number(a), month: Number(b), day: Number(c) }, rest };
  }
  const fields: Record<'day' | 'month' | 'year', string> = { day: '', month: '', year: '' };
  t.numericOrder.forEach((field, i) => (fields[field] = [a, b, c][i] ?? ''));
  const year = expandYear(Number(fields.year), fields.year.length, nowYear());
  return { value: { year, month: Number(fields.month), day: Number(fields.day) }, rest };
}

/** Removes the one day word ("yesterday", "avant-hier", "أول أمس") if there is one. */
function extractDayWord(s: string, t: LocaleTables): Extracted<number | null> | undefined {
  const padded = ` ${s} `;
  const matches = [...padded.matchAll(regexesFor(t).dayWord)];
  if (matches.length > 1) return undefined;
  const m = matches[0];
  if (!m || m.index === undefined) return { value: null, rest: s };
  // The key may end in a dot itself ("wcz.", "toissap."), or the page added one.
  const value = t.dayWords.get(m[0]) ?? t.dayWords.get(m[0].replace(/\.$/, ''));
  if (value === undefined) return undefined;
  return { value, rest: `${padded.slice(0, m.index)} ${padded.slice(m.index + m[0].length)}`.trim() };
}

function parseAbsolute(text: string, t: LocaleTables, opts: ParseOptions): ParsedTimestamp | null {
  const { now, timeZone } = opts;
  // Only some forms need today's date; reading it costs an Intl call.
  let todayMemo: CivilDate | null = null;
  const today = (): CivilDate => (todayMemo ??= civilDateOf(now, timeZone));
  let s = fold(text.replace(/\([^)]*\)/g, ' '));

  const time = extractTime(s, t);
  if (!time) return null;
  s = time.rest;
  const numeric = extractNumericDate(s, t, () => today().year);
  if (!numeric) return null;
  s = numeric.rest.replace(SEPARATORS, ' ').replace(/\s-\s/g, ' ');
  const dayWord = extractDayWord(s, t);
  if (!dayWord) return null;
  s = dayWord.rest;

  // Names of several words become one token ("יום רביעי" → "יום_רביעי").
  const multi = regexesFor(t).multiWordNames;
  if (multi) s = s.replace(multi, (name) => name.replace(/ /g, '_'));

  let month: number | null = null;
  let weekday: number | null = null;
  let ambiguous: { month: number; weekday: number } | null = null;
  const numbers: string[] = [];
  for (const raw of s.split(/\s+/)) {
    const token = raw.replace(/^[.,;:]+|[.,;:]+$/g, '');
    if (token.length === 0 || t.connectors.has(token)) continue;
    if (/^\d+$/.test(token)) {
      numbers.push(token);
      continue;
    }
    const ordinal = ORDINAL_SUFFIX.exec(token);
    if (ordinal?.[1]) {
      numbers.push(ordinal[1]);
      continue;
    }
    const word = foldWord(token).replace(/_/g, ' ');
    const asMonth = t.months.get(word);
    const asWeekday = t.weekdays.get(word);
    if (asMonth !== undefined && asWeekday !== undefined) {
      if (ambiguous) return null;
      ambiguous = { month: asMonth, weekday: asWeekday };
    } else if (asMonth !== undefined) {
      if (month !== null) return null;
      month = asMonth;
    } else if (asWeekday !== undefined) {
      if (weekday !== null) return null;
      weekday = asWeekday;
    } else {
      return null;
    }
  }
  // "mar" is March and Tuesday in Spanish: it is the month when a day number goes with it.
  if (ambiguous) {
    if (month === null && numbers.length > 0) month = ambiguous.month;
    else if (weekday === null) weekday = ambiguous.weekday;
    else return null;
  }

  let date: DateParts | null = numeric.value;
  if (month !== null) {
    if (date) return null;
    const day = numbers.find((n) => n.length <= 2);
    const year = numbers.find((n) => n.length === 4);
    if (day === undefined || numbers.length !== (year === undefined ? 1 : 2)) return null;
    date = { year: year === undefined ? null : Number(year), month, day: Number(day) };
  } else if (numbers.length > 0) {
    return null;
  }

  const tod = time.value;
  const precision: Precision = tod ? (tod.hasSeconds ? 'second' : 'minute') : 'day';
  const at = (d: CivilDate): Date =>
    zonedToInstant(
      { ...d, hour: tod?.hour ?? 0, minute: tod?.minute ?? 0, second: tod?.second ?? 0, millisecond: 0 },
      timeZone,
    );
  const limit = now.getTime() + FUTURE_TOLERANCE_MS;

  if (date) {
    if (dayWord.value !== null) return null;
    let resolved: CivilDate | null = null;
    if (date.year !== null) {
      const d = { year: date.year, month: date.month, day: date.day };
      if (!isValidCivilDate(d)) return null;
      resolved = d;
    } else {
      // No year: the most recent such date that is not in the future (Feb 29 looks back
      // to the last leap year).
      if (!isValidCivilDate({ year: 2024, month: date.month, day: date.day })) return null;
      for (let y = today().year; y >= today().year - 8 && !resolved; y--) {
        const d = { year: y, month: date.month, day: date.day };
        if (isValidCivilDate(d) && at(d).getTime() <= limit) resolved = d;
      }
      if (!resolved) return null;
    }
    if (weekday !== null && weekdayOf(resolved) !== weekday) return null;
    return { at: at(resolved), precision, kind: 'absolute' };
  }
  if (dayWord.value !== null) {
    if (weekday !== null) return null;
    return { at: at(addDays(today(), dayWord.value)), precision, kind: 'absolute' };
  }
  if (weekday !== null) {
    // The most recent past such day (1–7 days back): today's own messages show a time only.
    const back = ((weekdayOf(today()) - weekday + 7) % 7) || 7;
    return { at: at(addDays(today(), -back)), precision, kind: 'absolute' };
  }
  if (tod) return { at: at(today()), precision, kind: 'absolute' };
  return null;
}
