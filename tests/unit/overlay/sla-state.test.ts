import { describe, expect, it } from 'vitest';
import { createTranslator } from '@/lib/i18n';
import { slaSnapshot } from '@/lib/overlay/sla-state';
import { timerView } from '@/lib/overlay/view';
import { DEFAULT_SLA_POLICY, SlaPolicySchema, defaultWeekdaySchedule } from '@/lib/time/schemas';

describe('slaSnapshot: the badge through the real SLA engine', () => {
  it('defaults: 24 h target, warn at 75 %', () => {
    const since = new Date('2026-03-02T00:00:00Z');
    const s = slaSnapshot(since, 'x', DEFAULT_SLA_POLICY, new Date('2026-03-02T19:00:00Z'));
    expect(s.state).toBe('warn');
    expect(s.dueAt.toISOString()).toBe('2026-03-03T00:00:00.000Z');
    expect(s.nextChangeAt?.toISOString()).toBe('2026-03-03T00:00:00.000Z');
    expect(s.businessHours).toBe(false);
  });

  it('business hours: Friday 16:45 + 30 min is due Monday 09:15, and the label shows both clocks', () => {
    const policy = SlaPolicySchema.parse({ replyTargetMinutes: 30, businessHours: defaultWeekdaySchedule('UTC') });
    const since = new Date('2026-03-06T16:45:00Z'); // Friday
    const now = new Date('2026-03-06T16:50:00Z');
    const s = slaSnapshot(since, 'linkedin', policy, now);
    expect(s.dueAt.toISOString()).toBe('2026-03-09T09:15:00.000Z');
    expect(s.remainingMs).toBe(25 * 60_000);
    const v = timerView({
      conv: { key: 'k', lastIsInbound: true, waitingSince: since, customerName: null },
      sla: s,
      now,
      translator: createTranslator('en'),
      timeZone: 'UTC',
    });
    expect(v.label).toBe('Waiting 5 minutes, due in 25 minutes; due Mon 9:15 AM');
  });
});
