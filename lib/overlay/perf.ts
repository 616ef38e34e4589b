/**
 * Baton's own cost on the page, measured from inside the content script (the benchmark must not
 * measure through puppeteer's evaluate, which runs outside the extension's world). Off unless
 * the page's <html> carries a `baton-bench` attribute, so normal pages pay nothing: then each
 * span is a `performance.measure` named `baton:<span>` (see PerfSpan), and the
 * running totals are written as JSON to `data-baton-perf` on <html> by `flush()`, which the
 * content script calls once a second (so the attribute is at most a second behind; the
 * measures themselves are exact).
 */
/**
 * Top-level spans never overlap, so the `baton:*` measures add up to Baton's whole work:
 * `full`: a read of the whole page through the adapter (start, navigation, late content);
 * `scan`: the recurring safety-net pass; `mutation`: one mutation-observer batch; `thread`: a
 * throttled re-read of the open thread; `visible`: drawing badges that scrolled into view;
 * `tick`: one ticker run. `row` (one single-row read) is a detail inside `mutation` or `scan`,
 * measured as `baton-detail:row` so it is not counted twice.
 */
export type PerfSpan = 'full' | 'scan' | 'mutation' | 'thread' | 'visible' | 'tick';
export type PerfDetail = 'row';

export interface PerfTotals {
  count: number;
  totalMs: number;
  maxMs: number;
  lastMs: number;
}

export class PerfRecorder {
  readonly totals: Record<PerfSpan | PerfDetail, PerfTotals> = {
    full: zero(),
    scan: zero(),
    mutation: zero(),
    thread: zero(),
    visible: zero(),
    tick: zero(),
    row: zero(),
  };
  constructor(
    private readonly doc: Document,
    private readonly perf: Pick<Performance, 'now' | 'measure'>,
  ) {}

  get enabled(): boolean {
    return this.doc.documentElement?.hasAttribute('baton-bench') ?? false;
  }

  /** Time `fn` as one top-level span (only when enabled). */
  run<T>(span: PerfSpan, fn: () => T): T {
    return this.time(span, `baton:${span}`, fn);
  }

  /** Time a part of a span: totals and a `baton-detail:*` measure. */
  detail<T>(part: PerfDetail, fn: () => T): T {
    return this.time(part, `baton-detail:${part}`, fn);
  }

  private time<T>(span: PerfSpan | PerfDetail, name: string, fn: () => T): T {
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
        this.perf.measure(name, { start, end });
      } catch {
        // A page may have replaced or frozen its performance object: totals still work.
      }
    }
  }

  /** Write the totals to <html data-baton-perf>. */
  flush(): void {
    if (!this.enabled) return;
    this.doc.documentElement.setAttribute('data-baton-perf', JSON.stringify(this.totals));
  }
}

function zero(): PerfTotals {
  return { count: 0, totalMs: 0, maxMs: 0, lastMs: 0 };
}
