/** Restart delays for a forward whose session keeps ending: exponential, capped, reset when stable. */
import { FORWARDS } from './constants.js';

export interface RestartSchedule {
  initialMs: number;
  factor: number;
  maxMs: number;
  stableAfterMs: number;
  /** How long a start failure that may heal is retried before giving up (RESTART_MAY_HEAL_GIVE_UP_MS). */
  mayHealGiveUpMs?: number;
}

export const DEFAULT_RESTART_SCHEDULE: RestartSchedule = {
  initialMs: FORWARDS.RESTART_INITIAL_DELAY_MS,
  factor: FORWARDS.RESTART_FACTOR,
  maxMs: FORWARDS.RESTART_MAX_DELAY_MS,
  stableAfterMs: FORWARDS.RESTART_STABLE_AFTER_MS,
  mayHealGiveUpMs: FORWARDS.RESTART_MAY_HEAL_GIVE_UP_MS,
};

export class RestartBackoff {
  private failures = 0;

  constructor(private readonly schedule: RestartSchedule = DEFAULT_RESTART_SCHEDULE) {}

  /** The delay before the next attempt, given how long the last session lived. */
  next(sessionLivedMs: number): number {
    if (sessionLivedMs >= this.schedule.stableAfterMs) this.failures = 0;
    const delay = Math.min(this.schedule.maxMs, this.schedule.initialMs * this.schedule.factor ** this.failures);
    this.failures++;
    return delay;
  }

  reset(): void {
    this.failures = 0;
  }
}
