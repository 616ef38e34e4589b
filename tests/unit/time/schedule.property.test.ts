import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingTime,
  currentWorkingEnd,
  isWorking,
  nextWorkingStart,
  workingIntervals,
  workingMsBetween,
} from '../../../lib/time/schedule';
import { WeeklyScheduleSchema, type WeeklySchedule } from '../../../lib/time/schemas';

const MIN = 60_000;
const DAY = 86_400_000;
const ZONES = ['America/New_York', 'Europe/London', 'Asia/Riyadh', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kolkata', 'UTC'];
const FIXED_OFFSET_MIN: Record<string, number> = { 'Asia/Riyadh': 180, 'Asia/Kolkata': 330, UTC: 0 };
const clock = fc.integer({ min: 0, max: 96 }).map((q) => {
  const m = q * 15;
  return m === 1440 ? '24:00' : `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
});
const period = fc.record({ start: clock, end: clock });
const YEAR_2025 = Date.UTC(2025, 0, 1);
const dayKey = (n: number) => new Date(YEAR_2025 + n * DAY).toISOString().slice(0, 10);

function scheduleArb(zones: string[]): fc.Arbitrary<WeeklySchedule> {
  return fc
    .record({
      timeZone: fc.constantFrom(...zones),
      days: fc.array(fc.array(period, { maxLength: 3 }), { minLength: 7, maxLength: 7 }),
      holidays: fc.uniqueArray(fc.integer({ min: 0, max: 400 }).map(dayKey), { maxLength: 40 }),
    })
    .map((s) => WeeklyScheduleSchema.parse(s));
}
const instant = fc.integer({ min: YEAR_2025, max: YEAR_2025 + 365 * DAY }).map((ms) => new Date(ms));

describe('schedule properties', () => {
  it('working time is additive over adjacent ranges', () => {
    fc.assert(
      fc.property(scheduleArb(ZONES), instant, fc.integer({ min: 0, max: 10 * DAY }), fc.integer({ min: 0, max: 10 * DAY }), (s, a, x, y) => {
        const b = new Date(a.getTime() + x);
        const c = new Date(b.getTime() + y);
        expect(workingMsBetween(s, a, b) + workingMsBetween(s, b, c)).toBe(workingMsBetween(s, a, c));
      }),
      { numRuns: 150 },
    );
  });

  it('intervals are sorted, disjoint, non-touching and inside the range', () => {
    fc.assert(
      fc.property(scheduleArb(ZONES), instant, fc.integer({ min: 1, max: 20 * DAY }), (s, a, len) => {
        const b = new Date(a.getTime() + len);
        const list = workingIntervals(s, a, b);
        let prevEnd = -Infinity;
        for (const { start, end } of list) {
          expect(start.getTime()).toBeGreaterThan(prevEnd);
          expect(end.getTime()).toBeGreaterThan(start.getTime());
          expect(start.getTime()).toBeGreaterThanOrEqual(a.getTime());
          expect(end.getTime()).toBeLessThanOrEqual(b.getTime());
          prevEnd = end.getTime();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('addWorkingTime is the earliest instant with that much working time', () => {
    fc.assert(
      fc.property(scheduleArb(ZONES), instant, fc.integer({ min: 1, max: 20 * 60 * 60 }).map((sec) => sec * 1000), (s, from, ms) => {
        const due = addWorkingTime(s, from, ms);
        // Every period has positive length and holidays are few, so any period means work ahead.
        const hasWork = s.days.some((d) => d.length > 0);
        if (!hasWork) {
          expect(due).toBeNull();
          return;
        }
        expect(due).not.toBeNull();
        if (!due) return;
        expect(workingMsBetween(s, from, due)).toBe(ms);
        expect(workingMsBetween(s, from, new Date(due.getTime() - 1))).toBe(ms - 1);
      }),
      { numRuns: 100 },
    );
  });

  it('nextWorkingStart and currentWorkingEnd bound the working stretches', () => {
    fc.assert(
      fc.property(scheduleArb(ZONES), instant, (s, at) => {
        const next = nextWorkingStart(s, at);
        if (next) {
          expect(next.getTime()).toBeGreaterThanOrEqual(at.getTime());
          expect(isWorking(s, next)).toBe(true);
          expect(workingMsBetween(s, at, next)).toBe(0);
          const end = currentWorkingEnd(s, next);
          expect(end).not.toBeNull();
          if (end) {
            expect(workingMsBetween(s, next, end)).toBe(end.getTime() - next.getTime());
            expect(isWorking(s, end)).toBe(false);
          }
        } else {
          expect(isWorking(s, at)).toBe(false);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('matches plain wall-clock arithmetic in zones without DST', () => {
    // Independent model: local time = UTC + fixed offset; a period covers [start, end) of its
    // own day, or runs into the next day when end ≤ start; holidays drop the day's periods.
    const minutes = (c: string) => Number(c.slice(0, 2)) * 60 + Number(c.slice(3));
    fc.assert(
      fc.property(scheduleArb(Object.keys(FIXED_OFFSET_MIN)), instant, (s, at) => {
        const local = at.getTime() + (FIXED_OFFSET_MIN[s.timeZone] ?? 0) * MIN;
        const dayIndex = Math.floor(local / DAY);
        const minuteOfDay = (local - dayIndex * DAY) / MIN;
        let expected = false;
        for (const [offset, base] of [[0, 0], [-1, 1440]] as const) {
          const day = dayIndex + offset;
          const key = new Date(day * DAY).toISOString().slice(0, 10);
          if (s.holidays.includes(key)) continue;
          const weekday = new Date(day * DAY).getUTCDay();
          for (const p of s.days[weekday] ?? []) {
            const start = minutes(p.start);
            const endRaw = minutes(p.end);
            const end = endRaw <= start ? endRaw + 1440 : endRaw;
            const t = minuteOfDay + base;
            if (t >= start && t < end) expected = true;
          }
        }
        expect(isWorking(s, at)).toBe(expected);
      }),
      { numRuns: 400 },
    );
  });
});
