/**
 * The credential_process runs of one open profile (its own command, or its source's down a role
 * chain): one run per command at a time, which a refresh of the profile joins instead of starting
 * a second helper (a second browser sign-in), and one switch that stops them all when the profile
 * is closed or the app quits (the helper runs in its own process group: nothing else would).
 */
import type { AwsCredentialIdentity } from '@smithy/types';

export class HelperRuns {
  readonly #stop = new AbortController();
  readonly #inflight = new Map<string, Promise<AwsCredentialIdentity>>();

  /** Aborted once the profile is closed: runs stop their helper and fail as cancelled. */
  get signal(): AbortSignal {
    return this.#stop.signal;
  }

  /** The run of `key` already in flight, else `start()`'s, shared until it settles (a later call runs the helper again). */
  run(key: string, start: () => Promise<AwsCredentialIdentity>): Promise<AwsCredentialIdentity> {
    const running = this.#inflight.get(key);
    if (running) return running;
    const p = start().finally(() => {
      if (this.#inflight.get(key) === p) this.#inflight.delete(key);
    });
    this.#inflight.set(key, p);
    return p;
  }

  /** Stops every helper running and any started later (the profile is closed for good). */
  cancel(): void {
    this.#stop.abort();
  }
}
