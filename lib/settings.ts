/**
 * User settings kept in extension storage (local to this browser for now; a later issue syncs
 * the team's). Content scripts read and watch them directly; every read is parsed with zod so
 * a corrupt or older value falls back to the default instead of breaking a page.
 * Each feature owns its own item; add new items here.
 */
import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { PLATFORM_IDS, type PlatformId } from './platforms/types';
import { DEFAULT_SLA_POLICY, SlaPolicySchema, type SlaPolicy } from './time/schemas';
import { WeeklyScheduleSchema, defaultWeekdaySchedule, type WeeklySchedule } from './time/schemas';
import { DEFAULT_USAGE_NUDGES, NudgeDismissalsSchema, UsageNudgesSchema, type UsageNudges } from './usage/nudges';

export const PlatformTogglesSchema = z.record(z.enum(PLATFORM_IDS), z.boolean());
export type PlatformToggles = Record<PlatformId, boolean>;
export const DEFAULT_PLATFORM_TOGGLES: PlatformToggles = Object.fromEntries(
  PLATFORM_IDS.map((id) => [id, true]),
) as PlatformToggles;

export const UiLocaleSchema = z.enum(['auto', 'en', 'ar']);
export type UiLocale = z.infer<typeof UiLocaleSchema>;

/** Who the agent is and which brand they answer for: the values of reply variables (issue 3). */
export const ReplyProfileSchema = z.strictObject({
  agentName: z.string().trim().max(120),
  brandName: z.string().trim().max(120),
});
export type ReplyProfile = z.infer<typeof ReplyProfileSchema>;

/** A typed, validated storage item. */
export interface SettingItem<T> {
  key: `local:${string}`;
  schema: z.ZodType<T>;
  fallback: T;
}

export const settingItems = {
  sla: { key: 'local:sla', schema: SlaPolicySchema, fallback: DEFAULT_SLA_POLICY } as SettingItem<SlaPolicy>,
  platforms: {
    key: 'local:platforms',
    schema: PlatformTogglesSchema.transform((v) => ({ ...DEFAULT_PLATFORM_TOGGLES, ...v })),
    fallback: DEFAULT_PLATFORM_TOGGLES,
  } as SettingItem<PlatformToggles>,
  uiLocale: { key: 'local:uiLocale', schema: UiLocaleSchema, fallback: 'auto' } as SettingItem<UiLocale>,
  /** The user's own working hours (after-hours usage, issue 5); default Mon–Fri 09–17 here. */
  workSchedule: {
    key: 'local:workSchedule',
    schema: WeeklyScheduleSchema,
    fallback: defaultWeekdaySchedule(Intl.DateTimeFormat().resolvedOptions().timeZone),
  } as SettingItem<WeeklySchedule>,
  /** Opt-in after-hours nudges; all off by default. */
  usageNudges: { key: 'local:usageNudges', schema: UsageNudgesSchema, fallback: DEFAULT_USAGE_NUDGES } as SettingItem<UsageNudges>,
  /** Nudges the user dismissed in the popup. */
  usageNudgeDismissals: { key: 'local:usageNudgeDismissals', schema: NudgeDismissalsSchema, fallback: [] } as SettingItem<string[]>,
  /** The agent's name and the team's brand name, filled into replies ({{agent.name}}, {{brand.name}}). */
  replyProfile: { key: 'local:replyProfile', schema: ReplyProfileSchema, fallback: { agentName: '', brandName: '' } } as SettingItem<ReplyProfile>,
  /** Crisis mode (a local flag until the team server carries it): only crisis-safe replies are offered. */
  crisisMode: { key: 'local:crisisMode', schema: z.boolean(), fallback: false } as SettingItem<boolean>,
};

/** Parse a stored value; anything invalid (or absent) reads as the default. */
export function parseSetting<T>(item: SettingItem<T>, raw: unknown): T {
  if (raw === null || raw === undefined) return item.fallback;
  const parsed = item.schema.safeParse(raw);
  return parsed.success ? parsed.data : item.fallback;
}

export async function readSetting<T>(item: SettingItem<T>): Promise<T> {
  return parseSetting(item, await storage.getItem(item.key));
}

/** Validate then store; throws a ZodError on an invalid value so forms can show it. */
export async function writeSetting<T>(item: SettingItem<T>, value: T): Promise<void> {
  await storage.setItem(item.key, item.schema.parse(value));
}

/** Call `cb` with each new valid value; returns the unwatch function. */
export function watchSetting<T>(item: SettingItem<T>, cb: (value: T) => void): () => void {
  return storage.watch(item.key, (raw) => cb(parseSetting(item, raw)));
}
