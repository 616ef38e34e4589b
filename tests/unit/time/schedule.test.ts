import { afterEach, describe, expect, it } from 'vitest';
import {
  addWorkingTime,
  currentWorkingEnd,
  isWorking,
  localDayKey,
  nextWorkingStart,
  splitByWorkingTime,
  workingIntervals,
  workingMsBetween,
} from '../../../lib/time/schedule';
import { WeeklyScheduleSchema, type WeeklySchedule } from '../../../lib/time/schemas';

const H = 3_600_000;
const M = 60_000;
type P = [string, string][];

/** Days as {weekday index: periods}; 0 = Sunday. Parsed through the real schema. */
function schedule(timeZone: string, days: Partial<Record<number, P>>, holidays: string[] = []): WeeklySchedule {
  return WeeklyScheduleSchema.parse({
    timeZone,
    days: [0, 1, 2, 3, 4, 5, 6].map((d) => (days[d] ?? []).map(([start, end]) => ({ start, end }))),
    holidays,
  });
}
const weekdays = (p: P): Partial<Record<number, P>> => ({ 1: p, 2: p, 3: p, 4: p, 5: p });
const nineToFive = (tz: string, holidays: string[] = []) => schedule(tz, weekdays([['09:00', '17:00']]), holidays);
const d = (iso: string) => new Date(iso);
const iso = (x: Date | null) => x?.toISOString() ?? null;

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});
const MACHINE_ZONES = ['UTC', 'Pacific/Auckland', 'America/Los_Angeles'];

describe('addWorkingTime', () => {
  const table: [string, WeeklySchedule, string, number, string | null][] = [
    // Friday 16:45 + 30 min with 09:00–17:00 Mon–Fri → Monday 09:15, in three zones.
    ['NY Friday 16:45 + 30m', nineToFive('America/New_York'), '2025-11-21T21:45:00Z', 30 * M, '2025-11-24T14:15:00.000Z'],
    ['London Friday 16:45 + 30m', nineToFive('Europe/London'), '2025-11-21T16:45:00Z', 30 * M, '2025-11-24T09:15:00.000Z'],
    ['Riyadh Friday 16:45 + 30m', nineToFive('Asia/Riyadh'), '2025-11-21T13:45:00Z', 30 * M, '2025-11-24T06:15:00.000Z'],
    // Runs out exactly at the end of a period: that end, not the next start.
    ['exactly to 17:00', nineToFive('Europe/London'), '2025-11-21T16:45:00Z', 15 * M, '2025-11-21T17:00:00.000Z'],
    // Starting off hours: counts from the next start.
    ['Saturday + 1h', nineToFive('Europe/London'), '2025-11-22T12:00:00Z', H, '2025-11-24T10:00:00.000Z'],
    ['zero', nineToFive('Europe/London'), '2025-11-22T12:00:00Z', 0, '2025-11-22T12:00:00.000Z'],
    // A Monday holiday pushes it to Tuesday.
    ['holiday Monday', nineToFive('Europe/London', ['2025-11-24']), '2025-11-21T16:45:00Z', 30 * M, '2025-11-25T09:15:00.000Z'],
    // Across the US spring-forward weekend (EST → EDT): Fri 16:00 EST + 2h → Mon 10:00 EDT.
    ['NY spring weekend', nineToFive('America/New_York'), '2025-03-07T21:00:00Z', 2 * H, '2025-03-10T14:00:00.000Z'],
    // Across the UK fall-back weekend (BST → GMT): Fri 16:00 BST + 2h → Mon 10:00 GMT.
    ['London fall weekend', nineToFive('Europe/London'), '2025-10-24T15:00:00Z', 2 * H, '2025-10-27T10:00:00.000Z'],
    // Split shift 09:00–12:00 + 14:00–18:00: 11:30 + 1h → 14:30.
    [
      'split shift',
      schedule('Asia/Riyadh', weekdays([['09:00', '12:00'], ['14:00', '18:00']])),
      '2025-11-20T08:30:00Z',
      H,
      '2025-11-20T11:30:00.000Z',
    ],
    // Overnight 22:00–06:00 Sun–Thu (Riyadh work week): Thursday 23:00 + 8h → Sunday 23:00.
    [
      'overnight shift',
      schedule('Asia/Riyadh', { 0: [['22:00', '06:00']], 1: [['22:00', '06:00']], 2: [['22:00', '06:00']], 3: [['22:00', '06:00']], 4: [['22:00', '06:00']] }),
      '2025-11-20T20:00:00Z',
      8 * H,
      '2025-11-23T20:00:00.000Z',
    ],
    ['no working time', schedule('UTC', {}), '2025-11-20T20:00:00Z', H, null],
    ['only holidays ahead', schedule('UTC', { 3: [['09:00', '17:00']] }, ['2025-11-26']), '2025-11-25T00:00:00Z', H, '2025-12-03T10:00:00.000Z'],
  ];
  it.each(table)('%s', (_label, s, from, ms, expected) => {
    for (const tz of MACHINE_ZONES) {
      process.env.TZ = tz;
      expect(iso(addWorkingTime(s, d(from), ms))).toBe(expected);
    }
  });

  it('rejects negative amounts', () => {
    expect(() => addWorkingTime(nineToFive('UTC'), d('2025-11-20T00:00:00Z'), -1)).toThrow(RangeError);
  });
});

describe('workingMsBetween and workingIntervals', () => {
  const table: [string, WeeklySchedule, string, string, number][] = [
    // America/New_York spring forward (2025-03-09 02:00 → 03:00) and fall back (2025-11-02).
    ['NY spring 00:00–06:00', schedule('America/New_York', { 0: [['00:00', '06:00']] }), '2025-03-08T00:00:00Z', '2025-03-11T00:00:00Z', 5 * H],
    ['NY fall 00:00–06:00', schedule('America/New_York', { 0: [['00:00', '06:00']] }), '2025-11-01T00:00:00Z', '2025-11-04T00:00:00Z', 7 * H],
    ['NY start in the gap 02:30–04:00', schedule('America/New_York', { 0: [['02:30', '04:00']] }), '2025-03-09T00:00:00Z', '2025-03-10T00:00:00Z', 30 * M],
    ['NY overnight spring 22:00–06:00', schedule('America/New_York', { 6: [['22:00', '06:00']] }), '2025-03-08T00:00:00Z', '2025-03-10T00:00:00Z', 7 * H],
    ['NY overnight fall 22:00–06:00', schedule('America/New_York', { 6: [['22:00', '06:00']] }), '2025-11-01T00:00:00Z', '2025-11-03T00:00:00Z', 9 * H],
    ['NY 9–5 Fri noon → Mon noon across spring', nineToFive('America/New_York'), '2025-03-07T17:00:00Z', '2025-03-10T16:00:00Z', 8 * H],
    // Europe/London: 2025-03-30 01:00 → 02:00, 2025-10-26 02:00 → 01:00.
    ['London spring 00:30–02:30', schedule('Europe/London', { 0: [['00:30', '02:30']] }), '2025-03-29T00:00:00Z', '2025-03-31T00:00:00Z', H],
    ['London fall 00:30–02:30', schedule('Europe/London', { 0: [['00:30', '02:30']] }), '2025-10-25T00:00:00Z', '2025-10-27T00:00:00Z', 3 * H],
    ['London 24h Sunday spring', schedule('Europe/London', { 0: [['00:00', '24:00']] }), '2025-03-29T00:00:00Z', '2025-04-01T00:00:00Z', 23 * H],
    ['London 24h Sunday fall', schedule('Europe/London', { 0: [['00:00', '00:00']] }), '2025-10-25T00:00:00Z', '2025-10-28T00:00:00Z', 25 * H],
    // Asia/Riyadh: no DST; a week of 9–5 Sun–Thu.
    ['Riyadh week', schedule('Asia/Riyadh', { 0: [['09:00', '17:00']], 1: [['09:00', '17:00']], 2: [['09:00', '17:00']], 3: [['09:00', '17:00']], 4: [['09:00', '17:00']] }), '2025-11-15T00:00:00Z', '2025-11-22T00:00:00Z', 40 * H],
    // Split shifts and days off.
    ['split week', schedule('UTC', weekdays([['09:00', '12:00'], ['14:00', '18:00']])), '2025-11-17T00:00:00Z', '2025-11-24T00:00:00Z', 35 * H],
    ['weekend only off', nineToFive('UTC'), '2025-11-22T00:00:00Z', '2025-11-24T00:00:00Z', 0],
    // Overnight shift belongs to its start day: a holiday on Friday removes Fri 22:00–Sat 06:00.
    ['overnight holiday', schedule('UTC', { 5: [['22:00', '06:00']] }, ['2025-11-21']), '2025-11-20T00:00:00Z', '2025-11-24T00:00:00Z', 0],
    // …but a holiday on the Saturday it runs into does not.
    ['overnight into holiday', schedule('UTC', { 5: [['22:00', '06:00']] }, ['2025-11-22']), '2025-11-20T00:00:00Z', '2025-11-24T00:00:00Z', 8 * H],
    // Clipping and reversed ranges.
    ['clipped', nineToFive('UTC'), '2025-11-20T10:30:00Z', '2025-11-20T11:00:00Z', 30 * M],
    ['reversed', nineToFive('UTC'), '2025-11-21T00:00:00Z', '2025-11-20T00:00:00Z', 0],
  ];
  it.each(table)('%s', (_label, s, from, to, ms) => {
    for (const tz of MACHINE_ZONES) {
      process.env.TZ = tz;
      expect(workingMsBetween(s, d(from), d(to))).toBe(ms);
      const intervals = workingIntervals(s, d(from), d(to));
      expect(intervals.reduce((sum, i) => sum + (i.end.getTime() - i.start.getTime()), 0)).toBe(ms);
    }
  });

  it('returns merged, sorted intervals clipped to the range', () => {
    const s = schedule('UTC', weekdays([['13:00', '17:00'], ['09:00', '12:00'], ['12:00', '13:30'], ['20:00', '02:00']]));
    const got = workingIntervals(s, d('2025-11-20T10:00:00Z'), d('2025-11-21T10:00:00Z')).map((i) => [
      i.start.toISOString(),
      i.end.toISOString(),
    ]);
    expect(got).toEqual([
      ['2025-11-20T10:00:00.000Z', '2025-11-20T17:00:00.000Z'],
      ['2025-11-20T20:00:00.000Z', '2025-11-21T02:00:00.000Z'],
      ['2025-11-21T09:00:00.000Z', '2025-11-21T10:00:00.000Z'],
    ]);
  });

  it('gives the exact intervals of a DST day', () => {
    const s = schedule('America/New_York', { 0: [['01:00', '03:30']] });
    const fall = workingIntervals(s, d('2025-11-02T00:00:00Z'), d('2025-11-03T00:00:00Z'));
    // 01:00 EDT (05:00Z) until 03:30 EST (08:30Z): the repeated hour is worked.
    expect(fall.map((i) => [i.start.toISOString(), i.end.toISOString()])).toEqual([
      ['2025-11-02T05:00:00.000Z', '2025-11-02T08:30:00.000Z'],
    ]);
    const spring = workingIntervals(s, d('2025-03-09T00:00:00Z'), d('2025-03-10T00:00:00Z'));
    expect(spring.map((i) => [i.start.toISOString(), i.end.toISOString()])).toEqual([
      ['2025-03-09T06:00:00.000Z', '2025-03-09T07:30:00.000Z'],
    ]);
  });

  it('splits a range into working and outside time', () => {
    expect(splitByWorkingTime(nineToFive('UTC'), d('2025-11-20T16:00:00Z'), d('2025-11-20T19:00:00Z'))).toEqual({
      workingMs: H,
      outsideMs: 2 * H,
    });
  });
});

describe('isWorking, nextWorkingStart, currentWorkingEnd', () => {
  const overnight = schedule('Europe/London', { 5: [['22:00', '06:00']], 1: [['09:00', '12:00'], ['12:00', '17:00']] });
  const table: [string, WeeklySchedule, string, boolean, string | null, string | null][] = [
    ['Sat 02:00 inside Friday night shift', overnight, '2025-11-22T02:00:00Z', true, '2025-11-22T02:00:00.000Z', '2025-11-22T06:00:00.000Z'],
    ['Sat 06:00 shift over', overnight, '2025-11-22T06:00:00Z', false, '2025-11-24T09:00:00.000Z', null],
    ['Fri 21:59 before shift', overnight, '2025-11-21T21:59:00Z', false, '2025-11-21T22:00:00.000Z', null],
    ['Mon 11:00 touching periods run on', overnight, '2025-11-24T11:00:00Z', true, '2025-11-24T11:00:00.000Z', '2025-11-24T17:00:00.000Z'],
    ['Fri 17:00 is after 9–5', nineToFive('Asia/Riyadh'), '2025-11-21T14:00:00Z', false, '2025-11-24T06:00:00.000Z', null],
    ['Fri 16:59 is inside', nineToFive('Asia/Riyadh'), '2025-11-21T13:59:00Z', true, '2025-11-21T13:59:00.000Z', '2025-11-21T14:00:00.000Z'],
    ['NY Sunday spring 02:30 shift start', schedule('America/New_York', { 0: [['02:30', '04:00']] }), '2025-03-09T06:00:00Z', false, '2025-03-09T07:30:00.000Z', null],
    ['nothing scheduled', schedule('UTC', {}), '2025-11-21T14:00:00Z', false, null, null],
  ];
  it.each(table)('%s', (_label, s, at, working, next, end) => {
    for (const tz of MACHINE_ZONES) {
      process.env.TZ = tz;
      expect(isWorking(s, d(at))).toBe(working);
      expect(iso(nextWorkingStart(s, d(at)))).toBe(next);
      expect(iso(currentWorkingEnd(s, d(at)))).toBe(end);
    }
  });

  it('follows a 24/7 schedule across chunk boundaries', () => {
    const always = schedule('UTC', { 0: [['00:00', '24:00']], 1: [['00:00', '24:00']], 2: [['00:00', '24:00']], 3: [['00:00', '24:00']], 4: [['00:00', '24:00']], 5: [['00:00', '24:00']], 6: [['00:00', '24:00']] }, ['2026-01-01']);
    expect(iso(currentWorkingEnd(always, d('2025-11-20T10:00:00Z')))).toBe('2026-01-01T00:00:00.000Z');
    expect(workingMsBetween(always, d('2025-12-31T00:00:00Z'), d('2026-01-03T00:00:00Z'))).toBe(48 * H);
  });
});

describe('localDayKey', () => {
  it.each([
    ['2025-11-26T23:30:00Z', 'UTC', '2025-11-26'],
    ['2025-11-26T23:30:00Z', 'Asia/Riyadh', '2025-11-27'],
    ['2025-11-27T03:30:00Z', 'America/New_York', '2025-11-26'],
    ['2025-03-30T00:30:00Z', 'Europe/London', '2025-03-30'],
  ])('%s in %s → %s', (at, tz, key) => {
    for (const machine of MACHINE_ZONES) {
      process.env.TZ = machine;
      expect(localDayKey(d(at), tz)).toBe(key);
    }
  });
});
