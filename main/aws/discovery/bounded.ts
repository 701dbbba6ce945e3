/** Small helpers for batched, bounded-concurrency calls (the SDK paginators do the paging). */

/** Split `items` into consecutive batches of at most `size` (API limits such as DescribeTasks ≤ 100). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * A gate that lets at most `limit` tasks run at once, shared across callers so that batches
 * produced while pages are still arriving queue behind the same limit.
 */
export class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  /** Highest number of tasks seen running together (tests check the bound holds). */
  peak = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency limit must be a positive integer, got ${limit}`);
  }

  async run<R>(task: () => Promise<R>): Promise<R> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    this.peak = Math.max(this.peak, this.active);
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

/** Map with at most `limit` calls in flight; results keep input order; the first failure rejects. */
export async function mapBounded<T, R>(items: readonly T[], limit: number | Limiter, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const gate = typeof limit === 'number' ? new Limiter(limit) : limit;
  return Promise.all(items.map((item, i) => gate.run(() => fn(item, i))));
}
