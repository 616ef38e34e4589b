import { describe, expect, it } from 'vitest';
import { formFromPolicy, policyFromForm } from '@/lib/options/sla-form';
import { DEFAULT_SLA_POLICY, defaultWeekdaySchedule } from '@/lib/time/schemas';

const base = formFromPolicy(DEFAULT_SLA_POLICY);

describe('SLA form ⇄ policy', () => {
  it('round-trips the default policy (24 h, warn at 75 %, 24/7)', () => {
    expect(base.replyHours).toBe('24');
    expect(base.warnPercent).toBe('75');
    expect(policyFromForm(base)).toEqual({ ok: true, policy: DEFAULT_SLA_POLICY });
  });

  it.each([
    ['replyHours', '0', 'sla.error.hours'],
    ['replyHours', 'abc', 'sla.error.hours'],
    ['replyHours', '1441', 'sla.error.hours'],
    ['firstHours', '-2', 'sla.error.hours'],
    ['warnPercent', '100', 'sla.error.percent'],
    ['warnPercent', '7.5', 'sla.error.percent'],
  ] as const)('%s = %j is rejected with %s', (field, text, key) => {
    const r = policyFromForm({ ...base, [field]: text });
    expect(r).toEqual({ ok: false, errors: { [field]: key } });
  });

  it('accepts decimal commas, per-platform overrides and business hours', () => {
    const r = policyFromForm({
      ...base,
      replyHours: '1,5',
      firstHours: '0.5',
      perPlatformHours: { ...base.perPlatformHours, x: '2' },
      businessHours: defaultWeekdaySchedule('Europe/London'),
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.policy.replyTargetMinutes).toBe(90);
    expect(r.policy.firstResponseTargetMinutes).toBe(30);
    expect(r.policy.perPlatform).toEqual({ x: { replyTargetMinutes: 120 } });
    expect(formFromPolicy(r.policy).perPlatformHours.x).toBe('2');
  });

  it('points schedule errors at their field', () => {
    const hours = defaultWeekdaySchedule('Not/AZone');
    hours.days[1] = [{ start: '9am', end: '17:00' }];
    const r = policyFromForm({ ...base, businessHours: hours });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors['businessHours.timeZone']).toBe('schedule.error.zone');
    expect(r.errors['businessHours.days.1.0.start']).toBe('schedule.error.time');
  });
});
