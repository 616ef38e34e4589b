import { describe, expect, it } from 'vitest';
import { createTranslator } from '@/lib/i18n';
import { usageCsv, usageExport } from '@/lib/usage/export';
import { changeRatio, formatDuration } from '@/lib/usage/format';
import { DEFAULT_USAGE_NUDGES, MAX_DISMISSALS, dueNudges, withDismissal } from '@/lib/usage/nudges';
import { usageFormFrom, usageSettingsFromForm } from '@/lib/usage/settings-form';
import type { DayAggregate } from '@/lib/usage/schemas';
import type { UsageSummary } from '@/lib/usage/summary';
import { defaultWeekdaySchedule } from '@/lib/time/schemas';

const H = 3_600_000;
const day = (d: string, after = 0): UsageSummary['today'] => ({ day: d, inHoursMs: 0, afterHoursMs: after });

function summary(weekAfterMs: number, lateNights: number): UsageSummary {
  const days = ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26'].map((d) => day(d));
  return {
    now: Date.UTC(2026, 10, 26, 21),
    timeZone: 'UTC',
    today: day('2026-11-26'),
    sameDayLastWeek: day('2026-11-19'),
    week: { inHoursMs: 0, afterHoursMs: weekAfterMs },
    lastWeek: { inHoursMs: 0, afterHoursMs: 0 },
    days,
    trend: [0, 1, 2, 3].map((i) => ({ from: days[0]!.day, to: days[6]!.day, afterHoursMs: i })),
    lateNights,
    longestStretch: { ms: 0, day: null },
    platforms: [],
    shift: { working: false, until: null, nextStart: null },
    hasData: true,
  };
}

describe('nudges', () => {
  it('are all off by default, however heavy the week', () => {
    expect(dueNudges(summary(60 * H, 7), DEFAULT_USAGE_NUDGES, [])).toEqual([]);
  });

  it.each([
    { budget: 300, after: 5 * H, shown: false }, // exactly on budget: no nudge
    { budget: 300, after: 5 * H + 1, shown: true },
    { budget: 600, after: 2 * H, shown: false },
  ])('weekly budget $budget min with $after ms after hours → shown: $shown', ({ budget, after, shown }) => {
    const due = dueNudges(summary(after, 0), { weeklyBudgetMinutes: budget, lateNightLimit: null }, []);
    expect(due.map((n) => n.kind)).toEqual(shown ? ['budget'] : []);
  });

  it('late-night limit counts nights at or above it', () => {
    const s = { weeklyBudgetMinutes: null, lateNightLimit: 3 };
    expect(dueNudges(summary(0, 2), s, [])).toEqual([]);
    expect(dueNudges(summary(0, 3), s, [])).toEqual([{ id: 'lateNights:2026-11-26', kind: 'lateNights', lateNights: 3, limit: 3 }]);
  });

  it('a dismissed nudge stays away for the day, and the dismissal list is bounded', () => {
    const s = { weeklyBudgetMinutes: 60, lateNightLimit: null };
    const dismissed = withDismissal([], 'budget:2026-11-26');
    expect(dueNudges(summary(10 * H, 0), s, dismissed)).toEqual([]);
    let many: string[] = [];
    for (let i = 0; i < MAX_DISMISSALS + 10; i++) many = withDismissal(many, `budget:${i}`);
    expect(many).toHaveLength(MAX_DISMISSALS);
    expect(many.at(-1)).toBe(`budget:${MAX_DISMISSALS + 9}`);
  });
});

describe('export', () => {
  const days: DayAggregate[] = [
    { day: '2026-11-25', platforms: { x: { inHoursMs: 30 * 60_000, afterHoursMs: 90 * 60_000 }, tiktok: { inHoursMs: 0, afterHoursMs: 60_000 } }, lateNightMs: 15 * 60_000, longestAfterHoursMs: 45 * 60_000 },
    { day: '2026-11-24', platforms: {}, lateNightMs: 0, longestAfterHoursMs: 0 },
  ];

  it('CSV has one row per platform and a day total, oldest day first', () => {
    expect(usageCsv(days).split('\r\n')).toEqual([
      'day,platform,in_hours_minutes,after_hours_minutes,late_night_minutes,longest_stretch_minutes',
      '2026-11-24,all,0.00,0.00,0.00,0.00',
      '2026-11-25,tiktok,0.00,1.00,,',
      '2026-11-25,x,30.00,90.00,,',
      '2026-11-25,all,30.00,91.00,15.00,45.00',
      '',
    ]);
  });

  it('JSON round-trips every day and pending interval, named by date', () => {
    const out = usageExport({ exportedAt: Date.UTC(2026, 10, 26), timeZone: 'Asia/Riyadh', days, intervals: [{ platform: 'x', start: 1, end: 2 }] }, 'json');
    expect(out.filename).toBe('baton-usage-2026-11-26.json');
    expect(out.mime).toBe('application/json');
    const parsed = JSON.parse(out.body) as { days: DayAggregate[]; timeZone: string; intervals: unknown[] };
    expect(parsed.days).toEqual(days);
    expect(parsed.timeZone).toBe('Asia/Riyadh');
    expect(parsed.intervals).toHaveLength(1);
    expect(usageExport({ exportedAt: 0, timeZone: 'UTC', days, intervals: [] }, 'csv').filename).toBe('baton-usage-1970-01-01.csv');
  });
});

describe('format', () => {
  const en = createTranslator('en');
  it.each([
    [0, '0 min'],
    [1, 'under 1 min'],
    [59_999, 'under 1 min'],
    [60_000, '1 min'],
    [59 * 60_000 + 59_999, '59 min'],
    [3 * H + 5 * 60_000, '3 h 5 min'],
    [2 * H, '2 h'],
  ])('%i ms → %s (floored, never overstated)', (ms, text) => {
    expect(formatDuration(ms, en)).toBe(text);
  });

  it('change against last week is null when there is nothing to compare', () => {
    expect(changeRatio(5, 0)).toBeNull();
    expect(changeRatio(15, 10)).toBeCloseTo(0.5);
    expect(changeRatio(5, 10)).toBeCloseTo(-0.5);
  });
});

describe('usage settings form', () => {
  const schedule = defaultWeekdaySchedule('Europe/London');

  it('round-trips settings; blank fields mean off', () => {
    const form = usageFormFrom(schedule, { weeklyBudgetMinutes: 450, lateNightLimit: 2 });
    expect(form).toMatchObject({ budgetHours: '7.5', lateNights: '2' });
    expect(usageSettingsFromForm(form)).toEqual({ ok: true, schedule, nudges: { weeklyBudgetMinutes: 450, lateNightLimit: 2 } });
    expect(usageSettingsFromForm({ ...form, budgetHours: ' ', lateNights: '' })).toMatchObject({ ok: true, nudges: { weeklyBudgetMinutes: null, lateNightLimit: null } });
    expect(usageSettingsFromForm({ ...form, budgetHours: '2,5' })).toMatchObject({ ok: true, nudges: { weeklyBudgetMinutes: 150 } });
  });

  it.each([
    [{ budgetHours: '0' }, 'budgetHours', 'usageOptions.error.budget'],
    [{ budgetHours: 'lots' }, 'budgetHours', 'usageOptions.error.budget'],
    [{ budgetHours: '169' }, 'budgetHours', 'usageOptions.error.budget'],
    [{ lateNights: '8' }, 'lateNights', 'usageOptions.error.lateNights'],
    [{ lateNights: '1.5' }, 'lateNights', 'usageOptions.error.lateNights'],
    [{ schedule: { ...schedule, timeZone: 'Mars/Olympus' } }, 'schedule.timeZone', 'schedule.error.zone'],
    [{ schedule: { ...schedule, days: schedule.days.map((d, i) => (i === 1 ? [{ start: '9am', end: '17:00' }] : d)) } }, 'schedule.days.1.0.start', 'schedule.error.time'],
    [{ schedule: { ...schedule, holidays: ['25/12/2026'] } }, 'schedule.holidays.0', 'schedule.error.date'],
  ])('rejects %j with an error on %s, losing nothing', (patch, field, key) => {
    const form = { ...usageFormFrom(schedule, DEFAULT_USAGE_NUDGES), ...patch };
    const r = usageSettingsFromForm(form);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[field]).toBe(key);
  });
});
