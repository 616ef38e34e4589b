import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TRACKER_CONFIG,
  activePlatform,
  initialTrackerState,
  openSoFar,
  step,
  type TrackerEvent,
} from '@/lib/usage/tracker';
import type { ActiveInterval, TrackerState } from '@/lib/usage/schemas';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 26, 20, 0); // any instant: the machine is zone-free

/** Run events at minute offsets from T0; collect every closed interval (as minute offsets). */
function run(events: Array<[number, TrackerEvent]>, from: TrackerState = initialTrackerState()) {
  let state = from;
  const closed: ActiveInterval[] = [];
  for (const [minute, e] of events) {
    const r = step(state, e, T0 + minute * MIN);
    state = r.state;
    closed.push(...r.closed);
  }
  const mins = closed.map((c) => [c.platform, (c.start - T0) / MIN, (c.end - T0) / MIN]);
  return { state, closed: mins };
}

/** The alarm firing once a minute over (from, to]. */
const beats = (from: number, to: number): Array<[number, TrackerEvent]> =>
  Array.from({ length: Math.max(0, Math.floor(to - from)) }, (_, i) => [from + i + 1, { type: 'heartbeat' }]);

const focusX: Array<[number, TrackerEvent]> = [
  [0, { type: 'windowFocus', windowId: 1 }],
  [0, { type: 'tabActivated', windowId: 1, tabId: 10, platform: 'x' }],
];

describe('activity machine', () => {
  it('accrues while an inbox tab is the focused tab of the focused window', () => {
    const { state, closed } = run([...focusX, [1, { type: 'heartbeat' }], [2, { type: 'heartbeat' }]]);
    expect(closed).toEqual([]);
    expect(state.open).toEqual({ platform: 'x', start: T0, lastBeat: T0 + 2 * MIN });
    expect(openSoFar(state, T0 + 2.5 * MIN)).toEqual({ platform: 'x', start: T0, end: T0 + 2.5 * MIN });
  });

  it('does not count a non-inbox tab, an unfocused window or another window’s inbox tab', () => {
    const { state, closed } = run([
      [0, { type: 'windowFocus', windowId: 1 }],
      [0, { type: 'tabActivated', windowId: 1, tabId: 10, platform: null }],
      [1, { type: 'tabActivated', windowId: 2, tabId: 20, platform: 'linkedin' }],
      [2, { type: 'heartbeat' }],
    ]);
    expect(closed).toEqual([]);
    expect(state.open).toBeNull();
    expect(activePlatform({ ...state, focusedWindowId: 2 })).toBe('linkedin');
  });

  it('switching platforms closes one interval and opens the next', () => {
    const { state, closed } = run([...focusX, ...beats(0, 4), [5, { type: 'tabActivated', windowId: 1, tabId: 11, platform: 'tiktok' }]]);
    expect(closed).toEqual([['x', 0, 5]]);
    expect(state.open?.platform).toBe('tiktok');
  });

  it('navigating the active tab away from the inbox (SPA or full load) stops accruing', () => {
    const { closed, state } = run([
      ...focusX,
      ...beats(0, 2),
      [3, { type: 'tabUpdated', windowId: 1, tabId: 99, active: false, platform: null }], // a background tab: ignored
      [4, { type: 'tabUpdated', windowId: 1, tabId: 10, active: true, platform: null }],
    ]);
    expect(closed).toEqual([['x', 0, 4]]);
    expect(state.open).toBeNull();
  });

  it('closing the active inbox tab stops accruing', () => {
    const { closed } = run([...focusX, ...beats(0, 6), [7, { type: 'tabRemoved', windowId: 1, tabId: 10 }]]);
    expect(closed).toEqual([['x', 0, 7]]);
  });

  it('focus leaving the browser (WINDOW_ID_NONE) closes; coming back reopens', () => {
    const { closed, state } = run([
      ...focusX,
      ...beats(0, 9),
      [10, { type: 'windowFocus', windowId: null }],
      ...beats(10, 19),
      [20, { type: 'windowFocus', windowId: 1 }],
      [22, { type: 'heartbeat' }],
    ]);
    expect(closed).toEqual([['x', 0, 10]]);
    expect(state.open).toEqual({ platform: 'x', start: T0 + 20 * MIN, lastBeat: T0 + 22 * MIN });
  });

  it('going idle closes at the last input (threshold subtracted); returning reopens', () => {
    const { closed, state } = run([
      ...focusX,
      [1, { type: 'heartbeat' }],
      [2, { type: 'heartbeat' }],
      [3, { type: 'idle', state: 'idle' }], // no input since minute 2
      [30, { type: 'idle', state: 'active' }],
    ]);
    expect(closed).toEqual([['x', 0, 2]]);
    expect(state.open?.start).toBe(T0 + 30 * MIN);
  });

  it('idle right after opening never yields a negative or empty interval', () => {
    const { closed } = run([...focusX, [0.5, { type: 'idle', state: 'idle' }]]);
    expect(closed).toEqual([]);
  });

  it('locking the screen closes immediately (locked counts as idle)', () => {
    const { closed, state } = run([...focusX, ...beats(0, 11), [12, { type: 'idle', state: 'locked' }], [13, { type: 'heartbeat' }]]);
    expect(closed).toEqual([['x', 0, 12]]);
    expect(state.open).toBeNull();
  });

  it('video or call playing in a focused tab counts only while the user is active', () => {
    // The idle API fires even while media plays on most systems; the machine trusts it.
    const { closed } = run([...focusX, [1, { type: 'heartbeat' }], [2, { type: 'idle', state: 'idle' }], [40, { type: 'heartbeat' }]]);
    expect(closed).toEqual([['x', 0, 1]]);
  });

  it('laptop sleep: a heartbeat gap far beyond the period closes at the last heartbeat', () => {
    const { closed, state } = run([
      ...focusX,
      [1, { type: 'heartbeat' }],
      [2, { type: 'heartbeat' }],
      [8 * 60, { type: 'heartbeat' }], // woke up 8 hours later, tab still focused
    ]);
    expect(closed).toEqual([['x', 0, 2]]);
    expect(state.open).toEqual({ platform: 'x', start: T0 + 480 * MIN, lastBeat: T0 + 480 * MIN });
  });

  it('a late alarm within the tolerated gap still counts the time in between', () => {
    const late = DEFAULT_TRACKER_CONFIG.maxGapMs / MIN;
    const { closed, state } = run([...focusX, [late, { type: 'heartbeat' }]]);
    expect(closed).toEqual([]);
    expect(state.open?.lastBeat).toBe(T0 + late * MIN);
  });

  it('the summary never shows a sleeping open interval beyond its last beat', () => {
    const { state } = run([...focusX, [1, { type: 'heartbeat' }]]);
    expect(openSoFar(state, T0 + 600 * MIN)).toEqual({ platform: 'x', start: T0, end: T0 + MIN });
  });

  it('killed background: the persisted state resumes and loses at most one heartbeat', () => {
    const before = run([...focusX, [1, { type: 'heartbeat' }], [2, { type: 'heartbeat' }]]);
    // The worker dies after minute 2; the JSON round trip is what IndexedDB gives back.
    const revived = JSON.parse(JSON.stringify(before.state)) as TrackerState;
    const after = run([[3, { type: 'heartbeat' }], [4, { type: 'windowFocus', windowId: null }]], revived);
    expect(after.closed).toEqual([['x', 0, 4]]);
  });

  it('killed background for longer than the gap: closes at the last persisted beat', () => {
    const before = run([...focusX, [2, { type: 'heartbeat' }]]);
    const after = run([[45, { type: 'heartbeat' }]], before.state);
    expect(after.closed).toEqual([['x', 0, 2]]);
  });

  it('browser restart: an interval from the previous run closes at its last heartbeat, facts reset', () => {
    const before = run([...focusX, [2, { type: 'heartbeat' }]]);
    const after = run(
      [
        [2.5, { type: 'startup' }], // even a quick restart is not vouched for
        [2.5, { type: 'snapshot', focusedWindowId: 7, activeTabs: [{ windowId: 7, tabId: 70, platform: 'facebook' }], idle: 'active' }],
      ],
      before.state,
    );
    expect(after.closed).toEqual([['x', 0, 2]]);
    expect(after.state.open).toEqual({ platform: 'facebook', start: T0 + 2.5 * MIN, lastBeat: T0 + 2.5 * MIN });
  });

  it('a clock that jumps backwards closes at the last beat instead of counting negative time', () => {
    const { closed } = run([...focusX, [2, { type: 'heartbeat' }], [-30, { type: 'heartbeat' }]]);
    expect(closed).toEqual([['x', 0, 2]]);
  });

  it('a snapshot reflecting reality replaces stale remembered tabs', () => {
    const { state } = run([
      ...focusX,
      [1, { type: 'snapshot', focusedWindowId: null, activeTabs: [], idle: 'active' }],
    ]);
    expect(state.open).toBeNull();
    expect(state.activeTabs).toEqual([]);
  });
});
