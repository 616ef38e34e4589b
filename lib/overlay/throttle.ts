/**
 * A time throttle: `request()` runs `fn` at most once per `gapMs`, as soon as the gap allows,
 * coalescing every request made meanwhile into that one run. Batching by animation frame or
 * idle callback does not batch at 50 page updates a second (research/performance.md §3.3);
 * only a time gap does. Clock and timers are injected so tests drive it with fake time.
 */
export interface TimerFns {
  now(): number;
  setTimeout(cb: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export class Throttle {
  private last = Number.NEGATIVE_INFINITY;
  private handle: unknown = null;

  constructor(
    private readonly fn: () => void,
    private readonly gapMs: number,
    private readonly timers: TimerFns,
  ) {}

  /** Is a run scheduled? */
  get pending(): boolean {
    return this.handle !== null;
  }

  /** Schedule a run (never synchronously: requests from one task coalesce). */
  request(): void {
    if (this.handle !== null) return;
    const wait = Math.max(0, this.last + this.gapMs - this.timers.now());
    this.handle = this.timers.setTimeout(() => this.run(), wait);
  }

  /** Run now, replacing any scheduled run; the gap counts from here. */
  runNow(): void {
    this.cancel();
    this.run();
  }

  cancel(): void {
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
  }

  private run(): void {
    this.handle = null;
    this.last = this.timers.now();
    this.fn();
  }
}
