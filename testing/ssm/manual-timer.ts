// Test support: a PeriodicTimer (main/ssm/connection/liveness.ts) that ticks only when the test
// says so, for every check that was started on it and not stopped. Time in such a test is counted
// in ticks, so a loaded machine cannot make a check fire early or late.
import type { PeriodicTimer } from '../../main/ssm/connection/liveness.js';

export class ManualTimer {
  private readonly callbacks = new Set<() => void>();
  private stoppedCount = 0;

  readonly timer: PeriodicTimer = (tick) => {
    const entry = (): void => tick();
    this.callbacks.add(entry);
    return {
      stop: () => {
        if (this.callbacks.delete(entry)) this.stoppedCount++;
      },
    };
  };

  /** One period passes for every running check. */
  tick(): void {
    for (const callback of [...this.callbacks]) callback();
  }

  /** Checks stopped so far (a liveness check stops itself when it ends its connection). */
  get stopped(): number {
    return this.stoppedCount;
  }

  /** Checks started and not stopped. */
  get running(): number {
    return this.callbacks.size;
  }
}

/** Event-loop turns each tick is given to read what a live loopback peer (in this process) sends back. */
export const TURNS_PER_TICK = 5;

/**
 * Ticks `clock` once, then gives the event loop TURNS_PER_TICK turns, until `done()` or `bound`
 * ticks; resolves with how many ticks it took.
 */
export async function tickUntil(clock: ManualTimer, done: () => boolean, bound: number): Promise<number> {
  let ticks = 0;
  while (ticks < bound && !done()) {
    clock.tick();
    ticks++;
    for (let t = 0; t < TURNS_PER_TICK; t++) await new Promise((resolve) => setImmediate(resolve));
  }
  return ticks;
}
