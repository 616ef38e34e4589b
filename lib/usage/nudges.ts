/**
 * Gentle, opt-in nudges (issue 5): nothing nags by default. The user may set a weekly
 * after-hours budget and a late-night limit; when one is exceeded the popup shows a quiet,
 * dismissible note, at most once a day per nudge.
 */
import { z } from 'zod';
import type { UsageSummary } from './summary';

export const UsageNudgesSchema = z.strictObject({
  /** After-hours minutes per 7 days before a nudge; null = off (the default). */
  weeklyBudgetMinutes: z.number().int().min(1).max(7 * 24 * 60).nullable().default(null),
  /** Late nights per 7 days before a nudge; null = off (the default). */
  lateNightLimit: z.number().int().min(1).max(7).nullable().default(null),
});
export type UsageNudges = z.infer<typeof UsageNudgesSchema>;
export const DEFAULT_USAGE_NUDGES: UsageNudges = UsageNudgesSchema.parse({});

/** Ids of nudges the user dismissed ("budget:2026-11-26"); only the newest are kept. */
export const NudgeDismissalsSchema = z.array(z.string().max(40)).max(50);
export const MAX_DISMISSALS = 50;

export type Nudge =
  | { id: string; kind: 'budget'; afterHoursMs: number; budgetMs: number }
  | { id: string; kind: 'lateNights'; lateNights: number; limit: number };

/** The nudges to show now: over a limit the user set, and not dismissed today. */
export function dueNudges(summary: UsageSummary, settings: UsageNudges, dismissed: readonly string[]): Nudge[] {
  const today = summary.today.day;
  const out: Nudge[] = [];
  if (settings.weeklyBudgetMinutes !== null) {
    const budgetMs = settings.weeklyBudgetMinutes * 60_000;
    if (summary.week.afterHoursMs > budgetMs) {
      out.push({ id: `budget:${today}`, kind: 'budget', afterHoursMs: summary.week.afterHoursMs, budgetMs });
    }
  }
  if (settings.lateNightLimit !== null && summary.lateNights >= settings.lateNightLimit) {
    out.push({ id: `lateNights:${today}`, kind: 'lateNights', lateNights: summary.lateNights, limit: settings.lateNightLimit });
  }
  return out.filter((n) => !dismissed.includes(n.id));
}

/** Add a dismissal, keeping the list bounded (oldest dropped). */
export function withDismissal(dismissed: readonly string[], id: string): string[] {
  return [...dismissed.filter((d) => d !== id), id].slice(-MAX_DISMISSALS);
}
