/**
 * One sandbox's pending StopTask steps (its containers going down, ending their sessions). Kept
 * per sandbox so that closing it clears them: a stop due after close() must not end sessions of a
 * registry that has shut down (the pattern of session-limits.ts).
 */
/** Where StopTask's later steps wait: real timeouts (TaskStopTimers), or a test's own (SandboxOptions.taskStopTimers). */
export interface StopTimers {
  /** Runs `run` after `ms`, unless cleared first. */
  after(ms: number, run: () => void): void;
  /** How many steps are still to come. */
  readonly pending: number;
  /** Drops every pending step (sandbox shutdown). */
  clear(): void;
}

export class TaskStopTimers implements StopTimers {
  private readonly timers = new Set<NodeJS.Timeout>();

  /** Runs `run` after `ms`, unless cleared first; a pending stop never keeps the process alive on its own. */
  after(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  /** How many stops are still to come. */
  get pending(): number {
    return this.timers.size;
  }

  /** Drops every pending stop (sandbox shutdown). */
  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
