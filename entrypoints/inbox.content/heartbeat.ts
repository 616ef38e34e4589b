/**
 * The content script's one wake-up, shared by its features, and only as often as they need it.
 *
 * Measured on an idle 1,000-row inbox (tests/bench/content.bench.ts, BATON_BENCH_TRACE=1):
 * every wake-up of the content script cost the page about a millisecond of main thread before
 * any work of ours (the task, the isolated world, cold caches after a second asleep), and four
 * separate one-second intervals (the timers' ticker and safety net, the reply panel's check,
 * WXT's location poll) cost more than all the work they did. So each feature says, on every
 * beat, when it next needs one (a badge's minute turning, a pending safety-net pass, an open
 * composer to follow), features ask for an earlier beat when something happens (`wakeAt`), and
 * an idle inbox sleeps up to `IDLE_MAX_MS`.
 *
 * The URL is watched here too: at once where the browser reports same-document navigations (the
 * Navigation API, history traversal), and on every beat — at least once a second where the
 * Navigation API is missing, since a page's pushState is invisible to content scripts otherwise.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/** The shortest gap between beats, and the longest while polling the URL. */
export const HEARTBEAT_MS = 1_000;
/** The longest sleep while no feature needs anything sooner. */
export const IDLE_MAX_MS = 10_000;

/** A feature's beat: returns when (epoch ms) it next needs one, or nothing for "no need". */
export type Beat = () => number | void;

export interface HeartbeatOptions {
  location?: Pick<Location, 'href'>;
  /** The Navigation API object (tests pass null to force URL polling). */
  navigation?: EventTarget | null;
  now?: () => number;
}

export class Heartbeat {
  private readonly beats: Beat[] = [];
  private readonly navigations: ((url: URL) => void)[] = [];
  private readonly location: Pick<Location, 'href'>;
  private readonly navigation: EventTarget | null;
  private readonly now: () => number;
  private href: string;
  private started = false;
  private handle: number | null = null;
  private dueAt = Infinity;

  constructor(
    private readonly ctx: ContentScriptContext,
    opts: HeartbeatOptions = {},
  ) {
    this.location = opts.location ?? window.location;
    const nav = opts.navigation === undefined ? (globalThis as { navigation?: EventTarget }).navigation : opts.navigation;
    this.navigation = nav && typeof nav.addEventListener === 'function' ? nav : null;
    this.now = opts.now ?? (() => Date.now());
    this.href = this.location.href;
  }

  /** Call `fn` on beats; it returns when it next needs one (callbacks fail independently). */
  every(fn: Beat): void {
    this.beats.push(fn);
    this.start();
  }

  /** Call `fn` with the new URL after each same-document navigation. */
  onNavigate(fn: (url: URL) => void): void {
    this.navigations.push(fn);
    this.start();
  }

  /** Beat no later than `at` (epoch ms); something happened that a feature must look at. */
  wakeAt(at: number): void {
    if (!this.started || !(at < this.dueAt)) return;
    this.dueAt = at;
    if (this.handle !== null) clearTimeout(this.handle);
    this.handle = this.ctx.setTimeout(() => this.beat(), Math.max(0, at - this.now()));
  }

  /** Compare the URL now (also run at the start of every beat). */
  checkUrl(): void {
    const href = this.location.href;
    if (href === this.href) return;
    this.href = href;
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      return;
    }
    for (const fn of this.navigations) isolate(() => fn(url));
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    if (this.navigation) {
      // Fires after pushState/replaceState and traversals, once the URL has changed.
      this.ctx.addEventListener(this.navigation, 'currententrychange', () => this.checkUrl());
    }
    this.ctx.addEventListener(window, 'popstate', () => this.checkUrl());
    this.ctx.addEventListener(window, 'hashchange', () => this.checkUrl());
    this.ctx.onInvalidated(() => {
      if (this.handle !== null) clearTimeout(this.handle);
      this.handle = null;
    });
    // The first beat comes a moment after start, when every feature has registered.
    this.wakeAt(this.now() + HEARTBEAT_MS);
  }

  private beat(): void {
    this.handle = null;
    this.dueAt = Infinity;
    this.checkUrl();
    const now = this.now();
    let next = now + (this.navigation ? IDLE_MAX_MS : HEARTBEAT_MS);
    for (const fn of this.beats) {
      const want = isolate(fn);
      if (typeof want === 'number' && want < next) next = want;
    }
    this.wakeAt(Math.max(next, now + HEARTBEAT_MS));
  }
}

function isolate<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    // One feature's bug must not stop the others' beats; it still reaches the console.
    globalThis.reportError?.(err);
    return undefined;
  }
}
