// Test support: waits with a bound that says what they waited for. A wait on a socket, a shell or a
// session event that never comes would otherwise hold the test until vitest's testTimeout and
// fail with nothing but "Test timed out" (or hang a hook); these fail sooner, naming the event and
// what was seen instead.

/**
 * Longest a single wait may take before it fails. Far above any healthy wait on a loaded 2-core
 * CI box (they take well under a few seconds), and under vitest's 60 s testTimeout (vitest.config.mts)
 * so this message, not a bare timeout, reports a stall. Not a speed check: speed is for the bench.
 */
export const WAIT_BOUND_MS = 40_000;

/** How often `until` looks again: often enough to be prompt, rare enough to cost nothing. */
const POLL_MS = 20;

/** Settles as `promise` does, or rejects once `ms` have passed with "timed out waiting for <what>". */
export function within<T>(what: string | (() => string), promise: Promise<T>, ms = WAIT_BOUND_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${typeof what === 'string' ? what : what()}`)), ms);
  });
  return Promise.race([promise, bound]).finally(() => clearTimeout(timer));
}

/**
 * Polls `check` until it holds. It throws (ending the wait) to say the awaited thing can no longer
 * come; after `ms` it fails with "timed out waiting for <what>", `what` evaluated then so it can
 * say what was seen.
 */
export async function until(what: string | (() => string), check: () => boolean, ms = WAIT_BOUND_MS): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() >= deadline) throw new Error(`timed out after ${ms} ms waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
