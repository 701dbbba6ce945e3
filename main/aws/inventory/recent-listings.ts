// A cluster's tasks listed for following forwards (ClusterListings.tasksNow), shared: callers that
// ask while a listing of the cluster runs join it, and one that began within CLUSTER_TASKS_FRESH_MS
// is handed out again with no call, unless the caller needs news newer than it (a forward whose
// session just ended: the listing before may still show its task running).
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

export class RecentListings {
  readonly #running = new Map<string, Promise<readonly TaskInfo[]>>();
  readonly #recent = new Map<string, Listed>();

  constructor(
    private readonly now: () => number,
    private readonly freshMs: number = CLUSTER_TASKS_FRESH_MS,
  ) {}

  /**
   * The cluster's tasks by `key`: the listing running now, joined; else, unless `fresh`, the last
   * one while it is within the freshness window; else `list()`, shared with whoever asks meanwhile.
   * A failed listing is not kept (the next caller lists again).
   */
  get(key: string, fresh: boolean, list: () => Promise<readonly TaskInfo[]>): Promise<readonly TaskInfo[]> {
    const running = this.#running.get(key);
    if (running !== undefined) return running;
    const recent = this.#recent.get(key);
    if (recent !== undefined && this.now() - recent.at >= this.freshMs) this.#recent.delete(key);
    else if (recent !== undefined && !fresh) return Promise.resolve(recent.tasks);
    const at = this.now();
    const listing = list()
      .then((tasks) => {
        this.#recent.set(key, { at, tasks });
        return tasks;
      })
      .finally(() => this.#running.delete(key));
    this.#running.set(key, listing);
    return listing;
  }
}
