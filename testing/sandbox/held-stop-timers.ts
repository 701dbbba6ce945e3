// Test support: StopTask's later steps (containers going down, their sessions ending) held until
// the test runs them, so a test looks at a stopping task for as long as it needs and then takes
// the step itself, without racing a real timeout.
import type { StopTimers } from '../../main/sandbox/api/ecs/task-stop-timers.js';

export class HeldStopTimers implements StopTimers {
  private steps: Array<{ readonly ms: number; readonly run: () => void }> = [];

  after(ms: number, run: () => void): void {
    this.steps.push({ ms, run });
  }

  get pending(): number {
    return this.steps.length;
  }

  clear(): void {
    this.steps = [];
  }

  /** Runs, in due order, every held step due within `ms` of its StopTask; returns how many ran. */
  runDue(ms: number): number {
    const due = this.steps.filter((s) => s.ms <= ms).sort((a, b) => a.ms - b.ms);
    this.steps = this.steps.filter((s) => s.ms > ms);
    for (const s of due) s.run();
    return due.length;
  }
}
