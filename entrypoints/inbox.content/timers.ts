/**
 * Response timers on a platform inbox (DESIGN §4): a `<baton-timer>` inside every conversation
 * row the adapter finds and one in the open thread's header. Work is incremental — each
 * mutation batch touches only the rows around the added and removed nodes — with a
 * time-throttled full read as the safety net, and one shared ticker that redraws only the
 * badges whose text or state is due (lib/overlay/timer-clock.ts). Everything lives and dies
 * with one ContentScriptContext.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { browser } from 'wxt/browser';
import { queryAllDeep, shadowRootsIn } from '@/lib/dom/query';
import { reportHealth } from '@/lib/health-messages';
import { createTranslator, pickLocale, type Translator } from '@/lib/i18n';
import { request } from '@/lib/messaging';
import { checkHealth } from '@/lib/platforms/health';
import { adapterForUrl } from '@/lib/platforms/index';
import type {
  AdapterHealth,
  ConversationObservation,
  PageKind,
  PlatformAdapter,
  ReadContext,
  ThreadObservation,
} from '@/lib/platforms/types';
import { createTimerHost, renderContract, renderTimer, TIMER_TAG, type TimerPlace } from '@/lib/overlay/badge';
import { closestComposed, composedParent, containsDeep } from '@/lib/overlay/dom';
import { InertCopier, readRow } from '@/lib/overlay/isolated-read';
import { summarizeMutations } from '@/lib/overlay/mutations';
import { PerfRecorder } from '@/lib/overlay/perf';
import { OverlayRegistry } from '@/lib/overlay/registry';
import { learnRowSelector } from '@/lib/overlay/row-selector';
import { mergeOpenThread } from '@/lib/overlay/thread-merge';
import { Throttle, type TimerFns } from '@/lib/overlay/throttle';
import { slaSnapshot } from '@/lib/overlay/sla-state';
import { SliceRunner } from '@/lib/overlay/slices';
import { TimerClock } from '@/lib/overlay/timer-clock';
import { Heartbeat } from './heartbeat';
import { readSetting, settingItems, watchSetting, type PlatformToggles, type UiLocale } from '@/lib/settings';
import type { SlaPolicy } from '@/lib/time/schemas';

/** Full reads through the adapter: at most two a second (DESIGN §3). */
const FULL_SCAN_GAP_MS = 500;
/**
 * The safety net while recognised: a quick pass over the known lists, only after the page
 * changed, at most every 2 s and less often on long lists (4 ms per row, up to 30 s): the
 * mutation observer already keeps rows current; the pass only repairs what it missed.
 */
const QUICK_PASS_MIN_MS = 2_000;
const QUICK_PASS_MAX_MS = 30_000;
const QUICK_PASS_PER_ROW_MS = 4;
/** Re-check adapter health on quick passes at most this often (it walks the whole page). */
const HEALTH_EVERY_MS = 30_000;
/** Thread re-reads after changes in or around it. */
const THREAD_READ_GAP_MS = 250;
/**
 * Page changes are gathered this long and handled together: on a busy inbox each handling is
 * a cold start of our code between the page's own tasks, and a batch pays it once for all the
 * rows that arrived (a new row's badge appears at most this much later).
 */
export const MUTATION_BATCH_MS = 250;
/** Look for late content this often while nothing is recognised yet … */
const DISCOVERY_FAST_MS = 500;
/** … for this long after start or navigation, then slowly. */
const DISCOVERY_FAST_FOR_MS = 10_000;
const DISCOVERY_SLOW_MS = 5_000;
/** Do not tell options "layout not recognised" before the page had time to render. */
const HEALTH_GRACE_MS = 8_000;
/** After SPA navigation within one inbox, re-check health this much later. */
const NAV_CHECK_MS = 500;
/** After SPA navigation, keep looking for the new thread this long. */
const NAV_SETTLE_MS = 3_000;
/** Attributes that carry times, labels and ids adapters read; everything else is churn. */
const WATCHED_ATTRIBUTES = ['datetime', 'title', 'aria-label', 'href', 'data-testid', 'data-e2e', 'dir'];

interface ThreadOverlay {
  host: HTMLElement;
  header: Element;
  /** The part of the page that belongs to the thread: changes there re-read it. */
  region: Node;
  obs: ThreadObservation;
}

interface PendingNav {
  url: string;
  oldHeader: Element | null;
  oldKey: string | null;
  /** The old thread's region: the page re-rendering it is how the new thread shows up. */
  region: Node | null;
  at: number;
  touched: boolean;
}

export interface TimerOverlaysOptions {
  ctx: ContentScriptContext;
  /** Marks this instance's hosts; hosts with another owner are strays and go. */
  owner: string;
  /** The adapter registry lookup (tests pass their own adapter). */
  adapterFor?: (url: URL) => { adapter: PlatformAdapter; kind: PageKind } | null;
  /** browser.runtime.sendMessage (tests observe health reports). */
  send?: (message: unknown) => Promise<unknown>;
  /** The content script's shared wake-up (one is made when none is given). */
  heartbeat?: Heartbeat;
}

export class TimerOverlays {
  private readonly ctx: ContentScriptContext;
  private readonly owner: string;
  private readonly adapterFor: NonNullable<TimerOverlaysOptions['adapterFor']>;
  private readonly send: NonNullable<TimerOverlaysOptions['send']>;
  private readonly heartbeat: Heartbeat;
  private readonly doc = document;
  private readonly perf = new PerfRecorder(document, performance);
  private readonly timers: TimerFns;
  private readonly copier: InertCopier;
  private readonly registry: OverlayRegistry<Element, ConversationObservation>;
  private readonly hostOfRow = new Map<Element, HTMLElement>();
  /**
   * Rows of a large read (a whole list) waiting for their badge, mounted in slices so the first
   * read of a long inbox is not one long task; `bulk` is set while such a read registers rows.
   */
  private readonly pendingMounts = new Map<Element, ConversationObservation>();
  private readonly mountSlices: SliceRunner;
  private bulk = false;
  private readonly clock: TimerClock<HTMLElement>;
  private readonly fullScan: Throttle;
  private readonly threadRead: Throttle;
  private observed = new WeakSet<Node>();
  /** Parents of known rows: quick passes walk their children. */
  private readonly listContainers = new Set<ParentNode>();
  /** Elements matching the row selector that the adapter did not read as rows. */
  private rejected = new WeakSet<Element>();
  private healthAt = 0;
  private quickAt = 0;
  private quickPasses = 0;
  /** The page changed since the last quick pass / health check. */
  private changedSinceQuick = false;
  private changedSinceHealth = false;
  private mo: MutationObserver | null = null;

  private url: URL;
  private match: { adapter: PlatformAdapter; kind: PageKind } | null = null;
  private recognised = false;
  private rowCss: string | null = null;
  private thread: ThreadOverlay | null = null;
  private pendingNav: PendingNav | null = null;
  private discoverySince = Date.now();
  private discoveryHandle: unknown = null;
  private reportedHealth = '';
  private healthSince = Date.now();
  private stopped = false;

  private policy: SlaPolicy;
  private toggles: PlatformToggles;
  private uiLocale: UiLocale;
  private t: Translator;

  constructor(opts: TimerOverlaysOptions) {
    this.ctx = opts.ctx;
    this.owner = opts.owner;
    this.adapterFor = opts.adapterFor ?? adapterForUrl;
    this.send = opts.send ?? ((m) => browser.runtime.sendMessage(m));
    this.heartbeat = opts.heartbeat ?? new Heartbeat(opts.ctx);
    this.url = new URL(location.href);
    this.timers = {
      now: () => Date.now(),
      setTimeout: (cb, ms) => this.ctx.setTimeout(cb, ms),
      clearTimeout: (h) => clearTimeout(h as number),
    };
    this.copier = new InertCopier(document.implementation, location.href);
    this.policy = settingItems.sla.fallback;
    this.toggles = settingItems.platforms.fallback;
    this.uiLocale = settingItems.uiLocale.fallback;
    this.t = createTranslator(this.localeTag());
    this.clock = new TimerClock<HTMLElement>({
      render: (host, view) => renderTimer(host, view),
      renderContract: (host, c) => renderContract(host, c),
      policy: () => this.policy,
      translator: () => this.t,
      sla: slaSnapshot,
      // Later slices of a large redraw run as their own tasks, each measured as a tick.
      defer: (cb) => this.ctx.setTimeout(() => this.perf.run('tick', cb), 0),
    });
    this.registry = new OverlayRegistry<Element, ConversationObservation>(
      {
        mount: (row, obs) => this.perf.detail('mount', () => this.mountRow(row, obs)),
        update: (row, obs) => this.updateRow(row, obs),
        unmount: (row) => this.perf.detail('unmount', () => this.unmountRow(row)),
      },
      (row) => row.isConnected,
    );
    this.mountSlices = new SliceRunner(() => this.mountNextPending(), {
      defer: (cb) => this.ctx.setTimeout(() => this.perf.run('full', cb), 0),
    });
    this.fullScan = new Throttle(() => this.fullPass(), FULL_SCAN_GAP_MS, this.timers);
    this.threadRead = new Throttle(
      () => {
        this.perf.run('thread', () => this.readThreadNow());
        this.wakeIfSooner();
      },
      THREAD_READ_GAP_MS,
      this.timers,
    );
  }

  /** Start: read settings, scan, then follow the page. */
  async start(): Promise<void> {
    const [policy, toggles, uiLocale] = await Promise.all([
      readSetting(settingItems.sla),
      readSetting(settingItems.platforms),
      readSetting(settingItems.uiLocale),
    ]);
    if (this.stopped || this.ctx.isInvalid) return;
    this.policy = policy;
    this.toggles = toggles;
    this.uiLocale = uiLocale;
    this.t = createTranslator(this.localeTag());

    this.ctx.onInvalidated(() => this.stop());
    const unwatch = [
      watchSetting(settingItems.sla, (v) => {
        this.policy = v;
        this.clock.refreshAll(Date.now());
      }),
      watchSetting(settingItems.platforms, (v) => {
        this.toggles = v;
        this.fullScan.runNow();
      }),
      watchSetting(settingItems.uiLocale, (v) => {
        this.uiLocale = v;
        this.t = createTranslator(this.localeTag());
        this.clock.refreshAll(Date.now());
      }),
    ];
    this.ctx.onInvalidated(() => {
      for (const u of unwatch) {
        try {
          u();
        } catch {
          // After an extension reload the storage API itself is gone; nothing left to remove.
        }
      }
    });

    this.removeStrays(true);
    this.mo = new MutationObserver((records) => this.queueMutations(records));
    this.observe(this.doc);
    this.ctx.addEventListener(this.doc, 'visibilitychange', () => {
      if (!this.doc.hidden) this.tick();
    });
    this.heartbeat.onNavigate((url) => this.onNavigate(url));
    // Benchmark hook: with <html baton-bench>, the page may ask for a pass ('full' or 'quick').
    this.ctx.addEventListener(this.doc, 'baton:bench-scan', (e) => {
      if (!this.perf.enabled) return;
      if (e instanceof CustomEvent && e.detail === 'full') this.fullScan.runNow();
      else this.quickPass();
    });
    this.heartbeat.every(() => {
      if (this.stopped) return;
      this.tick();
      this.quickPassIfDue();
      return this.nextBeatAt();
    });
    this.fullScan.runNow();
    this.scheduleDiscovery();
  }

  /** Remove every overlay and observer; idempotent. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.mo?.disconnect();
    this.fullScan.cancel();
    this.threadRead.cancel();
    if (this.discoveryHandle !== null) clearTimeout(this.discoveryHandle as number);
    this.hideAll();
  }

  // ─── Reading ───────────────────────────────────────────────────────────────────────────────

  private badgeLanguage(): { dir: 'ltr' | 'rtl'; lang: string } {
    return { dir: this.t.dir, lang: this.t.locale };
  }

  private localeTag(): 'en' | 'ar' {
    return pickLocale(this.uiLocale === 'auto' ? navigator.language : this.uiLocale);
  }

  /** The browser's zone; looked up once per full pass (building a DateTimeFormat is slow). */
  private timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  private readContext(): ReadContext {
    return {
      now: new Date(),
      locale: this.doc.documentElement.lang || navigator.language || 'en',
      timeZone: this.timeZone,
      url: this.url,
    };
  }

  /**
   * The authoritative read through the adapter: health, every row, the thread. Runs at start,
   * on navigation, while looking for late content, and when incremental reading fails.
   */
  private fullPass(): void {
    if (this.stopped) return;
    this.perf.run('full', () => {
      this.match = this.adapterFor(this.url);
      const match = this.match;
      if (!match || !this.toggles[match.adapter.id]) {
        // Not an inbox (or switched off): nothing to show and nothing to watch until the URL
        // or the setting changes — no mutation observer on, say, a busy timeline.
        this.recognised = false;
        this.hideAll();
        this.unobserveAll();
        return;
      }
      this.observe(this.doc);
      if (!this.checkRecognised(match)) return;
      this.timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      this.copier.reset();
      const ctx = this.readContext();
      const rows = safely(() => match.adapter.readConversations(this.doc, ctx), []);
      this.rejected = new WeakSet();
      this.inBulk(() => this.registry.replaceAll(rows.map((obs) => ({ row: obs.row, obs }))));
      this.rowCss = learnRowSelector(match.adapter, rows.map((r) => r.row)) ?? this.rowCss;
      this.listContainers.clear();
      for (const r of rows) this.noteRowPlace(r.row);
      this.quickAt = Date.now();
      this.readThreadNow();
      this.removeStrays(false);
    });
    this.wakeIfSooner();
  }

  /** Health check and report; false (and no timers) when the layout is not recognised. */
  private checkRecognised(match: { adapter: PlatformAdapter; kind: PageKind }): boolean {
    const health = safely(() => checkHealth(match.adapter, this.doc, match.kind), null);
    this.healthAt = Date.now();
    this.changedSinceHealth = false;
    this.reportHealthIfChanged(health, match.adapter);
    if (!health?.recognised) {
      // Never wrong numbers: an unrecognised layout shows no timers at all.
      this.recognised = false;
      this.hideAll();
      return false;
    }
    this.recognised = true;
    return true;
  }

  /**
   * The safety net while recognised: walk the children of the known lists, read only rows not
   * seen before (by the learned row selector), drop rows that are gone. Rows already known are
   * kept current by the mutation observer, so this costs one look at each list child — no
   * document-wide query. New lists elsewhere come from added nodes and full passes.
   */
  private quickPass(): void {
    if (this.stopped || this.doc.hidden) return;
    const match = this.match;
    const css = this.rowCss;
    if (!match || !this.recognised || !css) return;
    this.quickAt = Date.now();
    this.quickPasses += 1;
    this.changedSinceQuick = false;
    this.perf.run('scan', () => {
      if (Date.now() - this.healthAt >= HEALTH_EVERY_MS && !this.checkRecognised(match)) return;
      const ctx = this.readContext();
      let known = 0;
      for (const list of this.listContainers) {
        if (!(list as Node).isConnected) {
          this.listContainers.delete(list);
          continue;
        }
        for (let el = list.firstElementChild; el; el = el.nextElementSibling) {
          if (this.registry.has(el)) known += 1;
          else if (!this.rejected.has(el) && safeMatches(el, css) && this.readOne(match.adapter, el, ctx)) known += 1;
        }
      }
      // Every registered row was found in a list: nothing to drop (the usual case).
      if (known !== this.registry.size) this.registry.prune((row) => !row.isConnected || !this.listContainers.has(row.parentNode as ParentNode));
    });
  }

  /** Read one element as a row in isolation and register it; false when it is no row. */
  private readOne(adapter: PlatformAdapter, el: Element, ctx: ReadContext): boolean {
    const obs = this.perf.detail('row', () => readRow(adapter, el, ctx, this.copier));
    if (!obs) {
      this.rejected.add(el);
      return false;
    }
    this.registry.upsert(el, obs);
    this.noteRowPlace(el);
    return true;
  }

  private noteRowPlace(row: Element): void {
    const parent = row.parentNode;
    if (parent) this.listContainers.add(parent);
    const root = row.getRootNode();
    if (root instanceof ShadowRoot) this.observe(root);
  }

  /** Read the open thread and place (or move, or remove) its timer. */
  private readThreadNow(): void {
    if (this.stopped) return;
    const match = this.match;
    if (!match || !this.recognised) return this.removeThread();
    const nav = this.pendingNav;
    if (nav) {
      // WXT reports navigation before the new page commits: the DOM still shows the old thread.
      if (location.href !== nav.url) return this.retryThreadSoon();
    }
    const th = safely(() => match.adapter.readThread(this.doc, this.readContext()), null);
    if (!th) {
      if (nav && Date.now() - nav.at < NAV_SETTLE_MS) this.retryThreadSoon();
      return this.removeThread();
    }
    if (nav) {
      // Same conversation (a query or hash change), or a header the page has re-rendered since.
      const fresh = th.key === nav.oldKey || th.header !== nav.oldHeader || nav.touched;
      if (!fresh) {
        if (Date.now() - nav.at < NAV_SETTLE_MS) this.retryThreadSoon();
        else this.removeThread(); // the page never showed the new thread: no timer beats a wrong one
        return;
      }
      this.pendingNav = null;
    }
    this.placeThread(th);
  }

  private retryThreadSoon(): void {
    this.removeThread();
    this.threadRead.request();
  }

  private placeThread(th: ThreadObservation): void {
    const previousKey = this.thread?.obs.key;
    let t = this.thread;
    if (t && (t.header !== th.header || !t.host.isConnected)) {
      this.removeThread();
      t = null;
    }
    if (!t) {
      const host = createTimerHost(this.doc, 'thread', this.owner, this.badgeLanguage());
      th.header.append(host);
      t = { host, header: th.header, region: th.header, obs: th };
      this.thread = t;
      const root = th.header.getRootNode();
      if (root !== this.doc) this.observe(root);
    }
    t.obs = th;
    t.region = this.threadRegion(th.header);
    this.clock.set(t.host, th, th.platform, Date.now());
    this.refreshRowOf(th.key);
    if (previousKey !== undefined && previousKey !== th.key) this.refreshRowOf(previousKey);
  }

  /** The largest ancestor of the header that holds no conversation row: the thread's panel. */
  private threadRegion(header: Element): Node {
    const someRow = this.registry.rowsList()[0];
    let region: Node = header;
    for (let p = composedParent(header); p && p !== this.doc && p !== this.doc.documentElement; p = composedParent(p)) {
      if (p === this.doc.body) break;
      if (someRow && containsDeep(p, someRow)) break;
      region = p;
    }
    return region;
  }

  private removeThread(): void {
    const t = this.thread;
    if (!t) return;
    this.thread = null;
    this.clock.delete(t.host);
    t.host.remove();
    this.refreshRowOf(t.obs.key); // back to the row's own reading
  }

  /** Re-render the row showing `key` (its merge with the open thread may have changed). */
  private refreshRowOf(key: string): void {
    const row = this.registry.ownerOf(key);
    const obs = row && this.registry.obsOf(row);
    if (row && obs) this.updateRow(row, obs);
  }

  // ─── Rows → hosts ──────────────────────────────────────────────────────────────────────────

  /** Register many rows at once: their badges are mounted and drawn in slices. */
  private inBulk(fn: () => void): void {
    this.bulk = true;
    try {
      this.clock.batch(fn);
    } finally {
      this.bulk = false;
    }
    if (this.pendingMounts.size > 0) this.mountSlices.schedule();
  }

  /** Mount the next waiting row's badge; false when none waits. */
  private mountNextPending(): boolean {
    for (const [row, obs] of this.pendingMounts) {
      this.pendingMounts.delete(row);
      if (this.stopped || this.hostOfRow.has(row) || !this.registry.has(row)) continue;
      // Gone from the page meanwhile: the registry forgets it (no badge for a detached row).
      if (!row.isConnected) {
        this.registry.remove(row);
        continue;
      }
      this.mountRow(row, obs); // drawn at once: the slice itself keeps the task short
      return true;
    }
    return false;
  }

  private mountRow(row: Element, obs: ConversationObservation): void {
    if (this.bulk) {
      this.pendingMounts.set(row, obs);
      return;
    }
    const host = createTimerHost(this.doc, 'row', this.owner, this.badgeLanguage());
    row.append(host);
    this.hostOfRow.set(row, host);
    this.clock.set(host, this.withThread(obs), obs.platform, Date.now());
  }

  /** The open conversation's row shows its thread's waiting time (lib/overlay/thread-merge). */
  private withThread(obs: ConversationObservation): ConversationObservation {
    return mergeOpenThread(obs, this.thread?.obs);
  }

  private updateRow(row: Element, obs: ConversationObservation): void {
    const host = this.hostOfRow.get(row);
    if (!host && this.pendingMounts.has(row)) {
      this.pendingMounts.set(row, obs); // mounted with the latest reading
      return;
    }
    if (!host) return this.mountRow(row, obs);
    // The page re-rendered the row's children and dropped our host: put it back.
    if (host.parentNode !== row) row.append(host);
    this.clock.set(host, this.withThread(obs), obs.platform, Date.now());
  }

  private unmountRow(row: Element): void {
    this.pendingMounts.delete(row);
    const host = this.hostOfRow.get(row);
    if (!host) return;
    this.hostOfRow.delete(row);
    this.clock.delete(host);
    host.remove();
  }

  /** No timers at all (unrecognised page, platform switched off, stopping). */
  private hideAll(): void {
    this.registry.clear();
    this.removeThread();
  }

  /** Hosts left by an older instance (extension reload, replayed start event) go. */
  private removeStrays(deep: boolean): void {
    const hosts = deep ? queryAllDeep(this.doc, TIMER_TAG) : Array.from(this.doc.querySelectorAll(TIMER_TAG));
    for (const h of hosts) if (h.getAttribute('data-baton-owner') !== this.owner) h.remove();
  }

  // ─── Following the page ────────────────────────────────────────────────────────────────────

  private unobserveAll(): void {
    this.mo?.disconnect();
    this.observed = new WeakSet();
  }

  private observe(root: Node): void {
    if (!this.mo || this.observed.has(root)) return;
    this.observed.add(root);
    this.mo.observe(root, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: WATCHED_ATTRIBUTES,
    });
  }

  private rowOf = (node: Node): Element | null =>
    closestComposed(node, (n): n is Element => this.registry.has(n as Element));

  private pendingRecords: MutationRecord[] = [];
  private batchQueued = false;

  private queueMutations(records: MutationRecord[]): void {
    for (const r of records) this.pendingRecords.push(r);
    if (this.batchQueued || this.stopped) return;
    this.batchQueued = true;
    this.ctx.setTimeout(() => {
      this.batchQueued = false;
      const batch = this.pendingRecords;
      this.pendingRecords = [];
      // Records queued since the last delivery belong to this batch too.
      for (const r of this.mo?.takeRecords() ?? []) batch.push(r);
      this.onMutations(batch);
    }, MUTATION_BATCH_MS);
  }

  private onMutations(records: MutationRecord[]): void {
    if (this.stopped) return;
    this.perf.run('mutation', () => {
      if (!this.recognised) {
        // Late content: something appeared; look again soon (throttled).
        if (records.some((r) => r.addedNodes.length > 0)) this.fullScan.request();
        return;
      }
      const sum = summarizeMutations(records, {
        isRow: (n) => this.registry.has(n as Element),
        isListContainer: (n) => this.listContainers.has(n as ParentNode),
        threadRegion: this.thread?.region ?? this.pendingNav?.region ?? null,
      });
      const match = this.match;
      if (!match) return;
      if (sum.dirtyRows.size > 0 || sum.added.length > 0 || sum.removed.length > 0) {
        this.changedSinceQuick = true;
        this.changedSinceHealth = true;
      }
      const hadRows = this.registry.size > 0;
      if (this.thread && !this.thread.host.isConnected) sum.threadTouched = true;
      if (sum.threadTouched) {
        if (this.pendingNav) this.pendingNav.touched = true;
        this.threadRead.request();
      }
      const ctx = this.readContext();
      for (const n of sum.removed) {
        if (n.isConnected) {
          // Moved, not removed: treat as added at its new place.
          if (n.nodeType === 1) sum.added.push(n as Element);
          continue;
        }
        this.dropRowsIn(n);
      }
      // A panel went: its rows may sit in shadow roots the removed subtree hid from view.
      if (sum.removedOutsideLists) this.registry.prune((row) => !row.isConnected);
      for (const row of sum.dirtyRows) this.rereadRow(match.adapter, row, ctx);
      for (const el of sum.added) this.readAdded(match.adapter, el, ctx);
      // Every row went at once: a re-render or a redesign. Read the page again (health first).
      if (hadRows && this.registry.size === 0) this.fullScan.request();
    });
    this.wakeIfSooner();
  }

  private dropRowsIn(n: Node): void {
    if (this.registry.has(n as Element)) {
      this.registry.remove(n as Element);
      return;
    }
    if (n.nodeType !== 1) return;
    for (const host of Array.from((n as Element).getElementsByTagName(TIMER_TAG))) {
      const row = host.parentElement;
      if (row && this.registry.has(row)) this.registry.remove(row);
    }
    // Duplicate rows without a host inside the subtree go at the next quick pass.
  }

  private rereadRow(adapter: PlatformAdapter, row: Element, ctx: ReadContext): void {
    if (!row.isConnected) return this.registry.remove(row);
    const obs = this.perf.detail('row', () => readRow(adapter, row, ctx, this.copier));
    if (obs) return this.registry.upsert(row, obs);
    if (this.rowCss && !safeMatches(row, this.rowCss)) return this.registry.remove(row);
    // The adapter needs more context than the row itself: fall back to a full read.
    this.fullScan.request();
  }

  private readAdded(adapter: PlatformAdapter, el: Element, ctx: ReadContext): void {
    if (!el.isConnected || this.rowOf(el)) return;
    for (const sr of shadowRootsIn(el)) this.observe(sr);
    if (el.shadowRoot) this.observe(el.shadowRoot);
    const css = this.rowCss;
    if (!css) return this.fullScan.request();
    if (safeMatches(el, css)) {
      this.readOne(adapter, el, ctx);
      return;
    }
    // Filled into a row placeholder the adapter rejected before: read that row again.
    const holder = closestSafe(el, css);
    if (holder && !this.registry.has(holder)) {
      this.readOne(adapter, holder, ctx);
      return;
    }
    if (!el.querySelector(css) && !el.shadowRoot) return;
    const rows = safely(() => adapter.readConversations(el, ctx), []);
    this.inBulk(() => {
      for (const obs of rows) {
        if (!safeMatches(obs.row, css)) continue;
        this.registry.upsert(obs.row, obs);
        this.noteRowPlace(obs.row);
      }
    });
  }

  private onNavigate(newUrl: URL): void {
    if (this.stopped) return;
    this.url = new URL(newUrl.href);
    this.copier.setBase(newUrl.href);
    this.pendingNav = {
      url: newUrl.href,
      oldHeader: this.thread?.header ?? null,
      oldKey: this.thread?.obs.key ?? null,
      region: this.thread?.region ?? null,
      at: Date.now(),
      touched: false,
    };
    this.removeThread();
    this.healthSince = Date.now();
    this.discoverySince = Date.now();
    const next = this.adapterFor(this.url);
    const prev = this.match;
    if (next && prev && next.adapter === prev.adapter && this.recognised && this.rowCss && this.registry.size > 0) {
      // Another thread of the same inbox: the list usually stays, and the mutation observer
      // follows it if not (all rows going triggers a full read). Re-check health for the new
      // page kind once the page has rendered, and look for the new thread.
      this.match = next;
      this.ctx.setTimeout(() => {
        if (this.stopped || this.match !== next) return;
        this.perf.run('scan', () => {
          if (this.checkRecognised(next)) this.threadRead.request();
        });
      }, NAV_CHECK_MS);
      this.threadRead.request();
    } else this.fullScan.request();
    this.scheduleDiscovery();
  }

  /** Polls for late content that arrives without a mutation we can see (shadow roots). */
  private scheduleDiscovery(): void {
    if (this.discoveryHandle !== null) clearTimeout(this.discoveryHandle as number);
    const elapsed = Date.now() - this.discoverySince;
    const wait = elapsed < DISCOVERY_FAST_FOR_MS ? DISCOVERY_FAST_MS : DISCOVERY_SLOW_MS;
    this.discoveryHandle = this.ctx.setTimeout(() => {
      this.discoveryHandle = null;
      if (this.stopped) return;
      const idle = this.recognised && (this.registry.size > 0 || this.thread !== null) && !this.pendingNav;
      if (!idle) this.fullScan.request();
      if (!idle || Date.now() - this.discoverySince < DISCOVERY_FAST_FOR_MS) this.scheduleDiscovery();
    }, wait);
  }

  // ─── Ticking ───────────────────────────────────────────────────────────────────────────────

  private tick(): void {
    if (this.stopped || this.doc.hidden) return;
    this.perf.run('tick', () => this.clock.tick(Date.now()));
  }

  /** When the safety net is next due (Infinity: the page has not changed since the last pass). */
  private nextQuickAt(): number {
    const every = Math.min(QUICK_PASS_MAX_MS, Math.max(QUICK_PASS_MIN_MS, this.registry.size * QUICK_PASS_PER_ROW_MS));
    // The first pass always runs: it checks the full read once the page has settled.
    const quick = this.changedSinceQuick || this.quickPasses === 0 ? this.quickAt + every : Infinity;
    const health = this.changedSinceHealth ? this.healthAt + HEALTH_EVERY_MS : Infinity;
    return Math.min(quick, health);
  }

  private quickPassIfDue(): void {
    if (Date.now() >= this.nextQuickAt()) this.quickPass();
  }

  /** The next beat this feature needs: a badge due, or a pending safety-net pass. */
  private nextBeatAt(): number {
    return Math.min(this.clock.nextDueAt(), this.recognised ? this.nextQuickAt() : Infinity);
  }

  /** Badges or a pass became due sooner than the heartbeat planned: ask for that beat. */
  private wakeIfSooner(): void {
    if (!this.stopped) this.heartbeat.wakeAt(this.nextBeatAt());
  }

  // ─── Health ────────────────────────────────────────────────────────────────────────────────

  private reportHealthIfChanged(health: AdapterHealth | null, adapter: PlatformAdapter): void {
    if (!health) return;
    if (!health.recognised && Date.now() - this.healthSince < HEALTH_GRACE_MS) return;
    const payload = {
      platform: adapter.id,
      pageKind: health.pageKind,
      recognised: health.recognised,
      matched: health.matched,
    };
    const sig = JSON.stringify(payload);
    if (sig === this.reportedHealth) return;
    this.reportedHealth = sig;
    request(this.send, reportHealth, payload).catch(() => {
      // The background may be restarting; the next change reports again.
      this.reportedHealth = '';
    });
  }
}

function safely<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

function closestSafe(el: Element, css: string): Element | null {
  try {
    return el.closest(css);
  } catch {
    return null;
  }
}

function safeMatches(el: Element, css: string): boolean {
  try {
    return el.matches(css);
  } catch {
    return false;
  }
}

export type { TimerPlace };
