/**
 * The badge's one door to SLA maths: (waiting since, platform, policy, now) → snapshot.
 * Around-the-clock policies (the default for social) are a fixed target from the wait's
 * start; business-hours policies need schedule maths that this door does not have, so they
 * throw and the badge shows "unknown" rather than a wrong number.
 */
import type { PlatformId } from '../platforms/types';
import type { SlaPolicy } from '../time/schemas';
import type { SlaSnapshot } from './view';

export function slaSnapshot(since: Date, platform: PlatformId, policy: SlaPolicy, now: Date): SlaSnapshot {
  if (policy.businessHours) throw new RangeError('business-hours policies need the schedule engine');
  const target = (policy.perPlatform[platform]?.replyTargetMinutes ?? policy.replyTargetMinutes) * 60_000;
  const start = since.getTime();
  const dueAt = start + target;
  const warnAt = start + target * policy.warnAt;
  const t = now.getTime();
  const state = t >= dueAt ? 'breach' : t >= warnAt ? 'warn' : 'ok';
  return {
    state,
    dueAt: new Date(dueAt),
    remainingMs: dueAt - t,
    nextChangeAt: state === 'ok' ? new Date(warnAt) : state === 'warn' ? new Date(dueAt) : null,
    businessHours: false,
  };
}
