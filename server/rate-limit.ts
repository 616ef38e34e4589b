/**
 * Per-key token buckets (a key is a token's hash, or a client address for unauthenticated
 * routes). In memory per instance: a limit exists to stop a bug loop or a stolen token from
 * flooding one server, and each instance enforcing it on its own share is enough for that.
 */
export class RateLimiter {
  readonly #perMs: number;
  readonly #burst: number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  #lastSweep = 0;

  constructor(perMinute: number, burst: number) {
    this.#perMs = perMinute / 60_000;
    this.#burst = burst;
  }

  /** Takes one request's worth; returns 0 when allowed, else the milliseconds until it would be. */
  take(key: string, now = Date.now()): number {
    this.#sweep(now);
    const b = this.#buckets.get(key) ?? { tokens: this.#burst, at: now };
    b.tokens = Math.min(this.#burst, b.tokens + (now - b.at) * this.#perMs);
    b.at = now;
    this.#buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - b.tokens) / this.#perMs);
  }

  /** Forgets buckets that have refilled, so memory tracks active keys only. */
  #sweep(now: number) {
    if (now - this.#lastSweep < 60_000) return;
    this.#lastSweep = now;
    for (const [key, b] of this.#buckets) {
      if (b.tokens + (now - b.at) * this.#perMs >= this.#burst) this.#buckets.delete(key);
    }
  }
}
