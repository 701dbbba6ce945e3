/**
 * The credential_process runs of one open profile (its own command, or its source's down a role
 * chain): one run per command at a time, which a refresh of the profile joins instead of starting
 * a second helper (a second browser sign-in), and one switch that stops them all when the profile
 * is closed or the app quits (the helper runs in its own process group: nothing else would).
 *
 * A refresh reopens the profile while its helper may still wait on the person. The reopened
 * session asks for credentials only when its first call gets that far, which can be after the
 * helper has answered (the person finished the sign-in meanwhile, or merely a busy machine
 * between issuing the call and resolving its credentials): the answer of a run that was in flight
 * at the reopen is therefore handed to the reopened session's first ask, not only its promise
 * while it runs, so the refresh never costs a second sign-in.
 */
import { isIdentityExpired } from '@smithy/core';
import type { AwsCredentialIdentity } from '@smithy/types';

export class HelperRuns {
  readonly #stop = new AbortController();
  readonly #inflight = new Map<string, Promise<AwsCredentialIdentity>>();
  /** Runs that were in flight when the profile was reopened, kept for the reopened session's first ask. */
  readonly #handedOver = new Map<string, Promise<AwsCredentialIdentity>>();

  /** Aborted once the profile is closed: runs stop their helper and fail as cancelled. */
  get signal(): AbortSignal {
    return this.#stop.signal;
  }

  /**
   * The run of `key` already in flight, else the answer of one handed over at a reopen (if it
   * succeeded and has not expired), else `start()`'s, shared until it settles (a later call runs
   * the helper again).
   */
  run(key: string, start: () => Promise<AwsCredentialIdentity>): Promise<AwsCredentialIdentity> {
    const handed = this.#handedOver.get(key);
    this.#handedOver.delete(key);
    const running = this.#inflight.get(key);
    if (running) return running;
    if (handed) return handed.then((identity) => (isIdentityExpired(identity) ? this.run(key, start) : identity), () => this.run(key, start));
    const p = start().finally(() => {
      if (this.#inflight.get(key) === p) this.#inflight.delete(key);
    });
    this.#inflight.set(key, p);
    return p;
  }

  /** The profile is reopened (a refresh): what runs now, and only that, answers the reopened session's first ask too. */
  handOver(): void {
    // Only what runs at this reopen is handed over: an answer handed over at an earlier reopen and
    // not yet asked for belongs to a profile as it was before this refresh (maybe another account).
    this.#handedOver.clear();
    for (const [key, running] of this.#inflight) {
      this.#handedOver.set(key, running);
      // A failed run is not handed over: the reopened session runs the helper afresh.
      running.catch(() => {
        if (this.#handedOver.get(key) === running) this.#handedOver.delete(key);
      });
    }
  }

  /** Stops every helper running and any started later (the profile is closed for good). */
  cancel(): void {
    this.#handedOver.clear();
    this.#stop.abort();
  }
}
