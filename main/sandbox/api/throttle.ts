/**
 * Request-rate limiting (a token bucket), so clients can be tested against ThrottlingException
 * and the SDKs' adaptive retry. Off unless a rate is configured.
 */

export interface ThrottleOptions {
  /** Sustained requests per second before ThrottlingException. */
  readonly ratePerSecond: number;
  /** Requests allowed in a burst; defaults to one second's worth. */
  readonly burst?: number;
}

export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly capacity: number;
  /** Requests refused so far (tests and benchmarks report it). */
  throttledCount = 0;

  constructor(
    private readonly opts: ThrottleOptions,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.capacity = Math.max(1, opts.burst ?? opts.ratePerSecond);
    this.tokens = this.capacity;
    this.last = now();
  }

  /** Takes one token; false means the request must be throttled. */
  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) / 1000) * this.opts.ratePerSecond);
    this.last = t;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    this.throttledCount++;
    return false;
  }
}
