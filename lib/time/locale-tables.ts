/**
 * Per-locale word tables derived from Intl, so the parser reads exactly what the engine (and the
 * platforms, which format with the same CLDR data) prints: month and weekday names, AM/PM marks,
 * day-first or month-first numeric dates, "yesterday"-style words and relative-time patterns.
 * Built once per locale tag and cached; merged with the hand tables of lexicon.ts.
 */
import { fold, foldWord } from './fold';
import { lexiconsFor, RELATIVE_UNITS, type RelativeUnit } from './lexicon';

export interface LocaleTables {
  /** Resolved BCP 47 tag actually used for Intl. */
  locale: string;
  language: string;
  months: Map<string, number>;
  weekdays: Map<string, number>;
  am: Set<string>;
  pm: Set<string>;
  /** Order of numeric date fields, e.g. ['month', 'day', 'year'] for en-US. */
  numericOrder: ('day' | 'month' | 'year')[];
  /** Whether a yearless numeric date puts the day first ("27/10" in sv, "10/27" in en-US). */
  dayFirstWithoutYear: boolean;
  /** Day words ("yesterday", "أول أمس") → day offset. */
  dayWords: Map<string, number>;
  /** Whole phrases meaning now. */
  nowWords: Set<string>;
  /** Exact relative phrases without a digit ("last week", "قبل ساعتين") → amount and unit. */
  relativeExact: Map<string, { amount: number; unit: RelativeUnit }>;
  /** Relative patterns around a number: `${before}\u0000${after}` → unit. */
  relativeTemplates: Map<string, RelativeUnit>;
  /** Unit words that may follow a number. */
  unitWords: Map<string, RelativeUnit>;
  dualWords: Map<string, RelativeUnit>;
  oneWords: Set<string>;
  oneAfterWords: Set<string>;
  agoBefore: string[];
  agoAfter: string[];
  connectors: Set<string>;
  /** Characters between hours and minutes (":" everywhere, "." in e.g. Indonesian). */
  timeSeparators: Set<string>;
}

const cache = new Map<string, LocaleTables>();

/** Reference instants: a Sunday (2024-01-07) and the months of 2024, at noon UTC. */
const SUNDAY = Date.UTC(2024, 0, 7, 12);
const MS_PER_DAY = 86_400_000;

function resolveLocale(tag: string): string {
  try {
    return new Intl.DateTimeFormat(tag).resolvedOptions().locale;
  } catch {
    return 'en';
  }
}

function setIfAbsent<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (!map.has(key)) map.set(key, value);
}

function partOf(fmt: Intl.DateTimeFormat, at: number, type: Intl.DateTimeFormatPartTypes): string | null {
  return fmt.formatToParts(at).find((p) => p.type === type)?.value ?? null;
}

/** Sample amounts covering every plural category of the supported languages. */
const SAMPLE_AMOUNTS = [0, 1, 2, 3, 5, 11, 21, 100, 101, 102, 1000];

function addNameTables(t: LocaleTables, locale: string): void {
  const monthPrefixes = new Map<string, Set<number>>();
  const weekdayPrefixes = new Map<string, Set<number>>();
  const note = (map: Map<string, Set<number>>, name: string, value: number): void => {
    // Latin-script abbreviations vary between ICU versions and sites ("Sep"/"Sept",
    // "mié"/"mie"): a three-letter prefix of a name is accepted when no other name shares it.
    const m = /^\p{Script=Latin}{4,}/u.exec(name);
    if (!m) return;
    const prefix = m[0].slice(0, 3);
    map.set(prefix, (map.get(prefix) ?? new Set()).add(value));
  };
  for (const width of ['long', 'short'] as const) {
    const standalone = new Intl.DateTimeFormat(locale, { month: width, timeZone: 'UTC' });
    const inDate = new Intl.DateTimeFormat(locale, { month: width, day: 'numeric', timeZone: 'UTC' });
    const weekday = new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' });
    const weekdayInDate = new Intl.DateTimeFormat(locale, {
      weekday: width,
      day: 'numeric',
      month: 'long',
      timeZone: 'UTC',
    });
    for (let m = 0; m < 12; m++) {
      const at = Date.UTC(2024, m, 15, 12);
      for (const fmt of [standalone, inDate]) {
        const name = partOf(fmt, at, 'month');
        if (!name || /\d/.test(name)) continue;
        setIfAbsent(t.months, foldWord(name), m + 1);
        note(monthPrefixes, foldWord(name), m + 1);
      }
    }
    for (let d = 0; d < 7; d++) {
      const at = SUNDAY + d * MS_PER_DAY;
      for (const fmt of [weekday, weekdayInDate]) {
        const raw = partOf(fmt, at, 'weekday');
        if (!raw) continue;
        const name = foldWord(raw);
        setIfAbsent(t.weekdays, name, d);
        note(weekdayPrefixes, name, d);
        // "quarta-feira" is also written "quarta".
        const dash = name.indexOf('-');
        if (dash > 0) setIfAbsent(t.weekdays, name.slice(0, dash), d);
      }
    }
  }
  for (const [prefix, values] of monthPrefixes) {
    const [only] = values;
    if (values.size === 1 && only !== undefined) setIfAbsent(t.months, prefix, only);
  }
  for (const [prefix, values] of weekdayPrefixes) {
    const [only] = values;
    if (values.size === 1 && only !== undefined) setIfAbsent(t.weekdays, prefix, only);
  }
}

function addDayPeriods(t: LocaleTables, locale: string): void {
  const fmt = new Intl.DateTimeFormat(locale, { hour: 'numeric', hour12: true, timeZone: 'UTC' });
  const am = partOf(fmt, Date.UTC(2024, 0, 1, 3), 'dayPeriod');
  const pm = partOf(fmt, Date.UTC(2024, 0, 1, 15), 'dayPeriod');
  if (am) t.am.add(foldWord(am));
  if (pm) t.pm.add(foldWord(pm));
}

function addNumericOrder(t: LocaleTables, locale: string): void {
  const parts = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    timeZone: 'UTC',
  }).formatToParts(Date.UTC(2024, 10, 22));
  const order = parts
    .map((p) => p.type)
    .filter((x): x is 'day' | 'month' | 'year' => x === 'day' || x === 'month' || x === 'year');
  if (order.length === 3) t.numericOrder = order;
  // Without a year some locales switch order (Swedish: "2024-11-22" but "22/11").
  const short = new Intl.DateTimeFormat(locale, { month: 'numeric', day: 'numeric', timeZone: 'UTC' })
    .formatToParts(Date.UTC(2024, 10, 22))
    .map((p) => p.type);
  t.dayFirstWithoutYear = short.indexOf('day') < short.indexOf('month');
}

function addRelative(t: LocaleTables, locale: string): void {
  for (const style of ['long', 'short', 'narrow'] as const) {
    const auto = new Intl.RelativeTimeFormat(locale, { style, numeric: 'auto' });
    const always = new Intl.RelativeTimeFormat(locale, { style, numeric: 'always' });
    for (const unit of RELATIVE_UNITS) {
      for (const amount of SAMPLE_AMOUNTS) {
        const alwaysParts = always.formatToParts(-amount, unit);
        const autoText = fold(auto.format(-amount, unit));
        if (autoText !== fold(always.format(-amount, unit))) {
          // A named form ("yesterday", "last week", "now"): days are calendar days.
          if (amount === 0 && unit === 'second') t.nowWords.add(autoText);
          else if (unit === 'day') setIfAbsent(t.dayWords, autoText, -amount);
          else if (amount !== 0) setIfAbsent(t.relativeExact, autoText, { amount, unit });
        }
        addRelativeParts(t, alwaysParts, amount, unit);
      }
    }
  }
}

function addRelativeParts(
  t: LocaleTables,
  parts: Intl.RelativeTimeFormatPart[],
  amount: number,
  unit: RelativeUnit,
): void {
  const numberIndex = parts.findIndex((p) => p.type !== 'literal');
  if (numberIndex < 0) {
    // No digits: Arabic "قبل ساعتين" (two hours), "قبل يوم واحد" (one day).
    setIfAbsent(t.relativeExact, fold(parts.map((p) => p.value).join('')), { amount, unit });
    return;
  }
  const before = fold(
    parts
      .slice(0, numberIndex)
      .map((p) => p.value)
      .join(''),
  );
  // The number may span several parts (integer, group, integer).
  let after = numberIndex;
  while (after < parts.length && parts[after]?.type !== 'literal') after++;
  const rest = fold(
    parts
      .slice(after)
      .map((p) => p.value)
      .join(''),
  );
  setIfAbsent(t.relativeTemplates, `${before}\u0000${rest}`, unit);
}

function addUnitWords(t: LocaleTables, locale: string): void {
  for (const unitDisplay of ['long', 'short', 'narrow'] as const) {
    for (const unit of RELATIVE_UNITS) {
      const fmt = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay });
      for (const amount of SAMPLE_AMOUNTS) {
        for (const p of fmt.formatToParts(amount)) {
          if (p.type !== 'unit') continue;
          const word = foldWord(p.value);
          // A word naming two units (e.g. "m" = minute and month) is left to the hand tables.
          if (t.unitWords.has(word) && t.unitWords.get(word) !== unit) continue;
          t.unitWords.set(word, unit);
        }
      }
    }
  }
}

/**
 * Words Intl itself puts between date and time fields ("at", "à", "um", "a las", "في", "alle
 * ore", "om" …): skipping them is safe because the fields around them are still checked.
 */
function addConnectors(t: LocaleTables, locale: string): void {
  const sample = Date.UTC(2024, 10, 22, 15, 4, 5);
  const optionSets: Intl.DateTimeFormatOptions[] = [
    { dateStyle: 'full', timeStyle: 'short' },
    { dateStyle: 'long', timeStyle: 'short' },
    { dateStyle: 'medium', timeStyle: 'medium' },
    { dateStyle: 'short', timeStyle: 'short' },
    { weekday: 'short', hour: 'numeric', minute: '2-digit' },
    { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  ];
  for (const options of optionSets) {
    for (const part of new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).formatToParts(sample)) {
      if (part.type !== 'literal') continue;
      for (const word of foldWord(part.value).split(/[\s,;:()/·-]+/)) {
        if (/\p{L}/u.test(word) && !/\d/.test(word)) t.connectors.add(word);
      }
    }
  }
  const clock = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).formatToParts(sample);
  const hourAt = clock.findIndex((p) => p.type === 'hour');
  const sep = clock[hourAt + 1];
  if (sep?.type === 'literal' && clock[hourAt + 2]?.type === 'minute') {
    const c = sep.value.trim();
    if (c === '.' || c === ':') t.timeSeparators.add(c);
  }
}

function build(tag: string): LocaleTables {
  const locale = resolveLocale(tag);
  const language = (locale.split('-')[0] ?? 'en').toLowerCase();
  const t: LocaleTables = {
    locale,
    language,
    months: new Map(),
    weekdays: new Map(),
    am: new Set(),
    pm: new Set(),
    numericOrder: ['day', 'month', 'year'],
    dayFirstWithoutYear: true,
    dayWords: new Map(),
    nowWords: new Set(),
    relativeExact: new Map(),
    relativeTemplates: new Map(),
    unitWords: new Map(),
    dualWords: new Map(),
    oneWords: new Set(),
    oneAfterWords: new Set(),
    agoBefore: [],
    agoAfter: [],
    connectors: new Set(),
    timeSeparators: new Set([':']),
  };
  // Hand tables first: they hold the platform short forms ("m" = minute) that must win over
  // Intl's rarer readings; then Intl for the page locale, then English as a fallback.
  for (const lex of lexiconsFor(language)) {
    for (const [w, u] of Object.entries(lex.units)) setIfAbsent(t.unitWords, w, u);
    for (const [w, u] of Object.entries(lex.duals)) setIfAbsent(t.dualWords, w, u);
    for (const [w, n] of Object.entries(lex.days)) setIfAbsent(t.dayWords, w, n);
    lex.one.forEach((w) => t.oneWords.add(w));
    lex.oneAfter.forEach((w) => t.oneAfterWords.add(w));
    lex.now.forEach((w) => t.nowWords.add(w));
    lex.connectors.forEach((w) => t.connectors.add(w));
    t.agoBefore.push(...lex.agoBefore);
    t.agoAfter.push(...lex.agoAfter);
  }
  const intlLocales = language === 'en' ? [locale] : [locale, 'en'];
  for (const l of intlLocales) {
    addNameTables(t, l);
    addDayPeriods(t, l);
    addRelative(t, l);
    addUnitWords(t, l);
    addConnectors(t, l);
  }
  addNumericOrder(t, locale);
  // Longest markers first so "il y a" wins over shorter overlaps.
  t.agoBefore.sort((a, b) => b.length - a.length);
  t.agoAfter.sort((a, b) => b.length - a.length);
  return t;
}

/** Cached tables for a BCP 47 tag; unknown or malformed tags fall back to English. */
export function tablesFor(tag: string): LocaleTables {
  const key = tag.trim().toLowerCase() || 'en';
  let t = cache.get(key);
  if (!t) {
    t = build(key);
    cache.set(key, t);
  }
  return t;
}
