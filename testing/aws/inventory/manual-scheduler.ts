// Test support: the live tree's clock and timers, moved only by the test, so a poll happens when
// the test says and never because real time passed.
import type { LiveScheduler } from '../../../main/aws/inventory/live-tree.js';

export class ManualScheduler implements LiveScheduler {
  private time = 0;
  private seq = 0;
  private readonly timers = new Map<number, { readonly at: number; readonly run: () => void }>();

  setTimeout(run: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { at: this.time + ms, run });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** No jitter: every wait is the interval itself. */
  random(): number {
    return 0.5;
  }

  /** The clock's time, in milliseconds from its start. */
  now(): number {
    return this.time;
  }

  /** Timers armed and not yet run. */
  get armed(): number {
    return this.timers.size;
  }

  /** Moves the clock by `ms`, running every timer due on the way, in order; returns how many ran. */
  advance(ms: number): number {
    const until = this.time + ms;
    let ran = 0;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (due === undefined) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].run();
      ran++;
    }
    this.time = until;
    return ran;
  }
}
