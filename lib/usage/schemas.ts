/**
 * Persisted shapes of personal after-hours usage (DESIGN §9). Everything here stays in this
 * browser's IndexedDB: it is never synced, never sent to the team server, never readable by a
 * lead. Times are ms since the epoch; days are "YYYY-MM-DD" in the working schedule's zone.
 */
import { z } from 'zod';
import { PLATFORM_IDS } from '../platforms/types';

const Ms = z.number().int().nonnegative();
export const PlatformIdSchema = z.enum(PLATFORM_IDS);

/** A closed span of active time on one platform. `id` is assigned by IndexedDB. */
export const ActiveIntervalSchema = z.strictObject({
  id: z.number().int().positive().optional(),
  platform: PlatformIdSchema,
  start: Ms,
  end: Ms,
});
export type ActiveInterval = z.infer<typeof ActiveIntervalSchema>;

/** The span being accrued now; `lastBeat` is the last moment the background saw it alive. */
export const OpenIntervalSchema = z.strictObject({
  platform: PlatformIdSchema,
  start: Ms,
  lastBeat: Ms,
});
export type OpenInterval = z.infer<typeof OpenIntervalSchema>;

export const IdleStateSchema = z.enum(['active', 'idle', 'locked']);
export type IdleState = z.infer<typeof IdleStateSchema>;

/** The active tab of one window and the platform its URL belongs to (null: no inbox). */
export const WindowTabSchema = z.strictObject({
  windowId: z.number().int(),
  tabId: z.number().int(),
  platform: PlatformIdSchema.nullable(),
});
export type WindowTab = z.infer<typeof WindowTabSchema>;

/** The activity machine's whole state, persisted after every step (lib/usage/tracker.ts). */
export const TrackerStateSchema = z.strictObject({
  id: z.literal('tracker'),
  /** The focused browser window, null when none is (another app has focus). */
  focusedWindowId: z.number().int().nullable(),
  activeTabs: z.array(WindowTabSchema).max(500),
  idle: IdleStateSchema,
  open: OpenIntervalSchema.nullable(),
});
export type TrackerState = z.infer<typeof TrackerStateSchema>;

/**
 * An after-hours stretch that may still continue: aggregation is incremental, so a stretch
 * crossing midnight or an aggregation run is carried here instead of being cut in two.
 */
export const StretchSchema = z.strictObject({ day: z.iso.date(), start: Ms, end: Ms });
export type Stretch = z.infer<typeof StretchSchema>;

/** Where incremental aggregation stands: raw intervals before `until` are already in usageDays. */
export const AggregationCursorSchema = z.strictObject({
  id: z.literal('aggregation'),
  until: Ms,
  stretch: StretchSchema.nullable(),
});
export type AggregationCursor = z.infer<typeof AggregationCursorSchema>;

export type UsageStateRecord = TrackerState | AggregationCursor;

export const PlatformDaySchema = z.strictObject({ inHoursMs: Ms, afterHoursMs: Ms });
export type PlatformDay = z.infer<typeof PlatformDaySchema>;

/** One local day's totals. Kept for at least 26 weeks (see USAGE_RETENTION_DAYS). */
export const DayAggregateSchema = z.strictObject({
  day: z.iso.date(),
  platforms: z.partialRecord(PlatformIdSchema, PlatformDaySchema),
  /** Active time between 22:00 and 05:00, counted on the day the night starts. */
  lateNightMs: Ms,
  /** Longest run of after-hours activity that started on this day (short gaps joined). */
  longestAfterHoursMs: Ms,
});
export type DayAggregate = z.infer<typeof DayAggregateSchema>;
