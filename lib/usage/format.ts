/** Display formatting for usage figures: durations, percentages, days and times, per locale. */
import type { Translator } from '../i18n';
import { localDayKey } from '../time/zoned';

// Intl formatters are costly to build (the popup formats ~60 values per render): keep them.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

/** "under 1 min", "25 min", "2 h", "3 h 5 min"; minutes are floored so nothing is overstated. */
export function formatDuration(ms: number, { t, locale }: Pick<Translator, 't' | 'locale'>): string {
  const totalMinutes = Math.floor(Math.max(0, ms) / 60_000);
  if (ms > 0 && totalMinutes === 0) return t('usage.duration.underMinute');
  const n = numberFormat(locale);
  const h = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  const m = n.format(minutes);
  if (h === 0) return t('usage.duration.minutes', { m });
  if (minutes === 0) return t('usage.duration.hoursOnly', { h: n.format(h) });
  return t('usage.duration.hours', { h: n.format(h), m });
}

export function formatPercent(ratio: number, locale: string): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(Math.abs(ratio));
}

const MS_DAY = 86_400_000;

/** A day key ("2026-11-26") as a short weekday and date, e.g. "Thu 26". */
export function formatDay(day: string, locale: string, style: 'short' | 'long' = 'short'): string {
  const [y, m, d] = day.split('-').map(Number);
  // Noon UTC of that calendar date, formatted in UTC, shows the same date everywhere.
  const at = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12));
  return dateFormat(locale, style === 'short' ? { weekday: 'short', day: 'numeric', timeZone: 'UTC' } : { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(at);
}

/** A short date ("26 Nov") for trend ranges. */
export function formatShortDate(day: string, locale: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return dateFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12)));
}

/** A shift boundary in the schedule's zone: the time alone today, else weekday (and date) and time. */
export function formatShiftStart(at: number, now: number, timeZone: string, locale: string): string {
  const sameDay = localDayKey(new Date(at), timeZone) === localDayKey(new Date(now), timeZone);
  const withinWeek = at - now < 6 * MS_DAY;
  return dateFormat(locale, {
    ...(sameDay ? {} : withinWeek ? { weekday: 'long' } : { weekday: 'long', month: 'long', day: 'numeric' }),
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  }).format(new Date(at));
}

/** Relative change of `current` against `previous`, or null when there is nothing to compare. */
export function changeRatio(current: number, previous: number): number | null {
  if (previous <= 0) return null;
  return (current - previous) / previous;
}
