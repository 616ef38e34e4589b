/**
 * Baton's own cost on the page, measured from inside the content script (the benchmark must not
 * measure through puppeteer's evaluate, which runs outside the extension's world). Off unless
 * the page's <html> carries a `baton-bench` attribute, so normal pages pay nothing: then each
 * span is a `performance.measure` named `baton:scan`, `baton:mutation` or `baton:tick`, and the
 * running totals are written (at most once a second) as JSON to `data-baton-perf` on <html>.
 */
export type PerfSpan = 'scan' | 'mutation' | 'tick' | 'row';

export interface PerfTotals {
  count: number;
  totalMs: number;
  maxMs: number;
  lastMs: number;
}

export class PerfRecorder {
  readonly totals: Record<PerfSpan, PerfTotals> = {
    scan: { count: 0, totalMs: 0, maxMs: 0, lastMs: 0 },
    mutation: { count: 0, totalMs: 0, maxMs: 0, lastMs: 0 },
    tick: { count: 0, totalMs: 0, maxMs: 0, lastMs: 0 },
    row: { count: 0, totalMs: 0, maxMs: 0, lastMs: 0 },
  };
  private lastFlush = 0;

  constructor(
    private readonly doc: Document,
    private readonly perf: Pick<Performance, 'now' | 'measure'>,
  ) {}

  get enabled(): boolean {
    return this.doc.documentElement?.hasAttribute('baton-bench') ?? false;
  }

  /** Time `fn` as one span (only when enabled). */
  run<T>(span: PerfSpan, fn: () => T): T {
    if (!this.enabled) return fn();
    const start = this.perf.now();
    try {
      return fn();
    } finally {
      const end = this.perf.now();
      const t = this.totals[span];
      const ms = end - start;
      t.count += 1;
      t.totalMs += ms;
      t.lastMs = ms;
      if (ms > t.maxMs) t.maxMs = ms;
      try {
        this.perf.measure(`baton:${span}`, { start, end });
      } catch {
        // A page may have replaced or frozen its performance object: totals still work.
      }
      if (end - this.lastFlush >= 1000) this.flush(end);
    }
  }

  /** Write the totals to <html data-baton-perf>. */
  flush(now = this.perf.now()): void {
    if (!this.enabled) return;
    this.lastFlush = now;
    this.doc.documentElement.setAttribute('data-baton-perf', JSON.stringify(this.totals));
  }
}
