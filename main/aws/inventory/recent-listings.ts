// A cluster's tasks listed for following forwards (ClusterListings.tasksNow), shared: callers that
// ask while a listing of the cluster runs join it, and one that began within CLUSTER_TASKS_FRESH_MS
// is handed out again with no call, unless the caller needs news newer than it (a forward whose
// session just ended, or whose start on the task it was given failed: a listing that began before
// may still show that task running). Such a caller joins only a listing that began as it asked.
import type { TaskInfo } from '../discovery/types.js';

/**
 * How long a finished cluster listing is reused for following forwards' retries. A forward with no
 * ready task retries every 0.5 to 30 s, and every following forward of a cluster does so on its own
 * back-off: without reuse each retry is a ListTasks + DescribeTasks round. A replacement task takes
 * tens of seconds to start and its agent to come up, so a listing 5 s old misses little of that,
 * while it caps a cluster's listings for any number of retrying forwards at one per 5 s.
 */
export const CLUSTER_TASKS_FRESH_MS = 5_000;

interface Listed {
  /** When the listing began (what it says is no newer than that), on the inventory's clock. */
  readonly at: number;
  readonly tasks: readonly TaskInfo[];
}

interface Running {
  /** When the listing began, on the inventory's clock. */
  readonly at: number;
  readonly listing: Promise<readonly TaskInfo[]>;
}

export class RecentListings {
  readonly #running = new Map<string, Running>();
  readonly #recent = new Map<string, Listed>();

  constructor(
    private readonly now: () => number,
    private readonly freshMs: number = CLUSTER_TASKS_FRESH_MS,
  ) {}

  /**
   * The cluster's tasks by `key`: the listing running now, joined (when `fresh`, only one that
   * began at this very time); else, unless `fresh`, the last one while it is within the freshness
   * window; else `list()`, shared with whoever asks meanwhile. A failed listing is not kept (the
   * next caller lists again). Listings past the window are dropped, whichever key is asked.
   */
  get(key: string, fresh: boolean, list: () => Promise<readonly TaskInfo[]>): Promise<readonly TaskInfo[]> {
    const now = this.now();
    this.#prune(now);
    const running = this.#running.get(key);
    if (running !== undefined && (!fresh || running.at >= now)) return running.listing;
    const recent = this.#recent.get(key);
    if (recent !== undefined && !fresh) return Promise.resolve(recent.tasks);
    const listing = list()
      .then((tasks) => {
        // A listing that began earlier and finished later says less than the one kept: it is not kept.
        const kept = this.#recent.get(key);
        if (kept === undefined || kept.at <= now) this.#recent.set(key, { at: now, tasks });
        return tasks;
      })
      .finally(() => {
        if (this.#running.get(key)?.listing === listing) this.#running.delete(key);
      });
    this.#running.set(key, { at: now, listing });
    return listing;
  }

  /** Drop the kept listings whose key `drop` names (their branch was refreshed). */
  forgetWhere(drop: (key: string) => boolean): void {
    for (const key of [...this.#recent.keys()]) if (drop(key)) this.#recent.delete(key);
  }

  /** How many finished listings are kept (diagnostics and tests). */
  get kept(): number {
    return this.#recent.size;
  }

  #prune(now: number): void {
    for (const [key, listed] of this.#recent) if (now - listed.at >= this.freshMs) this.#recent.delete(key);
  }
}
