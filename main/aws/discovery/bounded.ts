/**
 * Small helpers for batched, bounded-concurrency calls (the SDK paginators do the paging), and
 * the per-region gate every discovery call passes: bounded concurrency, with what the user asked
 * for (an expanded node, the filter, quick open) ahead of background prefetch.
 */

/** Split `items` into consecutive batches of at most `size` (API limits such as DescribeTasks ≤ 100). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `interactive`: someone is waiting on the result. `background`: prefetch; yields to interactive work and is paced. */
export type Priority = 'interactive' | 'background';

/**
 * The priority of one piece of work (say one cluster's listing). Every call it makes carries the
 * ticket, so raising it later (the user expands a cluster that is being prefetched) moves its
 * queued calls ahead at once — then call `Limiter.reschedule()`.
 */
export interface PriorityTicket {
  priority: Priority;
}

/** What listings need of a gate: run a call under it. */
export interface Gate {
  run<R>(task: () => Promise<R>): Promise<R>;
}

/** How background (prefetch) calls are held back. */
export interface BackgroundPolicy {
  /** Background calls in flight at once; the other slots stay free for interactive calls. */
  readonly slots: number;
  /** Least time between two background call starts (a rate cap: 250 ms is 4 calls/s). */
  readonly minIntervalMs: number;
}

interface Waiter {
  readonly ticket: PriorityTicket;
  readonly start: () => void;
}

const INTERACTIVE: PriorityTicket = Object.freeze({ priority: 'interactive' });

/**
 * A gate that lets at most `limit` calls run at once, shared across callers so that batches
 * produced while pages are still arriving queue behind the same limit. Interactive calls are
 * admitted first; background calls only within `background.slots` and `background.minIntervalMs`.
 */
export class Limiter implements Gate {
  private active = 0;
  private activeBackground = 0;
  private lastBackgroundStart = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly waiting: Waiter[] = [];
  /** Highest number of tasks seen running together (tests check the bound holds). */
  peak = 0;

  constructor(
    readonly limit: number,
    private readonly background: BackgroundPolicy = { slots: limit, minIntervalMs: 0 },
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency limit must be a positive integer, got ${limit}`);
    if (!Number.isInteger(background.slots) || background.slots < 1) throw new RangeError(`background slots must be a positive integer, got ${background.slots}`);
  }

  /** Run `task` when the gate admits it; without a ticket it is interactive. */
  async run<R>(task: () => Promise<R>, ticket: PriorityTicket = INTERACTIVE): Promise<R> {
    const asBackground = await new Promise<boolean>((resolve) => {
      this.waiting.push({ ticket, start: () => resolve(ticket.priority === 'background') });
      this.reschedule();
    });
    try {
      return await task();
    } finally {
      this.active--;
      if (asBackground) this.activeBackground--;
      this.reschedule();
    }
  }

  /** The gate as seen by one piece of work: every call it runs carries `ticket`. */
  view(ticket: PriorityTicket): Gate {
    return { run: (task) => this.run(task, ticket) };
  }

  /** Admit what may start now; call after raising a ticket's priority. */
  reschedule(): void {
    while (this.active < this.limit) {
      const next = this.pick();
      if (next === undefined) return;
      this.waiting.splice(this.waiting.indexOf(next), 1);
      this.active++;
      if (next.ticket.priority === 'background') {
        this.activeBackground++;
        this.lastBackgroundStart = this.now();
      }
      this.peak = Math.max(this.peak, this.active);
      next.start();
    }
  }

  /** The first interactive waiter, else the first background one if its pace allows (else a timer to come back). */
  private pick(): Waiter | undefined {
    const interactive = this.waiting.find((w) => w.ticket.priority === 'interactive');
    if (interactive) return interactive;
    const background = this.waiting[0];
    if (background === undefined || this.activeBackground >= this.background.slots) return undefined;
    const wait = this.lastBackgroundStart + this.background.minIntervalMs - this.now();
    if (wait <= 0) return background;
    if (this.timer === undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.reschedule();
      }, wait);
      this.timer.unref?.();
    }
    return undefined;
  }
}

/** Map with at most `limit` calls in flight; results keep input order; the first failure rejects. */
export async function mapBounded<T, R>(items: readonly T[], limit: number | Gate, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const gate: Gate = typeof limit === 'number' ? new Limiter(limit) : limit;
  return Promise.all(items.map((item, i) => gate.run(() => fn(item, i))));
}

/**
 * Pages of an SDK paginator, each page's request made under `gate`, so listing calls count
 * against the same concurrency and priority as the describe calls they feed.
 */
export async function* gatedPages<P>(gate: Gate, pages: AsyncIterable<P>): AsyncGenerator<P> {
  const it = pages[Symbol.asyncIterator]();
  for (;;) {
    const step = await gate.run(() => it.next());
    if (step.done === true) return;
    yield step.value;
  }
}
