import { afterEach, describe, expect, it } from 'vitest';
import {
  addWallDays,
  addWallMonths,
  localDayKey,
  offsetMsAt,
  startOfCivilDay,
  wallTimeOf,
  weekdayOf,
  zonedToInstant,
  type Disambiguation,
} from '../../../lib/time/zoned';

const wall = (s: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(s);
  if (!m) throw new Error(s);
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: 0,
    millisecond: 0,
  };
};

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe('zonedToInstant', () => {
  const table: [string, string, Disambiguation, string][] = [
    // America/New_York: spring forward 2025-03-09 02:00 → 03:00; fall back 2025-11-02 02:00 → 01:00.
    ['America/New_York', '2025-03-09 01:59', 'compatible', '2025-03-09T06:59:00.000Z'],
    ['America/New_York', '2025-03-09 02:30', 'compatible', '2025-03-09T07:30:00.000Z'], // = 03:30 EDT
    ['America/New_York', '2025-03-09 02:30', 'earlier', '2025-03-09T06:30:00.000Z'], // = 01:30 EST
    ['America/New_York', '2025-03-09 03:00', 'compatible', '2025-03-09T07:00:00.000Z'],
    ['America/New_York', '2025-11-02 01:30', 'compatible', '2025-11-02T05:30:00.000Z'], // first 01:30 (EDT)
    ['America/New_York', '2025-11-02 01:30', 'earlier', '2025-11-02T05:30:00.000Z'],
    ['America/New_York', '2025-11-02 01:30', 'later', '2025-11-02T06:30:00.000Z'], // second 01:30 (EST)
    ['America/New_York', '2025-11-02 02:00', 'compatible', '2025-11-02T07:00:00.000Z'],
    // Europe/London: 2025-03-30 01:00 → 02:00; 2025-10-26 02:00 → 01:00.
    ['Europe/London', '2025-03-30 00:59', 'compatible', '2025-03-30T00:59:00.000Z'],
    ['Europe/London', '2025-03-30 01:30', 'compatible', '2025-03-30T01:30:00.000Z'], // = 02:30 BST
    ['Europe/London', '2025-03-30 02:00', 'compatible', '2025-03-30T01:00:00.000Z'],
    ['Europe/London', '2025-10-26 01:30', 'compatible', '2025-10-26T00:30:00.000Z'],
    ['Europe/London', '2025-10-26 01:30', 'later', '2025-10-26T01:30:00.000Z'],
    // Asia/Riyadh: UTC+3 all year.
    ['Asia/Riyadh', '2025-03-30 02:30', 'compatible', '2025-03-29T23:30:00.000Z'],
    ['Asia/Riyadh', '2025-11-02 01:30', 'later', '2025-11-01T22:30:00.000Z'],
    // Half-hour and 45-minute zones.
    ['Asia/Kolkata', '2025-06-01 00:00', 'compatible', '2025-05-31T18:30:00.000Z'],
    ['Asia/Kathmandu', '2025-06-01 12:00', 'compatible', '2025-06-01T06:15:00.000Z'],
    // Midnight skipped (America/Santiago springs forward at 24:00 → 01:00 on 2025-09-07).
    ['America/Santiago', '2025-09-07 00:30', 'compatible', '2025-09-07T04:30:00.000Z'],
  ];
  it.each(table)('%s %s (%s) → %s', (zone, w, dis, iso) => {
    for (const tz of ['UTC', 'Asia/Tokyo', 'America/Los_Angeles']) {
      process.env.TZ = tz; // the machine zone must not matter
      expect(zonedToInstant(wall(w), zone, dis).toISOString()).toBe(iso);
    }
  });
});

describe('wall-clock helpers', () => {
  it('reads wall time and offsets in a zone', () => {
    const at = new Date('2025-07-01T12:34:56.789Z');
    expect(wallTimeOf(at, 'America/New_York')).toEqual({
      year: 2025,
      month: 7,
      day: 1,
      hour: 8,
      minute: 34,
      second: 56,
      millisecond: 789,
    });
    expect(offsetMsAt(at.getTime(), 'Europe/London')).toBe(3_600_000);
    expect(offsetMsAt(Date.UTC(2025, 0, 1), 'Europe/London')).toBe(0);
    expect(offsetMsAt(Date.UTC(2025, 0, 1), 'Asia/Riyadh')).toBe(3 * 3_600_000);
  });

  it('gives the local day key in the zone, not the machine zone', () => {
    process.env.TZ = 'Pacific/Kiritimati';
    const at = new Date('2025-11-26T23:30:00Z');
    expect(localDayKey(at, 'UTC')).toBe('2025-11-26');
    expect(localDayKey(at, 'Asia/Riyadh')).toBe('2025-11-27');
    expect(localDayKey(at, 'America/New_York')).toBe('2025-11-26');
  });

  it('moves whole local days across DST at the same wall time', () => {
    // 3 days before Tuesday 2025-03-11 10:00 EDT is Saturday 2025-03-08 10:00 EST.
    const at = new Date('2025-03-11T14:00:00Z');
    expect(addWallDays(at, -3, 'America/New_York').toISOString()).toBe('2025-03-08T15:00:00.000Z');
    expect(addWallDays(at, -3, 'UTC').toISOString()).toBe('2025-03-08T14:00:00.000Z');
  });

  it('moves calendar months with the day clamped', () => {
    const at = new Date('2025-03-31T10:00:00Z');
    expect(addWallMonths(at, -1, 'UTC').toISOString()).toBe('2025-02-28T10:00:00.000Z');
    expect(addWallMonths(at, -13, 'UTC').toISOString()).toBe('2024-02-29T10:00:00.000Z');
  });

  it('finds the start of a local day, skipping a missing midnight', () => {
    expect(startOfCivilDay({ year: 2025, month: 11, day: 2 }, 'America/New_York').toISOString()).toBe(
      '2025-11-02T04:00:00.000Z',
    );
    expect(startOfCivilDay({ year: 2025, month: 9, day: 7 }, 'America/Santiago').toISOString()).toBe(
      '2025-09-07T04:00:00.000Z',
    );
  });

  it('knows weekdays', () => {
    expect(weekdayOf({ year: 2025, month: 11, day: 26 })).toBe(3);
    expect(weekdayOf({ year: 1970, month: 1, day: 1 })).toBe(4);
    expect(weekdayOf({ year: 1969, month: 12, day: 28 })).toBe(0);
  });
});
