/**
 * Baton's own cost on the page, measured from inside the content script (the benchmark must not
 * measure through puppeteer's evaluate, which runs outside the extension's world). Off unless
 * the page's <html> carries a `baton-bench` attribute, so normal pages pay one attribute check:
 * then each span is a `performance.measure` named `baton:<span>`, which the benchmark page
 * collects with a PerformanceObserver.
 *
 * Top-level spans never overlap, so the `baton:*` measures add up to Baton's whole work:
 * `full`: a read of the whole page through the adapter (start, navigation, late content);
 * `scan`: the recurring safety-net pass; `mutation`: one mutation-observer batch; `thread`: a
 * throttled re-read of the open thread; `tick`: one ticker run
 * (or a later slice of a large redraw); `suggest`: the reply panel's look for the composer and thread.
 * Details are parts of a span, measured as `baton-detail:*` so they are not counted twice:
 * `row` (one single-row read), `mount` (a new row's badge, drawn), `unmount` (a row's going).
 */
export type PerfSpan = 'full' | 'scan' | 'mutation' | 'thread' | 'tick' | 'suggest';
export type PerfDetail = 'row' | 'mount' | 'unmount';

export class PerfRecorder {
  constructor(
    private readonly doc: Document,
    private readonly perf: Pick<Performance, 'now' | 'measure'>,
  ) {}

  get enabled(): boolean {
    return this.doc.documentElement?.hasAttribute('baton-bench') ?? false;
  }

  /** Time `fn` as one top-level span (only when enabled). */
  run<T>(span: PerfSpan, fn: () => T): T {
    return this.time(`baton:${span}`, fn);
  }

  /** Time a part of a span as a `baton-detail:*` measure. */
  detail<T>(part: PerfDetail, fn: () => T): T {
    return this.time(`baton-detail:${part}`, fn);
  }

  private time<T>(name: string, fn: () => T): T {
    if (!this.enabled) return fn();
    const start = this.perf.now();
    try {
      return fn();
    } finally {
      try {
        this.perf.measure(name, { start, end: this.perf.now() });
      } catch {
        // A page may have replaced or frozen its performance object.
      }
    }
  }
}
