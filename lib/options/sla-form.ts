/**
 * The SLA section of options edits hours and percentages as text; this converts that form to a
 * validated SlaPolicy (or per-field i18n error keys) and back. Pure, so it is table-tested.
 */
import { PLATFORM_IDS, type PlatformId } from '../platforms/types';
import { SlaPolicySchema, type SlaPolicy, type WeeklySchedule } from '../time/schemas';
import type { MessageKey } from '../i18n';

export interface SlaForm {
  replyHours: string;
  firstHours: string;
  warnPercent: string;
  perPlatformHours: Record<PlatformId, string>;
  businessHours: WeeklySchedule | null;
}

const MAX_HOURS = 1440; // 60 days, the schema's bound

const hoursText = (minutes: number | null | undefined) =>
  minutes == null ? '' : String(Math.round((minutes / 60) * 100) / 100);

export function formFromPolicy(p: SlaPolicy): SlaForm {
  return {
    replyHours: hoursText(p.replyTargetMinutes),
    firstHours: hoursText(p.firstResponseTargetMinutes),
    warnPercent: String(Math.round(p.warnAt * 100)),
    perPlatformHours: Object.fromEntries(
      PLATFORM_IDS.map((id) => [id, hoursText(p.perPlatform[id]?.replyTargetMinutes)]),
    ) as Record<PlatformId, string>,
    businessHours: p.businessHours,
  };
}

/** Hours text → whole minutes, or null when not a number in (0, MAX_HOURS]. Accepts "1,5". */
function parseHours(text: string): number | null {
  const n = Number(text.trim().replace(',', '.'));
  if (!Number.isFinite(n) || n <= 0 || n > MAX_HOURS) return null;
  return Math.max(1, Math.round(n * 60));
}

export type SlaFormResult =
  | { ok: true; policy: SlaPolicy }
  | { ok: false; errors: Record<string, MessageKey> };

export function policyFromForm(form: SlaForm): SlaFormResult {
  const errors: Record<string, MessageKey> = {};
  const reply = parseHours(form.replyHours);
  if (reply === null) errors.replyHours = 'sla.error.hours';
  let first: number | null = null;
  if (form.firstHours.trim() !== '') {
    first = parseHours(form.firstHours);
    if (first === null) errors.firstHours = 'sla.error.hours';
  }
  const pct = Number(form.warnPercent.trim());
  if (!Number.isInteger(pct) || pct < 1 || pct > 99) errors.warnPercent = 'sla.error.percent';
  const perPlatform: SlaPolicy['perPlatform'] = {};
  for (const id of PLATFORM_IDS) {
    const text = form.perPlatformHours[id]?.trim() ?? '';
    if (text === '') continue;
    const minutes = parseHours(text);
    if (minutes === null) errors[`perPlatform.${id}`] = 'sla.error.hours';
    else perPlatform[id] = { replyTargetMinutes: minutes };
  }
  const parsed = SlaPolicySchema.safeParse({
    replyTargetMinutes: reply ?? 1,
    firstResponseTargetMinutes: first,
    warnAt: pct / 100,
    perPlatform,
    businessHours: form.businessHours,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String);
      if (path[0] !== 'businessHours') continue;
      const rest = path.slice(1).join('.');
      errors[`businessHours.${rest}`] =
        path[1] === 'timeZone' ? 'schedule.error.zone' : path[1] === 'holidays' ? 'schedule.error.date' : 'schedule.error.time';
    }
    if (Object.keys(errors).length === 0) errors.form = 'options.saveFailed';
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, policy: parsed.data };
}
