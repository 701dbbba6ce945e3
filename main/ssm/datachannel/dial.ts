// Dialling the data channel (§9): attempts with backoff on the same URL until one connects or
// they run out, and when a closed connection counts as a failed attempt. Each attempt's work
// (ResumeSession, the websocket, attaching it) is the channel's own.
import { backoffDelay, type BackoffSchedule } from '../connection/constants.js';

/**
 * A connection that closes sooner than this without delivering a single frame counts as a
 * failed attempt (e.g. the gateway refused the token after the upgrade), so such refusals
 * exhaust the retry budget instead of looping forever.
 */
export const STABLE_CONNECTION_MS = 2000;

export interface DialSteps {
  /** This dial is still the channel's current one (not closed or re-dialled meanwhile). */
  current(): boolean;
  /** One attempt; resolving ends the dial (connected, or given up), a throw makes the next attempt. */
  attempt(): Promise<void>;
  /** Every attempt failed; `lastError` is the last one's message. */
  failed(lastError: string): void;
}

/** Attempts `firstAttempt`..MAX_ATTEMPTS; `previousError` is what is told if none is made. */
export async function dial(steps: DialSteps, backoff: BackoffSchedule, firstAttempt: number, previousError: string): Promise<void> {
  let lastError = previousError;
  for (let attempt = firstAttempt; attempt <= backoff.MAX_ATTEMPTS; attempt++) {
    const delay = backoffDelay(attempt, backoff);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (!steps.current()) return;
    try {
      await steps.attempt();
      return;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
  }
  steps.failed(lastError);
}

/** Whether a socket that just closed had been a working connection (see STABLE_CONNECTION_MS). */
export function wasStable(hadTraffic: boolean, openedAt: number, now: number): boolean {
  return hadTraffic || now - openedAt >= STABLE_CONNECTION_MS;
}
