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
