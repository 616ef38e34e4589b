/**
 * The usage section of options edits the working schedule and the nudges; this turns that form
 * into validated settings (or per-field i18n error keys) and back. Pure, so it is table-tested.
 */
import type { MessageKey } from '../i18n';
import { WeeklyScheduleSchema, type WeeklySchedule } from '../time/schemas';
import { UsageNudgesSchema, type UsageNudges } from './nudges';

export interface UsageSettingsForm {
  schedule: WeeklySchedule;
  budgetHours: string;
  lateNights: string;
}

export type UsageSettingsResult =
  | { ok: true; schedule: WeeklySchedule; nudges: UsageNudges }
  | { ok: false; errors: Record<string, MessageKey> };

const hoursText = (minutes: number | null) => (minutes === null ? '' : String(Math.round((minutes / 60) * 100) / 100));

export function usageFormFrom(schedule: WeeklySchedule, nudges: UsageNudges): UsageSettingsForm {
  return {
    schedule,
    budgetHours: hoursText(nudges.weeklyBudgetMinutes),
    lateNights: nudges.lateNightLimit === null ? '' : String(nudges.lateNightLimit),
  };
}

export function usageSettingsFromForm(form: UsageSettingsForm): UsageSettingsResult {
  const errors: Record<string, MessageKey> = {};

  let weeklyBudgetMinutes: number | null = null;
  if (form.budgetHours.trim() !== '') {
    const h = Number(form.budgetHours.trim().replace(',', '.'));
    if (!Number.isFinite(h) || h <= 0 || h > 168) errors.budgetHours = 'usageOptions.error.budget';
    else weeklyBudgetMinutes = Math.max(1, Math.round(h * 60));
  }
  let lateNightLimit: number | null = null;
  if (form.lateNights.trim() !== '') {
    const n = Number(form.lateNights.trim());
    if (!Number.isInteger(n) || n < 1 || n > 7) errors.lateNights = 'usageOptions.error.lateNights';
    else lateNightLimit = n;
  }

  const schedule = WeeklyScheduleSchema.safeParse(form.schedule);
  if (!schedule.success) {
    for (const issue of schedule.error.issues) {
      const path = issue.path.map(String);
      errors[`schedule.${path.join('.')}`] =
        path[0] === 'timeZone' ? 'schedule.error.zone' : path[0] === 'holidays' ? 'schedule.error.date' : 'schedule.error.time';
    }
  }
  const nudges = UsageNudgesSchema.safeParse({ weeklyBudgetMinutes, lateNightLimit });
  if (Object.keys(errors).length > 0 || !schedule.success || !nudges.success) {
    return { ok: false, errors: Object.keys(errors).length > 0 ? errors : { form: 'options.saveFailed' } };
  }
  return { ok: true, schedule: schedule.data, nudges: nudges.data };
}
