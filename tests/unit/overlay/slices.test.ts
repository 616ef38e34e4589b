import { describe, expect, it } from 'vitest';
import { SLICE_MS, SliceRunner } from '@/lib/overlay/slices';

/** A queue of `n` units, each taking 1 ms on a fake clock. */
function work(n: number) {
  let left = n;
  let clock = 0;
  const done: number[] = [];
  const deferred: (() => void)[] = [];
  const runner = new SliceRunner(
    () => {
      if (left === 0) return false;
      done.push(left--);
      clock += 1;
      return true;
    },
    { defer: (cb) => deferred.push(cb), elapsed: () => clock },
  );
  return { runner, done, deferred, left: () => left };
}

describe('SliceRunner', () => {
  it('runs a slice of at most SLICE_MS, then continues in later tasks until the work is done', () => {
    const w = work(20);
    w.runner.runNow();
    expect(w.done).toHaveLength(SLICE_MS);
    expect(w.deferred).toHaveLength(1);
    let tasks = 1;
    while (w.deferred.length) {
      w.deferred.shift()!();
      tasks++;
    }
    expect(w.left()).toBe(0);
    expect(tasks).toBe(Math.ceil(20 / SLICE_MS));
  });

  it('schedule() queues one later task however often it is called', () => {
    const w = work(3);
    w.runner.schedule();
    w.runner.schedule();
    expect(w.deferred).toHaveLength(1);
    expect(w.done).toHaveLength(0); // nothing in the caller's task
    w.deferred.shift()!();
    expect(w.done).toHaveLength(3);
  });

  it('without a scheduler everything runs at once', () => {
    let n = 100;
    const runner = new SliceRunner(() => n-- > 0, { elapsed: () => 1e9 });
    runner.schedule();
    expect(n).toBeLessThan(0);
  });
});
