/**
 * The open conversation's row and its thread header must show one waiting time. A list row sees
 * only its newest message; the thread sees every message, so while both say the customer waits,
 * the thread's oldest unanswered inbound wins (DESIGN §3 "Waiting"). The row is re-read at once on
 * every change while thread reads are throttled, so when the row says the brand answered (or the
 * thread has no time) the row wins: a stale thread never keeps an answered conversation waiting.
 */
import type { ConversationObservation, ConversationState } from '../platforms/types';

export function mergeOpenThread(row: ConversationObservation, thread: ConversationState | null | undefined): ConversationObservation {
  if (!thread || thread.key !== row.key) return row;
  if (row.lastIsInbound === false || thread.lastIsInbound !== true || !thread.waitingSince) return row;
  if (row.waitingSince && row.waitingSince.getTime() <= thread.waitingSince.getTime()) return row;
  return { ...row, waitingSince: thread.waitingSince };
}
