/**
 * What the popup shows (DESIGN §9), computed from daily aggregates: today and the last 7 days
 * after hours against the 7 days before, the 7-day chart, a 4-week trend, late nights, the
 * longest after-hours stretch, the per-platform split and whether the user is on shift now.
 * "This week" is the last 7 days including today, so the comparison is always like for like.
 */
import { z } from 'zod';
import type { WeeklySchedule } from '../time/schemas';
import { currentWorkingEnd, nextWorkingStart } from '../time/schedule';
import { addDays, civilDateOf, civilKey, type CivilDate } from '../time/zoned';
import { PlatformIdSchema, type DayAggregate } from './schemas';

const Ms = z.number().int().nonnegative();
const Day = z.iso.date();

export const DayTotalsSchema = z.strictObject({ day: Day, inHoursMs: Ms, afterHoursMs: Ms });
export type DayTotals = z.infer<typeof DayTotalsSchema>;

export const UsageSummarySchema = z.strictObject({
  now: Ms,
  timeZone: z.string(),
  today: DayTotalsSchema,
  /** The same weekday a week ago, for "vs last week" on today's figure. */
  sameDayLastWeek: DayTotalsSchema,
  week: z.strictObject({ inHoursMs: Ms, afterHoursMs: Ms }),
  lastWeek: z.strictObject({ inHoursMs: Ms, afterHoursMs: Ms }),
  /** The last 7 days, oldest first; the last entry is today. */
  days: z.array(DayTotalsSchema).length(7),
  /** After hours of the last four 7-day weeks, oldest first; the last is this week. */
  trend: z.array(z.strictObject({ from: Day, to: Day, afterHoursMs: Ms })).length(4),
  /** Days in the last 7 with any activity between 22:00 and 05:00. */
  lateNights: z.number().int().min(0).max(7),
  longestStretch: z.strictObject({ ms: Ms, day: Day.nullable() }),
  /** Per platform over the last 7 days, most after-hours first; platforms with no time left out. */
  platforms: z.array(z.strictObject({ platform: PlatformIdSchema, inHoursMs: Ms, afterHoursMs: Ms })),
  /** On shift: until when; off shift: when the next shift starts (null: none scheduled). */
  shift: z.strictObject({ working: z.boolean(), until: Ms.nullable(), nextStart: Ms.nullable() }),
  /** False until any active time was ever recorded (the popup's empty state). */
  hasData: z.boolean(),
});
export type UsageSummary = z.infer<typeof UsageSummarySchema>;

function parseDay(key: string): CivilDate {
  const [year, month, day] = key.split('-').map(Number);
  return { year: year ?? 1970, month: month ?? 1, day: day ?? 1 };
}

/** Day keys from `n - 1` days before `today` up to `today`, oldest first. */
export function lastDays(today: string, n: number): string[] {
  const base = parseDay(today);
  return Array.from({ length: n }, (_, i) => civilKey(addDays(base, i - (n - 1))));
}

function totals(d: DayAggregate | undefined, day: string): DayTotals {
  let inHoursMs = 0;
  let afterHoursMs = 0;
  for (const p of Object.values(d?.platforms ?? {})) {
    inHoursMs += p.inHoursMs;
    afterHoursMs += p.afterHoursMs;
  }
  return { day, inHoursMs, afterHoursMs };
}

const sum = (xs: DayTotals[]) => ({
  inHoursMs: xs.reduce((a, x) => a + x.inHoursMs, 0),
  afterHoursMs: xs.reduce((a, x) => a + x.afterHoursMs, 0),
});

export function summarize(aggregates: Iterable<DayAggregate>, now: number, schedule: WeeklySchedule): UsageSummary {
  const byDay = new Map<string, DayAggregate>();
  let hasData = false;
  for (const a of aggregates) {
    byDay.set(a.day, a);
    if (Object.keys(a.platforms).length > 0) hasData = true;
  }
  const today = civilKey(civilDateOf(new Date(now), schedule.timeZone));
  const keys = lastDays(today, 28);
  const all = keys.map((k) => totals(byDay.get(k), k));
  const week = all.slice(21);
  const weekKeys = keys.slice(21);

  let longest = { ms: 0, day: null as string | null };
  let lateNights = 0;
  const perPlatform = new Map<string, { inHoursMs: number; afterHoursMs: number }>();
  for (const k of weekKeys) {
    const a = byDay.get(k);
    if (!a) continue;
    if (a.lateNightMs > 0) lateNights++;
    if (a.longestAfterHoursMs > longest.ms) longest = { ms: a.longestAfterHoursMs, day: k };
    for (const [platform, p] of Object.entries(a.platforms)) {
      const acc = perPlatform.get(platform) ?? { inHoursMs: 0, afterHoursMs: 0 };
      acc.inHoursMs += p.inHoursMs;
      acc.afterHoursMs += p.afterHoursMs;
      perPlatform.set(platform, acc);
    }
  }

  const at = new Date(now);
  const until = currentWorkingEnd(schedule, at);
  const next = until ? null : nextWorkingStart(schedule, at);
  return UsageSummarySchema.parse({
    now,
    timeZone: schedule.timeZone,
    today: all[27],
    sameDayLastWeek: all[20],
    week: sum(week),
    lastWeek: sum(all.slice(14, 21)),
    days: week,
    trend: [0, 1, 2, 3].map((w) => ({
      from: keys[w * 7],
      to: keys[w * 7 + 6],
      afterHoursMs: sum(all.slice(w * 7, w * 7 + 7)).afterHoursMs,
    })),
    lateNights,
    longestStretch: longest,
    platforms: [...perPlatform.entries()]
      .map(([platform, p]) => ({ platform, ...p }))
      .filter((p) => p.inHoursMs + p.afterHoursMs > 0)
      .sort((a, b) => b.afterHoursMs - a.afterHoursMs || b.inHoursMs - a.inHoursMs),
    shift: { working: until !== null, until: until ? until.getTime() : null, nextStart: next ? next.getTime() : null },
    hasData,
  });
}
