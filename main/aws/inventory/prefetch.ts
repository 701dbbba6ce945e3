/**
 * Background prefetch of a region's clusters (services, tasks, containers), so that expanding a
 * cluster, the tree filter and quick open find things without waiting. It runs behind whatever
 * the user asks for: its calls carry the `background` priority on the region's gate, which keeps
 * slots free for interactive calls and paces background ones (PREFETCH below). It never opens a
 * profile or region by itself — only regions the user has already listed — so it can never ask
 * for credentials, an MFA code or an SSO sign-in. Failures are dropped quietly: the node loads
 * (and reports its error) when the user expands it.
 */
import type { InventoryNode } from '../../../shared/contract/inventory.js';

export const PREFETCH = {
  /**
   * Clusters prefetched per region at most, in the order the tree shows them. Each costs about
   * five calls (list + describe services and tasks, task definitions), so 50 clusters are ~250
   * calls: about a minute at the paced rate, after which a big account costs nothing more.
   */
  MAX_CLUSTERS_PER_REGION: 50,
  /** Background calls in flight per region: one, so the other discovery slots stay free for what the user asks. */
  SLOTS: 1,
  /**
   * Least time between two background calls: 250 ms is 4 calls/s, a fifth of the ~20 requests/s
   * ECS read bucket an account shares with the console, CI and other tools (research/peers.md §4.4).
   */
  MIN_INTERVAL_MS: 250,
} as const;

/** Loads a node's children at background priority (cached ones come back at once). */
export type BackgroundLoad = (id: string) => Promise<readonly InventoryNode[]>;

const BELOW_CLUSTER: ReadonlySet<InventoryNode['kind']> = new Set(['service', 'task']);

export class Prefetcher {
  private readonly runs = new Map<string, AbortController>();
  /** Clusters walked so far, loaded or failed (the bench and tests read it). */
  clustersDone = 0;

  constructor(private readonly load: BackgroundLoad) {}

  /** Prefetch the clusters listed under a region node; replaces a run already going there. */
  start(regionId: string, children: readonly InventoryNode[]): Promise<void> {
    this.stop(regionId);
    const ac = new AbortController();
    this.runs.set(regionId, ac);
    const clusters = children.filter((n) => n.kind === 'cluster').slice(0, PREFETCH.MAX_CLUSTERS_PER_REGION);
    return this.run(clusters, ac.signal).finally(() => {
      if (this.runs.get(regionId) === ac) this.runs.delete(regionId);
    });
  }

  /** Stop the runs of every region whose node id `matches` (a forgotten profile or region). */
  stopWhere(matches: (regionId: string) => boolean): void {
    for (const id of [...this.runs.keys()]) if (matches(id)) this.stop(id);
  }

  stop(regionId: string): void {
    this.runs.get(regionId)?.abort();
    this.runs.delete(regionId);
  }

  /** Cluster by cluster: services → tasks → containers, the same walk an expand-all would make. */
  private async run(clusters: readonly InventoryNode[], signal: AbortSignal): Promise<void> {
    for (const cluster of clusters) {
      const queue = [cluster.id];
      while (queue.length > 0) {
        const id = queue.shift();
        if (id === undefined || signal.aborted) return;
        let kids: readonly InventoryNode[];
        try {
          kids = await this.load(id);
        } catch {
          break; // this cluster failed: the user sees why when they expand it; go on with the next
        }
        for (const k of kids) if (BELOW_CLUSTER.has(k.kind)) queue.push(k.id);
      }
      if (signal.aborted) return;
      this.clustersDone++;
    }
  }
}
