import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Throttle } from '@/lib/overlay/throttle';
import { RestartBudget } from '@/lib/overlay/restart';

describe('Throttle: the safety-net rescan schedule', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  const timers = {
    now: () => Date.now(),
    setTimeout: (cb: () => void, ms: number) => setTimeout(cb, ms),
    clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };

  it('coalesces a burst into one run and keeps runs at least the gap apart', () => {
    const fn = vi.fn();
    const th = new Throttle(fn, 500, timers);
    for (let i = 0; i < 50; i++) th.request();
    expect(fn).not.toHaveBeenCalled(); // never synchronous
    vi.advanceTimersByTime(0);
    expect(fn).toHaveBeenCalledTimes(1);
    // 50 requests a second for 3 s: at most 2 runs a second.
    for (let t = 0; t < 3000; t += 20) {
      th.request();
      vi.advanceTimersByTime(20);
    }
    expect(fn.mock.calls.length).toBeGreaterThanOrEqual(6);
    expect(fn.mock.calls.length).toBeLessThanOrEqual(7);
  });

  it('runNow runs at once and restarts the gap; cancel drops a pending run', () => {
    const fn = vi.fn();
    const th = new Throttle(fn, 500, timers);
    th.runNow();
    expect(fn).toHaveBeenCalledTimes(1);
    th.request();
    expect(th.pending).toBe(true);
    vi.advanceTimersByTime(499);
    expect(fn).toHaveBeenCalledTimes(1);
    th.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});

describe('RestartBudget: a page replaying the start event cannot make us spin', () => {
  it('restarts at once up to the limit, then backs off', () => {
    const b = new RestartBudget(3, 10_000, 1_000);
    expect([b.nextDelay(0), b.nextDelay(1), b.nextDelay(2)]).toEqual([0, 0, 0]);
    expect(b.nextDelay(3)).toBe(1_000);
    expect(b.nextDelay(20_000)).toBe(0); // the window has passed
  });
});
