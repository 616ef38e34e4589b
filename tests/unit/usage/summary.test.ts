import { describe, expect, it } from 'vitest';
import type { WeeklySchedule } from '@/lib/time/schemas';
import type { DayAggregate } from '@/lib/usage/schemas';
import { lastDays, summarize } from '@/lib/usage/summary';

const MIN = 60_000;
const RIYADH: WeeklySchedule = {
  timeZone: 'Asia/Riyadh',
  days: [0, 1, 2, 3, 4, 5, 6].map((d) => (d <= 4 ? [{ start: '09:00', end: '17:00' }] : [])),
  holidays: ['2026-11-29'],
};
const NOW = Date.parse('2026-11-26T20:30+03:00'); // Thursday evening in Riyadh

function day(key: string, x: [number, number], linkedin: [number, number] = [0, 0], lateNightMs = 0, longest = 0): DayAggregate {
  return {
    day: key,
    platforms: {
      x: { inHoursMs: x[0] * MIN, afterHoursMs: x[1] * MIN },
      ...(linkedin[0] + linkedin[1] > 0 ? { linkedin: { inHoursMs: linkedin[0] * MIN, afterHoursMs: linkedin[1] * MIN } } : {}),
    },
    lateNightMs,
    longestAfterHoursMs: longest * MIN,
  };
}

describe('usage summary', () => {
  it('lists the last n local days, oldest first, across month ends', () => {
    expect(lastDays('2026-03-02', 4)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
  });

  it('a heavy week against a lighter one: totals, chart, trend, late nights, longest, platforms', () => {
    const keys = lastDays('2026-11-26', 28);
    const aggregates = keys.map((k, i) =>
      i >= 21
        ? day(k, [300, 120], [30, 60], i % 2 === 0 ? 20 * MIN : 0, 50 + i) // this week: 3 h after hours a day
        : day(k, [300, 60]),
    );
    aggregates.push(day('2025-01-01', [999, 999])); // outside the 4 weeks: ignored
    const s = summarize(aggregates, NOW, RIYADH);
    expect(s.today).toEqual({ day: '2026-11-26', inHoursMs: 330 * MIN, afterHoursMs: 180 * MIN });
    expect(s.sameDayLastWeek).toEqual({ day: '2026-11-19', inHoursMs: 300 * MIN, afterHoursMs: 60 * MIN });
    expect(s.week.afterHoursMs).toBe(7 * 180 * MIN);
    expect(s.lastWeek.afterHoursMs).toBe(7 * 60 * MIN);
    expect(s.days.map((d) => d.day)).toEqual(keys.slice(21));
    expect(s.trend.map((w) => w.afterHoursMs / MIN)).toEqual([420, 420, 420, 1260]);
    expect(s.trend[3]).toMatchObject({ from: '2026-11-20', to: '2026-11-26' });
    expect(s.lateNights).toBe(3); // days 22, 24, 26 of the 28
    expect(s.longestStretch).toEqual({ ms: 77 * MIN, day: '2026-11-26' });
    expect(s.platforms).toEqual([
      { platform: 'x', inHoursMs: 7 * 300 * MIN, afterHoursMs: 7 * 120 * MIN },
      { platform: 'linkedin', inHoursMs: 7 * 30 * MIN, afterHoursMs: 7 * 60 * MIN },
    ]);
    expect(s.hasData).toBe(true);
  });

  it('nothing recorded: the empty state with zeroed days', () => {
    const s = summarize([], NOW, RIYADH);
    expect(s.hasData).toBe(false);
    expect(s.days).toHaveLength(7);
    expect(s.days.every((d) => d.inHoursMs === 0 && d.afterHoursMs === 0)).toBe(true);
    expect(s.platforms).toEqual([]);
    expect(s.longestStretch).toEqual({ ms: 0, day: null });
  });

  it.each([
    // Thursday 10:00: on shift until 17:00.
    ['2026-11-26T10:00+03:00', { working: true, until: '2026-11-26T17:00+03:00', nextStart: null }],
    // Thursday evening: Friday and Saturday are off, Sunday the 29th a holiday → Monday 09:00.
    ['2026-11-26T20:30+03:00', { working: false, until: null, nextStart: '2026-11-30T09:00+03:00' }],
    // Early Monday: the shift starts the same morning.
    ['2026-11-30T06:00+03:00', { working: false, until: null, nextStart: '2026-11-30T09:00+03:00' }],
  ])('shift state at %s', (now, expected) => {
    const s = summarize([], Date.parse(now), RIYADH);
    expect(s.shift).toEqual({
      working: expected.working,
      until: expected.until ? Date.parse(expected.until) : null,
      nextStart: expected.nextStart ? Date.parse(expected.nextStart) : null,
    });
  });

  it('a schedule with no working time at all: always off shift, no next shift', () => {
    const s = summarize([], NOW, { timeZone: 'UTC', days: [[], [], [], [], [], [], []], holidays: [] });
    expect(s.shift).toEqual({ working: false, until: null, nextStart: null });
  });

  it('"today" is the schedule zone’s today, not the machine’s', () => {
    // 23:30 UTC on the 26th is already the 27th in Riyadh.
    const s = summarize([day('2026-11-27', [0, 5])], Date.parse('2026-11-26T23:30Z'), RIYADH);
    expect(s.today).toEqual({ day: '2026-11-27', inHoursMs: 0, afterHoursMs: 5 * MIN });
  });
});
