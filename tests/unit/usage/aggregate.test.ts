/**
 * After-hours maths as tables: active intervals minus the working schedule, split per local
 * day, across DST changes, overnight and split shifts, days off and holidays. Each row also
 * sets the machine's TZ to a different zone, proving that only the schedule's zone matters.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Period, WeeklySchedule } from '@/lib/time/schemas';
import { foldIntervals, lateNightParts, retentionCutoff, splitByDay, splitByWork, type FoldState } from '@/lib/usage/aggregate';
import type { ActiveInterval, DayAggregate } from '@/lib/usage/schemas';

const H = 3_600_000;
const MIN = 60_000;
const at = (iso: string) => Date.parse(iso);
const ORIGINAL_TZ = process.env.TZ;
afterEach(() => {
  process.env.TZ = ORIGINAL_TZ;
});

/** A schedule from weekday (0 = Sunday) → periods. */
function schedule(timeZone: string, byDay: Partial<Record<number, Period[]>>, holidays: string[] = []): WeeklySchedule {
  return { timeZone, days: Array.from({ length: 7 }, (_, d) => byDay[d] ?? []), holidays };
}
const p = (start: string, end: string): Period => ({ start, end });
const WEEKDAYS_9_17 = (tz: string) => schedule(tz, { 1: [p('09:00', '17:00')], 2: [p('09:00', '17:00')], 3: [p('09:00', '17:00')], 4: [p('09:00', '17:00')], 5: [p('09:00', '17:00')] });
const RIYADH_SUN_THU = schedule('Asia/Riyadh', { 0: [p('09:00', '17:00')], 1: [p('09:00', '17:00')], 2: [p('09:00', '17:00')], 3: [p('09:00', '17:00')], 4: [p('09:00', '17:00')] }, ['2026-11-25']);

function fold(s: WeeklySchedule, intervals: Array<[string, string]>, platform: ActiveInterval['platform'] = 'x'): Map<string, DayAggregate> {
  const state: FoldState = { days: new Map(), stretch: null };
  foldIntervals(state, intervals.map(([a, b]) => ({ platform, start: at(a), end: at(b) })), s);
  return state.days;
}

/** Per day with time on it: [in-hours hours, after-hours hours]. */
function perDay(days: Map<string, DayAggregate>): Record<string, [number, number]> {
  return Object.fromEntries(
    [...days.values()].filter((d) => d.platforms.x).map((d) => {
      const x = d.platforms.x ?? { inHoursMs: 0, afterHoursMs: 0 };
      return [d.day, [x.inHoursMs / H, x.afterHoursMs / H]];
    }),
  );
}

describe('after hours = active minus working time, per local day', () => {
  it.each([
    {
      name: 'New York spring-forward night: overnight Saturday shift 22:00–06:00 is 7 real hours',
      machineTz: 'Asia/Tokyo',
      schedule: schedule('America/New_York', { 6: [p('22:00', '06:00')] }),
      interval: ['2026-03-07T20:00-05:00', '2026-03-08T08:00-04:00'],
      expected: { '2026-03-07': [2, 2], '2026-03-08': [5, 2] },
    },
    {
      name: 'New York fall-back night: the same shift is 9 real hours, the Sunday 25 hours long',
      machineTz: 'Europe/Berlin',
      schedule: schedule('America/New_York', { 6: [p('22:00', '06:00')] }),
      interval: ['2026-10-31T21:00-04:00', '2026-11-01T07:00-05:00'],
      expected: { '2026-10-31': [2, 1], '2026-11-01': [7, 1] },
    },
    {
      name: 'London spring-forward Sunday with a split shift 00:00–03:00 and 10:00–12:00',
      machineTz: 'America/Los_Angeles',
      schedule: schedule('Europe/London', { 0: [p('00:00', '03:00'), p('10:00', '12:00')] }),
      interval: ['2026-03-29T00:00Z', '2026-03-29T11:00Z'],
      expected: { '2026-03-29': [4, 7] },
    },
    {
      name: 'London fall-back Sunday: 00:00–03:00 is 4 real hours',
      machineTz: 'Asia/Kolkata',
      schedule: schedule('Europe/London', { 0: [p('00:00', '03:00')] }),
      interval: ['2026-10-24T23:00Z', '2026-10-25T04:00Z'],
      expected: { '2026-10-25': [4, 1] },
    },
    {
      name: 'Riyadh (no DST), Sunday–Thursday: Thursday 16:00–18:00 is half after hours',
      machineTz: 'America/New_York',
      schedule: RIYADH_SUN_THU,
      interval: ['2026-11-26T16:00+03:00', '2026-11-26T18:00+03:00'],
      expected: { '2026-11-26': [1, 1] },
    },
    {
      name: 'Riyadh Friday is a day off: all of it counts after hours',
      machineTz: 'UTC',
      schedule: RIYADH_SUN_THU,
      interval: ['2026-11-27T10:00+03:00', '2026-11-27T12:00+03:00'],
      expected: { '2026-11-27': [0, 2] },
    },
    {
      name: 'a holiday removes a working day entirely',
      machineTz: 'Europe/London',
      schedule: RIYADH_SUN_THU,
      interval: ['2026-11-25T10:00+03:00', '2026-11-25T11:00+03:00'],
      expected: { '2026-11-25': [0, 1] },
    },
    {
      name: 'split shift 09:00–12:00 and 14:00–18:00: the lunch gap is after hours',
      machineTz: 'Australia/Sydney',
      schedule: schedule('Asia/Riyadh', { 0: [p('09:00', '12:00'), p('14:00', '18:00')] }),
      interval: ['2026-11-22T11:00+03:00', '2026-11-22T15:00+03:00'],
      expected: { '2026-11-22': [2, 2] },
    },
    {
      name: 'overnight Monday shift 22:00–06:00 belongs to Monday and runs into Tuesday',
      machineTz: 'Pacific/Auckland',
      schedule: schedule('Europe/London', { 1: [p('22:00', '06:00')] }),
      interval: ['2026-11-23T21:00Z', '2026-11-24T07:00Z'],
      expected: { '2026-11-23': [2, 1], '2026-11-24': [6, 1] },
    },
    {
      name: 'Tuesday morning inside Monday’s overnight shift is in hours though Tuesday has none',
      machineTz: 'UTC',
      schedule: schedule('Europe/London', { 1: [p('22:00', '06:00')] }),
      interval: ['2026-11-24T05:00Z', '2026-11-24T07:00Z'],
      expected: { '2026-11-24': [1, 1] },
    },
    {
      name: 'weekend with a Mon–Fri schedule: everything after hours',
      machineTz: 'Asia/Riyadh',
      schedule: WEEKDAYS_9_17('Europe/London'),
      interval: ['2026-11-28T10:00Z', '2026-11-28T13:30Z'],
      expected: { '2026-11-28': [0, 3.5] },
    },
  ])('$name', ({ machineTz, schedule: s, interval, expected }) => {
    process.env.TZ = machineTz;
    const days = fold(s, [interval as [string, string]]);
    expect(perDay(days)).toEqual(expected);
    // Nothing is lost or invented: in + after = the interval's real length.
    const total = Object.values(perDay(days)).reduce((a, [i, o]) => a + i + o, 0);
    expect(total * H).toBe(at(interval[1]!) - at(interval[0]!));
  });

  it('splitByWork covers the interval exactly with alternating parts', () => {
    const s = schedule('Asia/Riyadh', { 0: [p('09:00', '12:00'), p('14:00', '18:00')] });
    const { inHours, afterHours } = splitByWork(s, at('2026-11-22T08:00+03:00'), at('2026-11-22T19:00+03:00'));
    expect(inHours.map((x) => (x.end - x.start) / H)).toEqual([3, 4]);
    expect(afterHours.map((x) => (x.end - x.start) / H)).toEqual([1, 2, 1]);
  });

  it('splitByDay cuts at local midnights, including a 23-hour and a 25-hour day', () => {
    process.env.TZ = 'UTC';
    const spring = splitByDay(at('2026-03-07T12:00-05:00'), at('2026-03-09T12:00-04:00'), 'America/New_York');
    expect(spring.map((x) => [x.day, (x.end - x.start) / H])).toEqual([
      ['2026-03-07', 12],
      ['2026-03-08', 23],
      ['2026-03-09', 12],
    ]);
    const fall = splitByDay(at('2026-10-25T00:00+01:00'), at('2026-10-26T00:00Z'), 'Europe/London');
    expect(fall.map((x) => [x.day, (x.end - x.start) / H])).toEqual([['2026-10-25', 25]]);
  });
});

describe('late nights (22:00–05:00, on the day the night starts)', () => {
  it.each([
    { tz: 'Europe/London', from: '2026-11-23T21:00Z', to: '2026-11-23T23:30Z', expected: { '2026-11-23': 1.5 } },
    { tz: 'Europe/London', from: '2026-11-24T00:30Z', to: '2026-11-24T01:00Z', expected: { '2026-11-23': 0.5 } },
    { tz: 'Asia/Riyadh', from: '2026-11-26T21:00+03:00', to: '2026-11-27T06:00+03:00', expected: { '2026-11-26': 7 } },
    { tz: 'America/New_York', from: '2026-03-07T23:00-05:00', to: '2026-03-08T06:00-04:00', expected: { '2026-03-07': 5 } },
    { tz: 'Asia/Riyadh', from: '2026-11-26T05:00+03:00', to: '2026-11-26T21:59+03:00', expected: {} },
  ])('$tz $from → $to', ({ tz, from, to, expected }) => {
    process.env.TZ = 'Pacific/Honolulu';
    const parts = lateNightParts(at(from), at(to), tz);
    const byDay: Record<string, number> = {};
    for (const x of parts) byDay[x.day] = (byDay[x.day] ?? 0) + (x.end - x.start) / H;
    expect(byDay).toEqual(expected);
  });

  it('lateNightMs lands in the aggregate of the evening, not the morning', () => {
    const days = fold(WEEKDAYS_9_17('Europe/London'), [['2026-11-24T00:30Z', '2026-11-24T01:00Z']]);
    expect(days.get('2026-11-23')?.lateNightMs).toBe(30 * MIN);
    expect(days.get('2026-11-24')?.lateNightMs).toBe(0);
  });
});

describe('longest after-hours stretch', () => {
  const s = WEEKDAYS_9_17('Europe/London');

  it('joins spans less than 5 minutes apart (even across platforms) and splits longer breaks', () => {
    const state: FoldState = { days: new Map(), stretch: null };
    foldIntervals(
      state,
      [
        { platform: 'x', start: at('2026-11-23T18:00Z'), end: at('2026-11-23T18:40Z') },
        { platform: 'tiktok', start: at('2026-11-23T18:43Z'), end: at('2026-11-23T19:10Z') }, // 3-min glance away
        { platform: 'x', start: at('2026-11-23T19:30Z'), end: at('2026-11-23T19:35Z') }, // 20-min break
      ],
      s,
    );
    expect(state.days.get('2026-11-23')?.longestAfterHoursMs).toBe(70 * MIN);
  });

  it('a stretch over midnight counts whole, on the day it started, even across fold runs', () => {
    const state: FoldState = { days: new Map(), stretch: null };
    foldIntervals(state, [{ platform: 'x', start: at('2026-11-23T23:00Z'), end: at('2026-11-24T00:00Z') }], s);
    // The next run (after the worker aggregated at midnight) continues the same stretch.
    foldIntervals(state, [{ platform: 'x', start: at('2026-11-24T00:00Z'), end: at('2026-11-24T00:45Z') }], s);
    expect(state.days.get('2026-11-23')?.longestAfterHoursMs).toBe(105 * MIN);
    expect(state.days.get('2026-11-24')?.longestAfterHoursMs ?? 0).toBe(0);
  });

  it('working time ends a stretch', () => {
    const state: FoldState = { days: new Map(), stretch: null };
    foldIntervals(state, [{ platform: 'x', start: at('2026-11-23T08:00Z'), end: at('2026-11-23T17:30Z') }], s);
    expect(state.days.get('2026-11-23')?.longestAfterHoursMs).toBe(60 * MIN); // 08–09, not 08–17:30
  });

  it('a late-arriving older span stands alone and does not reset the live stretch', () => {
    const state: FoldState = { days: new Map(), stretch: null };
    foldIntervals(state, [{ platform: 'x', start: at('2026-11-23T20:00Z'), end: at('2026-11-23T21:00Z') }], s);
    foldIntervals(state, [{ platform: 'x', start: at('2026-11-23T18:00Z'), end: at('2026-11-23T18:10Z') }], s);
    foldIntervals(state, [{ platform: 'x', start: at('2026-11-23T21:02Z'), end: at('2026-11-23T21:30Z') }], s);
    expect(state.days.get('2026-11-23')?.longestAfterHoursMs).toBe(90 * MIN);
  });
});

describe('aggregation is incremental', () => {
  it('folding in batches equals folding all at once', () => {
    const s = schedule('America/New_York', { 6: [p('22:00', '06:00')], 1: [p('09:00', '12:00'), p('13:00', '17:00')] });
    const intervals: ActiveInterval[] = [];
    let t = at('2026-03-06T07:00-05:00');
    for (let i = 0; i < 60; i++) {
      const len = ((i * 37) % 90) * MIN + MIN;
      intervals.push({ platform: i % 3 === 0 ? 'linkedin' : 'x', start: t, end: t + len });
      t += len + ((i * 53) % 240) * MIN;
    }
    const once: FoldState = { days: new Map(), stretch: null };
    foldIntervals(once, intervals, s);
    const batched: FoldState = { days: new Map(), stretch: null };
    for (let i = 0; i < intervals.length; i += 7) foldIntervals(batched, intervals.slice(i, i + 7), s);
    expect(batched.days).toEqual(once.days);
    const total = [...once.days.values()].flatMap((d) => Object.values(d.platforms)).reduce((a, x) => a + x.inHoursMs + x.afterHoursMs, 0);
    expect(total).toBe(intervals.reduce((a, x) => a + x.end - x.start, 0));
  });
});

describe('retention', () => {
  it.each([
    ['2026-11-26', '2025-11-21'],
    ['2028-03-01', '2027-02-25'],
  ])('on %s days before %s are pruned (a year kept, at least 26 weeks)', (today, cutoff) => {
    expect(retentionCutoff(today)).toBe(cutoff);
    const keptDays = (Date.parse(today) - Date.parse(cutoff)) / 86_400_000 + 1;
    expect(keptDays).toBeGreaterThanOrEqual(26 * 7);
  });
});
