/**
 * One poll of the live tree (live-tree.ts) over what Inventory has loaded: an open region or
 * cluster is described again at background priority, and each loaded branch at or below it is
 * told apart from what the windows show, so `changed` goes out only for what differs.
 */
import type { InventoryNode, LoadProblem } from '../../../shared/contract/inventory.js';
import type { NodeIndex } from './node-index.js';
import { parseNodeId, type ParsedNodeId } from './node-ids.js';
import type { RegionLoader, RegionListing } from './region-loader.js';

/** What a poll needs of the Inventory. */
export interface PollHost {
  readonly index: NodeIndex;
  /** The region's loader (undefined when it was never listed or was forgotten). */
  loader(key: string): RegionLoader | undefined;
  /** A load the user (or the prefetch) started is in flight for this node. */
  loading(id: string): boolean;
  /** A loaded branch's children as its (now relisted) loader says them, asking AWS for nothing new but task definitions. */
  listing(id: string, parsed: ParsedNodeId): Promise<RegionListing>;
  /** Sets a branch's children and problems and sends `changed`, only when they differ from what is shown. */
  merge(id: string, nodes: InventoryNode[], problems: LoadProblem[]): void;
  /** Loads a branch whose load failed, at background priority, and sends `changed` when it answers; throws (reporting nothing) when it fails again. */
  reload(id: string): Promise<void>;
}

/**
 * `skipped` (no call made) when the node is not a region or cluster in the tree, or a load of it is
 * in flight. Throws when AWS refused: nothing changes then. An open region or cluster whose whole
 * load failed (throttled, or no network, at expand) is loaded again, so it comes back by itself.
 */
export async function pollNode(host: PollHost, id: string): Promise<'polled' | 'skipped'> {
  const p = parseNodeId(id);
  if (p === undefined || (p.kind !== 'region' && p.kind !== 'cluster') || host.loading(id)) return 'skipped';
  if (!host.index.isLoaded(id)) {
    // Still in the tree (its parent lists it) but with no children: its latest load failed.
    if (host.index.node(id) === undefined) return 'skipped';
    await host.reload(id);
    return 'polled';
  }
  const key = `${p.profile}|${p.region}`;
  const loader = host.loader(key);
  if (loader === undefined) return 'skipped';
  // Refreshed, forgotten or reloaded while the poll waited on AWS: that load says what is there.
  const current = (): boolean => host.loader(key) === loader && host.index.isLoaded(id) && !host.loading(id);
  if (p.kind === 'region') {
    const relisted = await loader.relistRegion();
    if (relisted === false || !current()) return 'skipped';
    const { nodes } = await loader.regionChildren(() => undefined);
    host.merge(id, nodes, relisted.warnings.map((w) => ({ part: 'instance-names', what: 'Instance names', error: w.toPlain() })));
    return 'polled';
  }
  if (!(await loader.relistCluster(p.rest[0] ?? '')) || !current()) return 'skipped';
  for (const parent of [id, ...host.index.loadedBelow(id)]) {
    const below = parseNodeId(parent);
    if (below === undefined || !host.index.isLoaded(parent) || host.loading(parent)) continue; // gone with a task that left, or loading
    try {
      const { nodes, problems } = await host.listing(parent, below);
      host.merge(parent, nodes, problems);
    } catch {
      // A task no longer listed: its row left with the cluster's change above.
    }
  }
  return 'polled';
}
