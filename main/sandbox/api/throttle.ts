/**
 * Request-rate limiting (a token bucket per service), so clients can be tested against
 * ThrottlingException and the SDKs' adaptive retry. Off unless a rate is configured.
 */
import type { ServiceName } from './errors.js';

export interface ThrottleOptions {
  /** Sustained requests per second before ThrottlingException. */
  readonly ratePerSecond: number;
  /** Requests allowed in a burst; defaults to one second's worth. */
  readonly burst?: number;
  /**
   * The buckets' clock in milliseconds (default performance.now). Tests stop it while they send a
   * burst, so no token comes back however slowly a loaded machine sends the burst's requests.
   */
  readonly now?: () => number;
}

export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly capacity: number;
  /** Requests refused so far (tests and benchmarks report it). */
  throttledCount = 0;

  private readonly now: () => number;

  constructor(private readonly opts: ThrottleOptions) {
    this.now = opts.now ?? (() => performance.now());
    this.capacity = Math.max(1, opts.burst ?? opts.ratePerSecond);
    this.tokens = this.capacity;
    this.last = this.now();
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

/**
 * One bucket per service, as AWS limits each service's API rate on its own: SSM calls never
 * throttle ECS calls. The SDKs adapt per client (one per service), so a shared bucket let one
 * client's calls throttle another's, which no adaptive limiter can see; two clients throttled at
 * the same instant then retried in lockstep into each other until their attempts ran out.
 */
export class ServiceThrottle {
  /** One bucket per service the sandbox routes (a closed set, never the caller's text). */
  private readonly buckets = new Map<ServiceName, TokenBucket>();

  constructor(private readonly opts: ThrottleOptions) {}

  /** Takes one of this service's tokens; false means the request must be throttled. */
  take(service: ServiceName): boolean {
    let bucket = this.buckets.get(service);
    if (!bucket) {
      bucket = new TokenBucket(this.opts);
      this.buckets.set(service, bucket);
    }
    return bucket.take();
  }
}
