/**
 * Who waits on a profile's credential_process: a tree load someone waits on (its node says so), a
 * shell launch (its tab's connecting status), a forward's session start (its row), a transfer's
 * launch (its row) and a diagnosis (the Diagnostics panel, by its run key). Anything else
 * that needs a profile's credentials while someone watches can register the same way.
 */
import { helperWaitWords, type HelperRun } from './credential-process.js';

/** Told the waiting words while a helper runs, and null once it has answered (normal progress resumes). */
export type HelperWaitListener = (words: string | null) => void;

export class HelperWaiters {
  readonly #byProfile = new Map<string, Set<HelperWaitListener>>();
  /** The helper running now per profile opened, so one who starts waiting on it meanwhile is told at once. */
  readonly #running = new Map<string, HelperRun>();

  /** A helper of `run.profile` (or of its source) started or ended: tells everyone waiting on that profile. */
  tell(run: HelperRun): void {
    if (run.running) this.#running.set(run.profile, run);
    else this.#running.delete(run.profile);
    const words = run.running ? helperWaitWords(run) : null;
    for (const listener of this.#byProfile.get(run.profile) ?? []) listener(words);
  }

  /** Runs `work` (which needs `profile`'s credentials), telling `listener` of any helper it waits on meanwhile. */
  async during<T>(profile: string, listener: HelperWaitListener | undefined, work: () => Promise<T>): Promise<T> {
    if (listener === undefined) return work();
    const set = this.#byProfile.get(profile) ?? new Set<HelperWaitListener>();
    this.#byProfile.set(profile, set);
    set.add(listener);
    const running = this.#running.get(profile);
    if (running !== undefined) listener(helperWaitWords(running));
    try {
      return await work();
    } finally {
      set.delete(listener);
      if (set.size === 0) this.#byProfile.delete(profile);
    }
  }
}
