/**
 * How soon to restart after a spoofed invalidation: at once, unless restarts come faster than
 * `limit` per `windowMs` (a page replaying WXT's start event in a loop); then back off, so a
 * hostile page costs us one restart a second at most, never a busy loop.
 */
export class RestartBudget {
  private readonly times: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly backoffMs = 1_000,
  ) {}

  /** Record a restart at `now`; returns the delay before it should happen. */
  nextDelay(now: number): number {
    while (this.times.length > 0 && now - this.times[0]! > this.windowMs) this.times.shift();
    this.times.push(now);
    return this.times.length > this.limit ? this.backoffMs : 0;
  }
}
