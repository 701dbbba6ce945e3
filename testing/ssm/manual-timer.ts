// Test support: a PeriodicTimer (main/ssm/connection/liveness.ts) that ticks only when the test
// says so, for every check that was started on it and not stopped. Time in such a test is counted
// in ticks, so a loaded machine cannot make a check fire early or late.
import type { PeriodicTimer } from '../../main/ssm/connection/liveness.js';

export class ManualTimer {
  private readonly callbacks = new Set<() => void>();

  readonly timer: PeriodicTimer = (tick) => {
    const entry = (): void => tick();
    this.callbacks.add(entry);
    return { stop: () => void this.callbacks.delete(entry) };
  };

  /** One period passes for every running check. */
  tick(): void {
    for (const callback of [...this.callbacks]) callback();
  }

  /** Checks started and not stopped. */
  get running(): number {
    return this.callbacks.size;
  }
}
