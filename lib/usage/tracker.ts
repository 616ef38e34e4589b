/**
 * The activity machine (DESIGN §9): active time = a supported inbox tab is the active tab of the
 * focused window and the user is not idle (locked counts as idle). Pure: the background feeds it
 * browser events and persists the state it returns after every step, so a killed worker resumes
 * where it stopped and loses at most one heartbeat interval.
 *
 * Phantom hours are the failure to avoid: while the machine is not running (laptop asleep,
 * browser closed, worker dead and no alarm firing) nobody can vouch for activity, so an open
 * interval whose last heartbeat is older than `maxGapMs` is closed at that last heartbeat.
 */
import type { PlatformId } from '../platforms/types';
import type { ActiveInterval, IdleState, TrackerState, WindowTab } from './schemas';

export type TrackerEvent =
  /** Browser (profile) start: everything from the previous run is stale. */
  | { type: 'startup' }
  /** The real tabs and focus, queried when the worker starts, replacing what was remembered. */
  | { type: 'snapshot'; focusedWindowId: number | null; activeTabs: WindowTab[]; idle: IdleState }
  | { type: 'tabActivated'; windowId: number; tabId: number; platform: PlatformId | null }
  /** A tab's URL changed (SPA navigation included); only matters for a window's active tab. */
  | { type: 'tabUpdated'; windowId: number; tabId: number; active: boolean; platform: PlatformId | null }
  | { type: 'tabRemoved'; windowId: number; tabId: number }
  /** null = WINDOW_ID_NONE: focus left the browser. */
  | { type: 'windowFocus'; windowId: number | null }
  | { type: 'idle'; state: IdleState }
  | { type: 'heartbeat' };

export interface TrackerConfig {
  /** A heartbeat gap longer than this means the machine was not running (sleep, restart). */
  maxGapMs: number;
  /** The idle API's detection threshold: going idle means the last input was this long ago. */
  idleThresholdMs: number;
}

/** Heartbeat every minute; three missed beats (alarms may run late) mean we were not running. */
export const HEARTBEAT_MINUTES = 1;
export const IDLE_THRESHOLD_SECONDS = 60;
export const DEFAULT_TRACKER_CONFIG: TrackerConfig = {
  maxGapMs: 3 * HEARTBEAT_MINUTES * 60_000,
  idleThresholdMs: IDLE_THRESHOLD_SECONDS * 1000,
};

export function initialTrackerState(): TrackerState {
  return { id: 'tracker', focusedWindowId: null, activeTabs: [], idle: 'active', open: null };
}

export interface StepResult {
  state: TrackerState;
  /** Intervals that ended in this step, to append to the raw store. */
  closed: ActiveInterval[];
}

/** The platform being worked on right now, or null. */
export function activePlatform(s: Pick<TrackerState, 'focusedWindowId' | 'activeTabs' | 'idle'>): PlatformId | null {
  if (s.idle !== 'active' || s.focusedWindowId === null) return null;
  return s.activeTabs.find((t) => t.windowId === s.focusedWindowId)?.platform ?? null;
}

function setActiveTab(tabs: WindowTab[], tab: WindowTab): WindowTab[] {
  return [...tabs.filter((t) => t.windowId !== tab.windowId), tab];
}

function applyFacts(s: TrackerState, e: TrackerEvent): TrackerState {
  switch (e.type) {
    case 'startup':
      return { ...s, focusedWindowId: null, activeTabs: [], idle: 'active' };
    case 'snapshot':
      return { ...s, focusedWindowId: e.focusedWindowId, activeTabs: e.activeTabs, idle: e.idle };
    case 'tabActivated':
      return { ...s, activeTabs: setActiveTab(s.activeTabs, { windowId: e.windowId, tabId: e.tabId, platform: e.platform }) };
    case 'tabUpdated': {
      const known = s.activeTabs.find((t) => t.windowId === e.windowId);
      // An update to a background tab changes nothing we measure.
      if (!e.active && known?.tabId !== e.tabId) return s;
      return { ...s, activeTabs: setActiveTab(s.activeTabs, { windowId: e.windowId, tabId: e.tabId, platform: e.platform }) };
    }
    case 'tabRemoved':
      return { ...s, activeTabs: s.activeTabs.filter((t) => t.tabId !== e.tabId) };
    case 'windowFocus':
      return { ...s, focusedWindowId: e.windowId };
    case 'idle':
      return { ...s, idle: e.state };
    case 'heartbeat':
      return s;
  }
}

function close(platform: PlatformId, start: number, end: number, out: ActiveInterval[]): void {
  if (end > start) out.push({ platform, start, end });
}

/**
 * Advance the machine to `now` and apply one event. Order matters: first decide what the time
 * since the last step was (still active, or a gap nobody saw), then apply the event, then open
 * or close the interval for what is true from `now` on.
 */
export function step(state: TrackerState, event: TrackerEvent, now: number, cfg: TrackerConfig = DEFAULT_TRACKER_CONFIG): StepResult {
  const closed: ActiveInterval[] = [];
  let open = state.open;

  if (open) {
    if (event.type === 'startup' || now - open.lastBeat > cfg.maxGapMs || now < open.lastBeat) {
      // Not running since the last beat (or the clock went backwards): end it where we last saw it.
      close(open.platform, open.start, open.lastBeat, closed);
      open = null;
    } else {
      open = { ...open, lastBeat: now };
    }
  }

  const next = applyFacts({ ...state, open }, event);
  const want = activePlatform(next);

  if (open && want !== open.platform) {
    let end = now;
    // Going idle means the last input was a threshold ago; that minute was not work.
    if (event.type === 'idle' && event.state === 'idle') end = Math.max(open.start, now - cfg.idleThresholdMs);
    close(open.platform, open.start, end, closed);
    open = null;
  }
  if (want && !open) open = { platform: want, start: now, lastBeat: now };

  return { state: { ...next, open }, closed };
}

/** The open interval counted up to `now`, as the summary should see it (nothing past a gap). */
export function openSoFar(state: TrackerState, now: number, cfg: TrackerConfig = DEFAULT_TRACKER_CONFIG): ActiveInterval | null {
  const o = state.open;
  if (!o) return null;
  const end = now - o.lastBeat > cfg.maxGapMs || now < o.lastBeat ? o.lastBeat : now;
  return end > o.start ? { platform: o.platform, start: o.start, end } : null;
}
