import { afterEach, describe, expect, it } from 'vitest';
import {
  countdownMs,
  evaluateSla,
  formatDuration,
  PLATFORM_WINDOWS,
  platformWindows,
  resolveTarget,
  stateAt,
  WINDOW_LABEL_KEYS,
  type SlaInput,
} from '../../../lib/time/sla';
import { createTranslator } from '../../../lib/i18n';
import { SlaPolicySchema, type SlaPolicy } from '../../../lib/time/schemas';
import type { PlatformId } from '../../../lib/platforms/types';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const d = (iso: string) => new Date(iso);
const iso = (x: Date | null) => x?.toISOString() ?? null;

const policy = (input: Record<string, unknown> = {}): SlaPolicy => SlaPolicySchema.parse(input);
const nineToFive = (timeZone: string, holidays: string[] = []) => {
  const day = [{ start: '09:00', end: '17:00' }];
  return { timeZone, days: [[], day, day, day, day, day, []], holidays };
};

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe('resolveTarget', () => {
  const p = policy({
    replyTargetMinutes: 240,
    firstResponseTargetMinutes: 60,
    perPlatform: { x: { replyTargetMinutes: 30 }, tiktok: { firstResponseTargetMinutes: 15 }, youtube: { replyTargetMinutes: 600, firstResponseTargetMinutes: 900 } },
  });
  it.each([
    ['facebook', false, 240 * M, 'reply', 'team'],
    ['facebook', true, 60 * M, 'firstResponse', 'team'],
    ['x', false, 30 * M, 'reply', 'platform'],
    ['x', true, 30 * M, 'reply', 'platform'], // the reply override is stricter than the team's first-response
    ['tiktok', true, 15 * M, 'firstResponse', 'platform'],
    ['tiktok', false, 240 * M, 'reply', 'team'],
    ['youtube', true, 600 * M, 'reply', 'platform'],
  ] as [PlatformId, boolean, number, string, string][])('%s first=%s → %d', (platform, first, ms, kind, source) => {
    expect(resolveTarget(p, platform, first)).toEqual({ ms, kind, source });
  });

  it('defaults to a 24 h reply target', () => {
    expect(resolveTarget(policy(), 'linkedin', true)).toEqual({ ms: 24 * H, kind: 'reply', source: 'team' });
  });
});

describe('evaluateSla around the clock (the default)', () => {
  const since = d('2025-11-20T10:00:00Z');
  const base: Omit<SlaInput, 'now'> = { policy: policy(), platform: 'x', waitingSince: since, surface: 'comment' };
  it.each([
    // [now offset from since, state, fraction]
    [0, 'ok', 0],
    [18 * H - 1, 'ok', (18 * H - 1) / D],
    [18 * H, 'warn', 0.75],
    [24 * H - 1, 'warn', (24 * H - 1) / D],
    [24 * H, 'breach', 1],
    [30 * H, 'breach', 1.25],
    [-5 * M, 'ok', 0], // clock skew: a wait that starts slightly in the future has not started
  ])('after %d ms → %s', (offset, state, fraction) => {
    const r = evaluateSla({ ...base, now: new Date(since.getTime() + offset) });
    expect(r.state).toBe(state);
    expect(r.fraction).toBeCloseTo(fraction, 12);
    expect(iso(r.dueAt)).toBe('2025-11-21T10:00:00.000Z');
    expect(iso(r.warnAt)).toBe('2025-11-21T04:00:00.000Z');
    expect(r.remainingMs).toBe(D - Math.max(0, offset));
    expect(r.businessHours).toBe(false);
    expect([r.clockRunning, r.resumesAt]).toEqual([true, null]);
    expect(iso(r.nextChangeAt)).toBe(state === 'ok' ? '2025-11-21T04:00:00.000Z' : state === 'warn' ? '2025-11-21T10:00:00.000Z' : null);
    expect(r.windows).toEqual([]);
  });

  it('is unknown when the waiting time is unknown', () => {
    const r = evaluateSla({ ...base, waitingSince: null, now: since });
    expect(r).toMatchObject({ state: 'unknown', dueAt: null, warnAt: null, remainingMs: null, fraction: null, nextChangeAt: null });
    expect(evaluateSla({ ...base, waitingSince: new Date(Number.NaN), now: since }).state).toBe('unknown');
  });

  it('honours the warn threshold and per-platform override', () => {
    const p = policy({ warnAt: 0.5, perPlatform: { instagram: { replyTargetMinutes: 60 } } });
    const now = new Date(since.getTime() + 30 * M);
    expect(evaluateSla({ policy: p, platform: 'instagram', waitingSince: since, now }).state).toBe('warn');
    expect(evaluateSla({ policy: p, platform: 'facebook', waitingSince: since, now }).state).toBe('ok');
    const late = new Date(since.getTime() + 61 * M);
    expect(evaluateSla({ policy: p, platform: 'instagram', waitingSince: since, now: late })).toMatchObject({
      state: 'breach',
      remainingMs: -M,
    });
  });

  it('applies the server clock offset', () => {
    // The device is 10 minutes slow: at device 17:55 the server says 18:05 → warn.
    const now = new Date(since.getTime() + 17 * H + 55 * M);
    expect(evaluateSla({ ...base, now }).state).toBe('ok');
    expect(evaluateSla({ ...base, now, serverOffsetMs: 10 * M }).state).toBe('warn');
    expect(evaluateSla({ ...base, now, serverOffsetMs: 10 * M }).remainingMs).toBe(5 * H + 55 * M);
  });
});

describe('evaluateSla in business hours', () => {
  it('Friday 16:45 + 30 min with 09:00–17:00 → due Monday 09:15 (New York)', () => {
    const p = policy({ replyTargetMinutes: 30, businessHours: nineToFive('America/New_York') });
    const since = d('2025-11-21T21:45:00Z'); // Fri 16:45 EST
    const table: [string, string, number, number][] = [
      // [now, state, elapsed, remaining]
      ['2025-11-21T21:50:00Z', 'ok', 5 * M, 25 * M],
      ['2025-11-22T15:00:00Z', 'ok', 15 * M, 15 * M], // Saturday: the clock is stopped
      ['2025-11-24T14:07:30Z', 'warn', 22.5 * M, 7.5 * M], // Mon 09:07:30 = 75 %
      ['2025-11-24T14:15:00Z', 'breach', 30 * M, 0],
      ['2025-11-24T14:20:00Z', 'breach', 35 * M, -5 * M],
    ];
    for (const machine of ['UTC', 'Asia/Tokyo']) {
      process.env.TZ = machine;
      for (const [now, state, elapsed, remaining] of table) {
        const r = evaluateSla({ policy: p, platform: 'linkedin', waitingSince: since, now: d(now) });
        expect(r.businessHours).toBe(true);
        expect(iso(r.dueAt)).toBe('2025-11-24T14:15:00.000Z');
        expect(iso(r.warnAt)).toBe('2025-11-24T14:07:30.000Z');
        expect([now, r.state, r.elapsedMs, r.remainingMs]).toEqual([now, state, elapsed, remaining]);
        const saturday = now.startsWith('2025-11-22');
        expect([r.clockRunning, iso(r.resumesAt)]).toEqual(saturday ? [false, '2025-11-24T14:00:00.000Z'] : [true, null]);
      }
    }
  });

  it('counts across the UK fall-back weekend and a holiday', () => {
    const p = policy({ replyTargetMinutes: 120, businessHours: nineToFive('Europe/London', ['2025-10-27']) });
    const r = evaluateSla({ policy: p, platform: 'facebook', waitingSince: d('2025-10-24T15:00:00Z'), now: d('2025-10-25T12:00:00Z') });
    // Fri 16:00 BST: 1 h left that day; Monday is a holiday; Tuesday 09:00 GMT + 1 h.
    expect(iso(r.dueAt)).toBe('2025-10-28T10:00:00.000Z');
    expect(r.elapsedMs).toBe(H);
    expect(r.state).toBe('ok');
  });

  it('counts an overnight shift across midnight (Riyadh)', () => {
    const night = [{ start: '22:00', end: '06:00' }];
    const p = policy({
      replyTargetMinutes: 240,
      businessHours: { timeZone: 'Asia/Riyadh', days: [night, night, night, night, night, [], []], holidays: [] },
    });
    // Thursday 23:00 Riyadh: 7 h of Thursday's shift remain, so 4 h later is Friday 03:00.
    const r = evaluateSla({ policy: p, platform: 'tiktok', waitingSince: d('2025-11-20T20:00:00Z'), now: d('2025-11-20T23:00:00Z'), surface: 'comment' });
    expect(iso(r.dueAt)).toBe('2025-11-21T00:00:00.000Z');
    expect(r.fraction).toBe(0.75);
    expect(r.state).toBe('warn');
  });

  it('never breaches on a schedule without working time', () => {
    const p = policy({ businessHours: { timeZone: 'UTC', days: [[], [], [], [], [], [], []], holidays: [] } });
    const r = evaluateSla({ policy: p, platform: 'x', waitingSince: d('2025-11-01T00:00:00Z'), now: d('2025-11-20T00:00:00Z') });
    expect(r).toMatchObject({ state: 'ok', dueAt: null, warnAt: null, elapsedMs: 0, remainingMs: 24 * H, nextChangeAt: null });
  });
});

describe('pure countdowns', () => {
  it('countdownMs depends only on (due, offset, now)', () => {
    const due = d('2025-11-21T10:00:00Z');
    expect(countdownMs(due, 0, d('2025-11-21T09:00:00Z'))).toBe(H);
    expect(countdownMs(due, 5 * M, d('2025-11-21T09:00:00Z'))).toBe(55 * M);
    expect(countdownMs(due, -5 * M, d('2025-11-21T11:00:00Z'))).toBe(-55 * M);
  });

  it('stateAt from one evaluation agrees with a fresh evaluation at every later tick', () => {
    const policies = [
      policy(),
      policy({ replyTargetMinutes: 90, warnAt: 0.6, businessHours: nineToFive('America/New_York') }),
      policy({ replyTargetMinutes: 600, businessHours: nineToFive('Europe/London', ['2025-03-31']) }),
    ];
    const since = d('2025-03-07T20:30:00Z'); // Friday afternoon before the US clock change
    for (const p of policies) {
      for (const offset of [0, 7 * M, -3 * M]) {
        const first = evaluateSla({ policy: p, platform: 'facebook', waitingSince: since, now: since, serverOffsetMs: offset });
        for (let t = since.getTime(); t < since.getTime() + 6 * D; t += 17 * M) {
          const now = new Date(t);
          const fresh = evaluateSla({ policy: p, platform: 'facebook', waitingSince: since, now, serverOffsetMs: offset });
          expect(stateAt(first, offset, now), now.toISOString()).toBe(fresh.state);
        }
      }
    }
  });
});

describe('platform reply windows', () => {
  const since = d('2025-11-20T10:00:00Z');
  const last = d('2025-11-20T12:00:00Z');
  const now = d('2025-11-21T11:00:00Z');
  const ids = (platform: PlatformId, firstResponse = false, surface: 'message' | 'comment' = 'message') =>
    platformWindows({ platform, surface, firstResponse, waitingSince: since, lastInboundAt: last, now }).map((w) => w.id);

  it('lists the documented windows per platform', () => {
    expect(ids('facebook')).toEqual(['meta-standard', 'meta-human-agent']);
    expect(ids('facebook', true)).toEqual(['meta-standard', 'meta-human-agent', 'facebook-very-responsive']);
    expect(ids('instagram', true)).toEqual(['meta-standard', 'meta-human-agent']);
    expect(ids('tiktok')).toEqual(['tiktok-dm']);
    expect(ids('x')).toEqual([]);
    expect(ids('linkedin')).toEqual([]);
    expect(ids('youtube')).toEqual([]);
    expect(ids('facebook', false, 'comment')).toEqual([]);
  });

  it('counts windows from the last inbound message on the wall clock', () => {
    const r = evaluateSla({ policy: policy({ businessHours: nineToFive('UTC') }), platform: 'facebook', waitingSince: since, lastInboundAt: last, now, firstResponse: true });
    const byId = Object.fromEntries(r.windows.map((w) => [w.id, w]));
    expect(iso(byId['meta-standard']?.closesAt ?? null)).toBe('2025-11-21T12:00:00.000Z');
    expect(byId['meta-standard']).toMatchObject({ open: true, remainingMs: H, kind: 'window' });
    expect(iso(byId['meta-human-agent']?.closesAt ?? null)).toBe('2025-11-27T12:00:00.000Z');
    expect(byId['facebook-very-responsive']).toMatchObject({ open: false, kind: 'pace', remainingMs: -(25 * H - 15 * M) });
    const tiktok = platformWindows({ platform: 'tiktok', surface: 'message', firstResponse: false, waitingSince: since, now });
    expect(tiktok[0]).toMatchObject({ maxReplies: 10, remainingMs: 23 * H, open: true });
  });

  it('names every window in English and Arabic', () => {
    for (const locale of ['en', 'ar'] as const) {
      const { t } = createTranslator(locale);
      for (const w of PLATFORM_WINDOWS) {
        const label = t(WINDOW_LABEL_KEYS[w.id]);
        expect(label.length).toBeGreaterThan(0);
        expect(label).not.toBe(WINDOW_LABEL_KEYS[w.id]);
        expect(t('time.window.closesIn', { name: label, time: formatDuration(H, locale) })).toContain(label);
      }
    }
    expect(createTranslator('ar').t('time.window.meta-standard')).not.toBe(createTranslator('en').t('time.window.meta-standard'));
  });

  it('has no windows when the wait is unknown', () => {
    expect(platformWindows({ platform: 'facebook', surface: 'message', firstResponse: true, waitingSince: null, now })).toEqual([]);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [999, '0s'],
    [45 * S, '45s'],
    [M, '1m'],
    [12 * M + 59 * S, '12m'],
    [H, '1h 00m'],
    [3 * H + 5 * M, '3h 05m'],
    [23 * H + 59 * M + 59 * S, '23h 59m'],
    [D, '1d 0h'],
    [2 * D + 4 * H + 30 * M, '2d 4h'],
    [-(3 * H + 5 * M), '-3h 05m'],
    [-500, '0s'],
    [Number.NaN, '0s'],
  ])('%d ms in en → %s', (ms, text) => {
    expect(formatDuration(ms, 'en')).toBe(text);
  });

  it('localises digits, units and joiners through Intl', () => {
    const arSA = formatDuration(3 * H + 5 * M, 'ar-SA');
    const nf = (unit: string, v: number, pad = false) =>
      new Intl.NumberFormat('ar-SA', { style: 'unit', unit, unitDisplay: 'narrow', minimumIntegerDigits: pad ? 2 : 1 }).format(v);
    expect(arSA).toBe(new Intl.ListFormat('ar-SA', { type: 'unit', style: 'narrow' }).format([nf('hour', 3), nf('minute', 5, true)]));
    expect(arSA).toMatch(/[٠-٩]/);
    expect(arSA).not.toMatch(/[0-9]/);
    expect(formatDuration(2 * D + 4 * H, 'fr')).toBe('2j 4h');
    expect(formatDuration(3 * H + 5 * M, 'es-419')).toMatch(/^3\s?h 05\s?min$/);
    expect(formatDuration(3 * H, 'not a locale!!')).toBe('3h 00m');
  });
});
