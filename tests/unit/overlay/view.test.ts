import { describe, expect, it } from 'vitest';
import { createTranslator } from '@/lib/i18n';
import { longDuration, shortDuration, textBucket, timerView } from '@/lib/overlay/view';

const en = createTranslator('en');
const ar = createTranslator('ar');
const M = 60_000;
const H = 60 * M;

describe('timer text', () => {
  it.each([
    [0, '0s'],
    [45_000, '45s'],
    [12 * M, '12m'],
    [3 * H + 5 * M, '3h 05m'],
    [50 * H, '2d 2h'],
    [-5_000, '0s'],
  ])('short %i ms → %s', (ms, text) => expect(shortDuration(ms, en)).toBe(text));

  it('spoken durations use the two largest units and plural rules', () => {
    expect(longDuration(30_000, en)).toBe('less than a minute');
    expect(longDuration(M, en)).toBe('1 minute');
    expect(longDuration(3 * H + 12 * M, en)).toBe('3 hours 12 minutes');
    expect(longDuration(26 * H + 30 * M, en)).toBe('1 day 2 hours');
    expect(longDuration(2 * H, ar)).toBe('ساعتان');
    const n = (x: number) => new Intl.NumberFormat('ar').format(x); // digits as CLDR has them
    expect(longDuration(5 * H + 3 * M, ar)).toBe(`${n(5)} ساعات و${n(3)} دقائق`);
  });

  it('the text changes each second in the first minute, then once a minute', () => {
    expect(textBucket(1_000)).not.toBe(textBucket(2_000));
    expect(textBucket(5 * M + 1_000)).toBe(textBucket(5 * M + 59_000));
    expect(textBucket(5 * M)).not.toBe(textBucket(6 * M));
  });

  it('business hours add the wall-clock due time to the label', () => {
    const now = new Date('2026-03-06T16:45:00Z'); // a Friday
    const v = timerView({
      conv: { key: 'k', lastIsInbound: true, waitingSince: new Date('2026-03-06T16:30:00Z'), customerName: null },
      sla: { state: 'ok', warnAt: null, dueAt: new Date('2026-03-09T09:15:00Z'), remainingMs: 30 * M, nextChangeAt: null, businessHours: true },
      now,
      translator: en,
      timeZone: 'UTC',
    });
    expect(v.label).toBe('Waiting 15 minutes, due in 30 minutes; due Mon 9:15 AM');
  });
});
