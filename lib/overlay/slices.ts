/**
 * Large batches of overlay work (drawing thousands of badges, mounting a long list) run in
 * slices of a few milliseconds, each its own task, so no single task grows with the size of
 * the inbox and the page keeps its frames.
 */
export const SLICE_MS = 6;

export interface SliceDeps {
  /** Run `cb` in a later task. Absent: everything runs at once (tests, no scheduler). */
  defer?: (cb: () => void) => void;
  /** A fine clock for measuring a slice (default performance.now). */
  elapsed?: () => number;
}

export class SliceRunner {
  private queued = false;
  private readonly elapsed: () => number;

  /** `step` does one unit of work and returns false when there is none left. */
  constructor(
    private readonly step: () => boolean,
    private readonly deps: SliceDeps,
  ) {
    this.elapsed = deps.elapsed ?? (() => performance.now());
  }

  /** Run a slice now; what does not fit continues in later tasks. */
  runNow(): void {
    const start = this.elapsed();
    while (this.step()) {
      if (this.deps.defer && this.elapsed() - start >= SLICE_MS) {
        this.schedule();
        return;
      }
    }
  }

  /** Work is waiting: run it from a later task (one pending at a time). */
  schedule(): void {
    const defer = this.deps.defer;
    if (!defer) return this.runNow();
    if (this.queued) return;
    this.queued = true;
    defer(() => {
      this.queued = false;
      this.runNow();
    });
  }
}
