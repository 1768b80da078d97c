// How fast the outbox may call LINE's push endpoint: evenly spaced calls at a configured rate (with a
// short burst allowance), and a pause for everyone when LINE says "Retry-After". LINE limits each
// channel per endpoint, so one 429 means every push should wait, not only the one that got it.
// Time is a monotonic clock, not the business clock: tests freeze the latter.

export interface RateLimiterOptions {
  /** Calls per second. */
  perSecond: number;
  /** How much unused time may be spent at once as a burst (default 100 ms' worth of calls). */
  burstMs?: number;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class RateLimiter {
  private readonly intervalMs: number;
  private readonly burstMs: number;
  private readonly clock: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** The earliest moment the next call may start. */
  private next = -Infinity;
  private pausedUntil = -Infinity;

  constructor(options: RateLimiterOptions) {
    this.intervalMs = 1000 / options.perSecond;
    this.burstMs = options.burstMs ?? 100;
    this.clock = options.clock ?? (() => performance.now());
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Wait for this call's turn. Calls are served in the order they asked. */
  async acquire(): Promise<void> {
    const now = this.clock();
    const at = Math.max(this.next, now - this.burstMs, this.pausedUntil);
    this.next = at + this.intervalMs;
    if (at > now) await this.sleep(at - now);
  }

  /** LINE asked us to wait: no call starts before `ms` from now. */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock() + ms);
  }

  /** How much longer a pause asked by LINE lasts (0 when none). */
  pausedMs(): number {
    return Math.max(0, this.pausedUntil - this.clock());
  }
}
