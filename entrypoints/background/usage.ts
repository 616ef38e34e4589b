/**
 * Background side of personal after-hours usage (DESIGN §9, issue 5). Browser events drive the
 * pure activity machine (lib/usage/tracker); its state is written to IndexedDB after every step,
 * so a killed worker resumes from the last step and loses at most one heartbeat. Closed
 * intervals are folded into per-day aggregates (lib/usage/aggregate) and then deleted.
 * Nothing here touches the network: usage never leaves this browser.
 */
import { browser } from 'wxt/browser';
import type { IDBPDatabase } from 'idb';
import { openBatonDB, type BatonDB } from '@/lib/db';
import { handle, type Handler } from '@/lib/messaging';
import { adapterForUrl } from '@/lib/platforms';
import { readSetting, settingItems } from '@/lib/settings';
import type { WeeklySchedule } from '@/lib/time/schemas';
import { localDayKey } from '@/lib/time/zoned';
import { foldIntervals, retentionCutoff, type FoldState } from '@/lib/usage/aggregate';
import { usageExport } from '@/lib/usage/export';
import { deleteUsage, exportUsage, getUsageSummary } from '@/lib/usage/messages';
import {
  AggregationCursorSchema,
  DayAggregateSchema,
  IdleStateSchema,
  TrackerStateSchema,
  type AggregationCursor,
  type DayAggregate,
  type IdleState,
  type TrackerState,
  type WindowTab,
} from '@/lib/usage/schemas';
import { summarize, type UsageSummary } from '@/lib/usage/summary';
import {
  HEARTBEAT_MINUTES,
  IDLE_THRESHOLD_SECONDS,
  initialTrackerState,
  openSoFar,
  step,
  type TrackerEvent,
} from '@/lib/usage/tracker';

export const HEARTBEAT_ALARM = 'usage-heartbeat';
/** Performance measures of the latest event handled (tests/bench/usage.bench.ts reads them). */
export const STEP_MEASURE = 'baton:usage-step';
export const COMMIT_MEASURE = 'baton:usage-commit';
/** Marks that this browser session's first worker has closed the previous run's interval. */
const RUN_KEY = 'usageRunStarted';
const WINDOW_ID_NONE = -1;

type DB = IDBPDatabase<BatonDB>;

// One connection per worker; dropped when an upgrade elsewhere asks for it.
let dbPromise: Promise<DB> | null = null;
function db(): Promise<DB> {
  dbPromise ??= openBatonDB().then((d) => {
    d.addEventListener('versionchange', () => {
      d.close();
      dbPromise = null;
    });
    return d;
  });
  return dbPromise;
}

// Every step reads and writes the same state: run them one at a time, in arrival order.
let queue: Promise<unknown> = Promise.resolve();
function serial<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

let tracker: TrackerState | null = null; // mirror of the stored state, valid for this worker's life

async function loadTracker(d: DB): Promise<TrackerState> {
  if (tracker) return tracker;
  const parsed = TrackerStateSchema.safeParse(await d.get('usageState', 'tracker'));
  tracker = parsed.success ? parsed.data : initialTrackerState();
  return tracker;
}

/** Apply one event now: persist the new state and any closed interval in one transaction. */
async function applyNow(e: TrackerEvent, now: () => number): Promise<void> {
  const started = performance.now();
  const d = await db();
  const { state, closed } = step(await loadTracker(d), e, now());
  const tx = d.transaction(['usageState', 'usageIntervals'], 'readwrite');
  void tx.objectStore('usageState').put(state);
  for (const c of closed) void tx.objectStore('usageIntervals').add(c);
  const issued = performance.now();
  await tx.done;
  tracker = state;
  // The benchmark reads the latest step: the worker's own work, then the wait until durable.
  performance.clearMeasures(STEP_MEASURE);
  performance.measure(STEP_MEASURE, { start: started, end: issued, detail: e.type });
  performance.clearMeasures(COMMIT_MEASURE);
  performance.measure(COMMIT_MEASURE, { start: issued, detail: e.type });
  if (closed.length > 0) await aggregateNow(d, now());
}

/** Queue one event (or a query producing it) behind everything already queued. */
export function applyEvent(event: TrackerEvent | (() => Promise<TrackerEvent>), now: () => number = Date.now): Promise<void> {
  return serial(async () => applyNow(typeof event === 'function' ? await event() : event, now));
}

export function platformOfUrl(url: string | undefined): WindowTab['platform'] {
  // tab.url is only present for hosts Baton may read (the inboxes): anything else is no inbox.
  return url ? (adapterForUrl(url)?.adapter.id ?? null) : null;
}

async function tabPlatform(tabId: number): Promise<WindowTab['platform']> {
  try {
    return platformOfUrl((await browser.tabs.get(tabId)).url);
  } catch {
    return null; // closed meanwhile
  }
}

async function idleNow(): Promise<IdleState> {
  try {
    return IdleStateSchema.catch('active').parse(await browser.idle.queryState(IDLE_THRESHOLD_SECONDS));
  } catch {
    return 'active'; // no idle API (Firefox for Android): focus alone decides
  }
}

/** The real focus and active tabs, so a fresh worker never trusts remembered ones blindly. */
async function snapshot(): Promise<TrackerEvent> {
  const [focused, tabs, idle] = await Promise.all([
    browser.windows.getLastFocused().catch(() => undefined),
    browser.tabs.query({ active: true }),
    idleNow(),
  ]);
  return {
    type: 'snapshot',
    focusedWindowId: focused?.focused && focused.id !== undefined ? focused.id : null,
    activeTabs: tabs.flatMap((t) =>
      t.id === undefined || t.windowId === undefined ? [] : [{ windowId: t.windowId, tabId: t.id, platform: platformOfUrl(t.url) }],
    ),
    idle,
  };
}

/** Fold raw intervals (and prune old days) in one transaction; the schedule is read first. */
async function aggregateNow(d: DB, now: number, known?: WeeklySchedule): Promise<void> {
  const schedule = known ?? (await readSetting(settingItems.workSchedule));
  const tx = d.transaction(['usageState', 'usageIntervals', 'usageDays'], 'readwrite');
  const intervals = await tx.objectStore('usageIntervals').getAll();
  const cursorParsed = AggregationCursorSchema.safeParse(await tx.objectStore('usageState').get('aggregation'));
  const cursor: AggregationCursor = cursorParsed.success ? cursorParsed.data : { id: 'aggregation', until: 0, stretch: null };
  const days = tx.objectStore('usageDays');
  if (intervals.length > 0) {
    const fold: FoldState = { days: new Map(), stretch: cursor.stretch };
    // Preload only the days these intervals (and the carried stretch) can touch.
    const from = localDayKey(new Date(Math.min(...intervals.map((i) => i.start)) - 86_400_000), schedule.timeZone);
    for (const day of await days.getAll(IDBKeyRange.lowerBound(cursor.stretch && cursor.stretch.day < from ? cursor.stretch.day : from))) {
      const ok = DayAggregateSchema.safeParse(day);
      if (ok.success) fold.days.set(ok.data.day, ok.data);
    }
    const touched = foldIntervals(fold, intervals, schedule);
    for (const key of touched) {
      const day = fold.days.get(key);
      if (day) void days.put(day);
    }
    for (const i of intervals) if (i.id !== undefined) void tx.objectStore('usageIntervals').delete(i.id);
    void tx.objectStore('usageState').put({ id: 'aggregation', until: now, stretch: fold.stretch });
  }
  void days.delete(IDBKeyRange.upperBound(retentionCutoff(localDayKey(new Date(now), schedule.timeZone)), true));
  await tx.done;
}

/**
 * Stored days from `since` (all when null) plus the interval under way counted up to now, as
 * the user should see them; nothing is persisted.
 */
async function daysSoFar(d: DB, t: number, schedule: WeeklySchedule, since: string | null): Promise<Map<string, DayAggregate>> {
  const cursor = AggregationCursorSchema.safeParse(await d.get('usageState', 'aggregation'));
  const fold: FoldState = { days: new Map(), stretch: cursor.success ? cursor.data.stretch : null };
  const stored = since === null ? await d.getAll('usageDays') : await d.getAll('usageDays', IDBKeyRange.lowerBound(since));
  for (const day of stored) fold.days.set(day.day, structuredClone(day));
  const open = openSoFar(await loadTracker(d), t);
  if (open) foldIntervals(fold, [open], schedule);
  return fold.days;
}

export function usageSummary(now: () => number = Date.now): Promise<UsageSummary> {
  return serial(async () => {
    const d = await db();
    const t = now();
    const schedule = await readSetting(settingItems.workSchedule);
    await aggregateNow(d, t, schedule);
    // 35 days back covers the 28 shown, whatever the zone.
    const since = localDayKey(new Date(t - 35 * 86_400_000), schedule.timeZone);
    const summary = summarize((await daysSoFar(d, t, schedule, since)).values(), t, schedule);
    // The empty state is about ever, not the last 35 days.
    return summary.hasData ? summary : { ...summary, hasData: (await d.count('usageDays')) > 0 };
  });
}

export function exportUsageData(format: 'json' | 'csv', now: () => number = Date.now) {
  return serial(async () => {
    const d = await db();
    const t = now();
    const schedule = await readSetting(settingItems.workSchedule);
    await aggregateNow(d, t, schedule);
    const days = [...(await daysSoFar(d, t, schedule, null)).values()];
    return usageExport({ exportedAt: t, timeZone: schedule.timeZone, days, intervals: await d.getAll('usageIntervals') }, format);
  });
}

/** Erase every usage record. The interval under way restarts now, so nothing before survives. */
export function deleteUsageData(now: () => number = Date.now): Promise<void> {
  return serial(async () => {
    const d = await db();
    const state = await loadTracker(d);
    const t = now();
    const fresh: TrackerState = { ...state, open: state.open ? { ...state.open, start: t, lastBeat: t } : null };
    const tx = d.transaction(['usageState', 'usageIntervals', 'usageDays'], 'readwrite');
    void tx.objectStore('usageIntervals').clear();
    void tx.objectStore('usageDays').clear();
    void tx.objectStore('usageState').clear();
    void tx.objectStore('usageState').put(fresh);
    await tx.done;
    tracker = fresh;
  });
}

export function usageHandlers(): Handler[] {
  return [
    handle(getUsageSummary, () => usageSummary()),
    handle(exportUsage, ({ format }) => exportUsageData(format)),
    handle(deleteUsage, async () => {
      await deleteUsageData();
      return null;
    }),
  ];
}

/** Register `fn` on an event the browser may lack (no idle API on Firefox for Android). */
function listen<A extends unknown[]>(event: { addListener(fn: (...a: A) => void): void } | undefined, fn: (...a: A) => void): void {
  try {
    event?.addListener(fn);
  } catch {
    // Unsupported here: the machine works without this input.
  }
}

let runStarted: Promise<void> | null = null;
/**
 * Once per worker, queued before any event: if this is a new browser session, close the previous
 * run's interval at its last heartbeat; then resync with the real tabs and focus.
 */
function beginRun(): Promise<void> {
  runStarted ??= serial(async () => {
    let fresh: boolean;
    try {
      const s = await browser.storage.session.get(RUN_KEY);
      fresh = !s[RUN_KEY];
      await browser.storage.session.set({ [RUN_KEY]: true });
    } catch {
      fresh = false; // no session storage: rely on the heartbeat gap alone
    }
    if (fresh) await applyNow({ type: 'startup' }, Date.now);
    await applyNow(await snapshot(), Date.now);
  });
  return runStarted;
}

const logError = (err: unknown) => console.error('[baton usage]', err);

/** Call synchronously from the background's main(): listeners first, async work after. */
export function startUsageTracking(): void {
  const fire = (event: TrackerEvent | (() => Promise<TrackerEvent>)) => void applyEvent(event).catch(logError);
  void beginRun().catch(logError); // first in the queue; registering listeners stays synchronous

  listen(browser.tabs.onActivated, ({ tabId, windowId }) =>
    fire(async () => ({ type: 'tabActivated', windowId, tabId, platform: await tabPlatform(tabId) })),
  );
  listen(browser.tabs.onUpdated, (tabId, change, tab) => {
    // Title and favicon changes are noise; a new URL or a (re)load can change the platform.
    if (change.url === undefined && change.status === undefined) return;
    fire({ type: 'tabUpdated', windowId: tab.windowId, tabId, active: tab.active, platform: platformOfUrl(tab.url) });
  });
  listen(browser.tabs.onRemoved, (tabId, info) => fire({ type: 'tabRemoved', windowId: info.windowId, tabId }));
  listen(browser.windows.onFocusChanged, (windowId) =>
    fire({ type: 'windowFocus', windowId: windowId === WINDOW_ID_NONE ? null : windowId }),
  );
  listen(browser.idle?.onStateChanged, (state) => fire({ type: 'idle', state: IdleStateSchema.catch('active').parse(state) }));
  listen(browser.alarms.onAlarm, (alarm) => {
    if (alarm.name === HEARTBEAT_ALARM) fire({ type: 'heartbeat' });
  });
  listen(browser.runtime.onStartup, () => void beginRun().catch(logError));

  try {
    browser.idle.setDetectionInterval(IDLE_THRESHOLD_SECONDS);
  } catch {
    // No idle API: see idleNow().
  }
  // Alarms may be cleared on browser restart: make sure ours exists, without resetting its phase.
  void browser.alarms
    .get(HEARTBEAT_ALARM)
    .then(async (a) => {
      if (!a) await browser.alarms.create(HEARTBEAT_ALARM, { periodInMinutes: HEARTBEAT_MINUTES });
    })
    .catch(logError);
}

