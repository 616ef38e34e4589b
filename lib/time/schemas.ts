/**
 * Persisted shapes of time settings (DESIGN §5, §9). The maths on them lives beside this file
 * (schedule.ts, sla.ts); one schedule shape serves the team's business hours and the user's own
 * working hours.
 */
import { z } from 'zod';
import { PLATFORM_IDS } from '../platforms/types';

/** "HH:MM", 00:00–24:00. */
export const ClockTimeSchema = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Use HH:MM (00:00–24:00)');

/**
 * One working period. `end` at or before `start` means the period runs past midnight into the
 * next day (an overnight shift); it belongs to the day it starts on.
 */
export const PeriodSchema = z.strictObject({ start: ClockTimeSchema, end: ClockTimeSchema });
export type Period = z.infer<typeof PeriodSchema>;

export const IanaZoneSchema = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'Unknown time zone');

/** Calendar date "YYYY-MM-DD" in the schedule's zone. */
export const IsoDateSchema = z.iso.date();

export const WeeklyScheduleSchema = z.strictObject({
  timeZone: IanaZoneSchema,
  /** Index 0 = Sunday … 6 = Saturday; an empty list is a day off. */
  days: z.array(z.array(PeriodSchema).max(8)).length(7),
  /** Dates with no working time at all (public holidays, leave). */
  holidays: z.array(IsoDateSchema).max(1000).default([]),
});
export type WeeklySchedule = z.infer<typeof WeeklyScheduleSchema>;

const PlatformTargetSchema = z.strictObject({
  replyTargetMinutes: z.number().int().positive().max(60 * 24 * 60).optional(),
  firstResponseTargetMinutes: z.number().int().positive().max(60 * 24 * 60).optional(),
});

export const SlaPolicySchema = z.strictObject({
  /** Reply target: how long a waiting customer may wait (default 24 h). */
  replyTargetMinutes: z.number().int().positive().max(60 * 24 * 60).default(24 * 60),
  /** Optional stricter target for a conversation's first response. */
  firstResponseTargetMinutes: z.number().int().positive().max(60 * 24 * 60).nullable().default(null),
  /** Fraction of the target at which a timer turns to `warn` (default 75 %). */
  warnAt: z.number().gt(0).lt(1).default(0.75),
  perPlatform: z.partialRecord(z.enum(PLATFORM_IDS), PlatformTargetSchema).default({}),
  /** null = 24/7 (the default for social); otherwise SLA time counts only inside these hours. */
  businessHours: WeeklyScheduleSchema.nullable().default(null),
});
export type SlaPolicy = z.infer<typeof SlaPolicySchema>;

export const DEFAULT_SLA_POLICY: SlaPolicy = SlaPolicySchema.parse({});

/** Monday–Friday 09:00–17:00 in `timeZone`: the starting point for business and working hours. */
export function defaultWeekdaySchedule(timeZone: string): WeeklySchedule {
  const day = [{ start: '09:00', end: '17:00' }];
  return { timeZone, days: [[], day, day, day, day, day, []], holidays: [] };
}
