// Dialling the data channel (§9): attempts with backoff on the same URL until one connects, they
// run out, or the dial's deadline, when it has one (the drop-in's, Connection.DROP_IN_DIAL_DEADLINE_MS),
// passes; and when a closed
// connection counts as a failed attempt. Each attempt's work (ResumeSession, the websocket,
// attaching it) is the channel's own.
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
  /**
   * One attempt, to be over within `budgetMs` (what is left of the dial's deadline; Infinity with
   * none: the attempt's own timeouts bound it); resolving ends
   * the dial (connected, or given up), a throw makes the next attempt. One still pending at the
   * deadline is left behind: it must find current() false when it settles, and drop what it made.
   */
  attempt(budgetMs: number): Promise<void>;
  /** Every attempt failed, or the deadline passed; `lastError` says why, `attempts` how many were made, counting those of the dials before this one. */
  failed(lastError: string, attempts: number): void;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The attempt's outcome, or 'late' once `ms` passed first. */
function beforeDeadline(work: Promise<void>, ms: number): Promise<'done' | 'late'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
  return Promise.race([work.then(() => 'done' as const), late]).finally(() => clearTimeout(timer));
}

function silence(deadlineMs: number, lastError: string): string {
  return `nothing answered within ${Math.round(deadlineMs / 1000)} s (${lastError})`;
}

/**
 * Attempts `firstAttempt`..MAX_ATTEMPTS, all within `deadlineMs` when given (else each bounded only
 * by its own timeouts); `previousError` is what is told if none is made.
 */
export async function dial(steps: DialSteps, backoff: BackoffSchedule, firstAttempt: number, previousError: string, deadlineMs: number | undefined): Promise<void> {
  if (deadlineMs === undefined) return dialWithoutDeadline(steps, backoff, firstAttempt, previousError);
  const giveUpAt = performance.now() + deadlineMs;
  let lastError = previousError;
  let made = 0;
  for (let attempt = firstAttempt; attempt <= backoff.MAX_ATTEMPTS; attempt++) {
    const delay = backoffDelay(attempt, backoff);
    if (performance.now() + delay >= giveUpAt) {
      lastError = silence(deadlineMs, lastError);
      break;
    }
    if (delay > 0) await sleep(delay);
    if (!steps.current()) return;
    const budget = giveUpAt - performance.now();
    const work = steps.attempt(budget);
    made++;
    try {
      if ((await beforeDeadline(work, budget)) === 'done') return;
      work.catch(() => undefined); // settles after the dial gave up: current() is false by then
      lastError = silence(deadlineMs, 'the last attempt was still waiting');
      break;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
  }
  if (steps.current()) steps.failed(lastError, firstAttempt - 1 + made);
}

/** The plugin's way: every attempt is made, each bounded by its own timeouts (ResumeSession's, the upgrade's). */
async function dialWithoutDeadline(steps: DialSteps, backoff: BackoffSchedule, firstAttempt: number, previousError: string): Promise<void> {
  let lastError = previousError;
  let made = 0;
  for (let attempt = firstAttempt; attempt <= backoff.MAX_ATTEMPTS; attempt++) {
    const delay = backoffDelay(attempt, backoff);
    if (delay > 0) await sleep(delay);
    if (!steps.current()) return;
    made++;
    try {
      return await steps.attempt(Infinity);
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
  }
  if (steps.current()) steps.failed(lastError, firstAttempt - 1 + made);
}

/** Whether a socket that just closed had been a working connection (see STABLE_CONNECTION_MS). */
export function wasStable(hadTraffic: boolean, openedAt: number, now: number): boolean {
  return hadTraffic || now - openedAt >= STABLE_CONNECTION_MS;
}
