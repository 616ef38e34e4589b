/**
 * The background usage module wired to WXT's fake browser and fake-indexeddb: real listeners,
 * real IndexedDB transactions, real storage. The fake browser has no `idle` API, so the test
 * gives it a small in-memory one with the same shape.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openBatonDB } from '@/lib/db';
import { handleRuntimeMessage } from '@/lib/messaging';
import { adapterForUrl } from '@/lib/platforms';
import { settingItems, writeSetting } from '@/lib/settings';
import type { WeeklySchedule } from '@/lib/time/schemas';

type Listener = (...a: unknown[]) => unknown;
function fakeEvent() {
  const listeners: Listener[] = [];
  return {
    addListener: (l: Listener) => void listeners.push(l),
    removeListener: (l: Listener) => void listeners.splice(listeners.indexOf(l), 1),
    hasListener: (l: Listener) => listeners.includes(l),
    hasListeners: () => listeners.length > 0,
    trigger: async (...a: unknown[]) => Promise.all(listeners.map((l) => l(...a))),
  };
}

const ALL_OFF: WeeklySchedule = { timeZone: 'UTC', days: [[], [], [], [], [], [], []], holidays: [] };
const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 26, 20, 0); // a Thursday evening

// Any inbox URL the registered adapters claim (adapters are added in their own files).
const INBOX_CANDIDATES = [
  'https://x.com/messages',
  'https://x.com/i/chat',
  'https://www.linkedin.com/messaging/',
  'https://www.tiktok.com/messages',
  'https://studio.youtube.com/channel/UC1/comments',
  'https://business.facebook.com/latest/inbox/all',
  'https://www.instagram.com/direct/inbox/',
];
const inboxUrl = INBOX_CANDIDATES.find((u) => adapterForUrl(u));

let idleEvent: ReturnType<typeof fakeEvent>;
let mod: typeof import('@/entrypoints/background/usage');

async function freshWorker() {
  vi.resetModules(); // a killed and restarted worker: module memory is gone, IndexedDB is not
  fakeBrowser.tabs.onActivated.removeAllListeners();
  fakeBrowser.tabs.onUpdated.removeAllListeners();
  fakeBrowser.tabs.onRemoved.removeAllListeners();
  fakeBrowser.windows.onFocusChanged.removeAllListeners();
  fakeBrowser.alarms.onAlarm.removeAllListeners();
  fakeBrowser.runtime.onStartup.removeAllListeners();
  idleEvent = fakeEvent();
  mod = await import('@/entrypoints/background/usage');
  mod.startUsageTracking();
}

const at = (minute: number) => vi.setSystemTime(T0 + minute * MIN);
/** Listeners queue their work; the summary request queues behind it, so awaiting it settles all. */
const settle = async () => void (await mod.usageSummary());
const heartbeat = async () => {
  await fakeBrowser.alarms.onAlarm.trigger({ name: 'usage-heartbeat', scheduledTime: Date.now(), periodInMinutes: 1, persistAcrossSessions: false });
  await settle();
};

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  at(0);
  Object.assign(fakeBrowser, {
    idle: {
      onStateChanged: new Proxy({}, { get: (_t, k) => idleEvent[k as keyof typeof idleEvent] }),
      queryState: async () => 'active',
      setDetectionInterval: () => undefined,
    },
  });
  await writeSetting(settingItems.workSchedule, ALL_OFF);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('background usage tracking', () => {
  it('has a registered adapter that recognises an inbox URL to track', () => {
    expect(inboxUrl).toBeDefined();
  });

  async function focusInbox() {
    const win = await fakeBrowser.windows.create({ focused: true });
    const windowId = win!.id!;
    const tab = await fakeBrowser.tabs.create({ windowId, url: inboxUrl, active: true });
    await fakeBrowser.windows.onFocusChanged.trigger(windowId);
    await fakeBrowser.tabs.onActivated.trigger({ tabId: tab.id!, windowId });
    await settle();
  }

  it('registers every listener synchronously and keeps one heartbeat alarm', async () => {
    await freshWorker();
    for (const e of [fakeBrowser.tabs.onActivated, fakeBrowser.tabs.onUpdated, fakeBrowser.tabs.onRemoved, fakeBrowser.windows.onFocusChanged, fakeBrowser.alarms.onAlarm, fakeBrowser.runtime.onStartup]) {
      expect(e.hasListeners()).toBe(true);
    }
    expect(idleEvent.hasListeners()).toBe(true);
    await mod.usageSummary();
    const alarm = await fakeBrowser.alarms.get('usage-heartbeat');
    expect(alarm?.periodInMinutes).toBe(1);
    await freshWorker();
    await mod.usageSummary();
    expect((await fakeBrowser.alarms.getAll()).filter((a) => a.name === 'usage-heartbeat')).toHaveLength(1);
  });

  it('focusing an inbox tab accrues after-hours time, and leaving the browser stops it', async () => {
    await freshWorker();
    await focusInbox();
    for (let m = 1; m <= 10; m++) {
      at(m);
      await heartbeat();
    }
    at(10);
    await fakeBrowser.windows.onFocusChanged.trigger(-1); // WINDOW_ID_NONE
    await settle();
    at(30);
    await heartbeat();
    const s = await mod.usageSummary();
    expect(s.today.afterHoursMs).toBe(10 * MIN);
    expect(s.platforms).toHaveLength(1);
    expect(s.longestStretch.ms).toBe(10 * MIN);
    const db = await openBatonDB();
    expect(await db.count('usageIntervals')).toBe(0); // raw intervals pruned once folded
    expect((await db.getAll('usageDays')).map((d) => d.day)).toEqual(['2026-11-26']);
    db.close();
  });

  it('idle subtracts the threshold; locking closes at once', async () => {
    await freshWorker();
    await focusInbox();
    for (let m = 1; m <= 5; m++) {
      at(m);
      await heartbeat();
    }
    at(6);
    await idleEvent.trigger('idle'); // last input at minute 5
    await settle();
    at(20);
    await idleEvent.trigger('active');
    await settle();
    for (let m = 21; m <= 23; m++) {
      at(m);
      await heartbeat();
    }
    at(23);
    await idleEvent.trigger('locked');
    await settle();
    expect((await mod.usageSummary()).today.afterHoursMs).toBe(5 * MIN + 3 * MIN);
  });

  it('a killed worker resumes from IndexedDB and loses at most one heartbeat', async () => {
    await freshWorker();
    await focusInbox();
    at(1);
    await heartbeat();
    at(2);
    await heartbeat();
    await mod.usageSummary(); // let the queue drain before the "kill"
    at(3);
    await freshWorker(); // the worker died after minute 2; a new one starts at minute 3
    at(4);
    await heartbeat();
    const s = await mod.usageSummary();
    expect(s.today.afterHoursMs).toBe(4 * MIN);
  });

  it('a browser restart closes the previous run at its last heartbeat (no phantom hours)', async () => {
    await freshWorker();
    await focusInbox();
    at(1);
    await heartbeat();
    await mod.usageSummary();
    // The browser is closed; 9 hours later it starts again with a fresh session storage.
    at(9 * 60);
    await fakeBrowser.storage.session.clear();
    await freshWorker();
    await fakeBrowser.runtime.onStartup.trigger();
    await settle();
    const s = await mod.usageSummary();
    expect(s.today.day).toBe('2026-11-27');
    expect(s.week.afterHoursMs).toBe(1 * MIN); // not 9 hours
  });

  it('export holds the days; delete erases them and restarts the open interval', async () => {
    await freshWorker();
    await focusInbox();
    for (let m = 1; m <= 5; m++) {
      at(m);
      await heartbeat();
    }
    const csv = await mod.exportUsageData('csv');
    expect(csv.body).toContain('2026-11-26,all,0.00,5.00');
    await mod.deleteUsageData();
    at(6);
    const s = await mod.usageSummary();
    expect(s.today.afterHoursMs).toBe(1 * MIN); // only what came after the delete
    const json = JSON.parse((await mod.exportUsageData('json')).body) as { days: Array<{ platforms: Record<string, { afterHoursMs: number }> }> };
    expect(json.days.map((d) => Object.values(d.platforms).map((p) => p.afterHoursMs))).toEqual([[1 * MIN]]);
  });

  it('prunes daily aggregates older than a year and keeps the last 26 weeks and more', async () => {
    const db = await openBatonDB();
    const blank = { platforms: { x: { inHoursMs: 0, afterHoursMs: MIN } }, lateNightMs: 0, longestAfterHoursMs: 0 };
    for (const day of ['2025-11-01', '2025-11-20', '2025-11-21', '2026-05-28']) await db.put('usageDays', { day, ...blank });
    db.close();
    await freshWorker();
    await mod.usageSummary(); // aggregation runs, and prunes, before every summary
    const after = await openBatonDB();
    expect((await after.getAllKeys('usageDays')).sort()).toEqual(['2025-11-21', '2026-05-28']);
    after.close();
  });

  it('usage messages answer Baton’s own pages only, never a content script in a platform tab', async () => {
    await freshWorker();
    const self = { id: fakeBrowser.runtime.id, origin: 'chrome-extension://baton/' };
    const fromPage = { id: self.id, url: `${self.origin}popup.html` };
    const fromInbox = { id: self.id, url: 'https://x.com/i/chat', tab: { id: 3, url: 'https://x.com/i/chat' } };
    for (const [type, payload] of [['usage/summary', null], ['usage/export', { format: 'json' }], ['usage/delete', null]] as const) {
      const denied = await handleRuntimeMessage({ baton: 1, type, payload }, fromInbox, mod.usageHandlers(), self);
      expect(denied, type).toEqual({ ok: false, error: 'sender not allowed' });
    }
    const ok = await handleRuntimeMessage({ baton: 1, type: 'usage/summary', payload: null }, fromPage, mod.usageHandlers(), self);
    expect(ok.ok).toBe(true);
    const bad = await handleRuntimeMessage({ baton: 1, type: 'usage/export', payload: { format: 'xml' } }, fromPage, mod.usageHandlers(), self);
    expect(bad.ok).toBe(false);
  });

  it('working hours count as in-hours time', async () => {
    await writeSetting(settingItems.workSchedule, { ...ALL_OFF, days: ALL_OFF.days.map(() => [{ start: '20:00', end: '20:05' }]) });
    await freshWorker();
    await focusInbox();
    for (let m = 1; m <= 8; m++) {
      at(m);
      await heartbeat();
    }
    const s = await mod.usageSummary();
    expect(s.today).toMatchObject({ inHoursMs: 5 * MIN, afterHoursMs: 3 * MIN });
  });
});
