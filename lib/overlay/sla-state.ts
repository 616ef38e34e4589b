/**
 * The badge's one door to the SLA engine (lib/time/sla.ts): (waiting since, platform, policy,
 * now) → the snapshot a badge draws. Throws when the engine cannot give a due time (unknown
 * start, a schedule without working time) so the badge shows "unknown", never a guess.
 */
import type { PlatformId } from '../platforms/types';
import { evaluateSla } from '../time/sla';
import type { SlaPolicy } from '../time/schemas';
import type { SlaSnapshot } from './view';

export function slaSnapshot(since: Date, platform: PlatformId, policy: SlaPolicy, now: Date): SlaSnapshot {
  const s = evaluateSla({ policy, platform, waitingSince: since, now });
  if (s.state === 'unknown' || !s.dueAt || s.remainingMs === null) {
    throw new RangeError('no due time for this conversation');
  }
  return {
    state: s.state,
    warnAt: s.warnAt,
    dueAt: s.dueAt,
    remainingMs: s.remainingMs,
    nextChangeAt: s.nextChangeAt,
    businessHours: s.businessHours,
  };
}
