// The filter searches what main has loaded, so before it can find a container the tree has to
// have listed it. While a filter is active this loads, cluster by cluster, the services, tasks and
// containers of every cluster in the regions already open (never a profile or region the person
// has not opened: that could ask for credentials or an MFA code). Bounded, with progress.
import type { InventoryNode } from '../../shared/contract/index.js';
import type { Branch } from './tree-store.js';

export const FILTER_SEARCH = {
  /** Clusters loaded for one search at most: each costs a few AWS list/describe calls. */
  MAX_CLUSTERS: 30,
  /** Clusters loaded at once (main bounds its own AWS concurrency too). */
  CONCURRENCY: 2,
} as const;

export interface FilterSearchProgress {
  readonly searched: number;
  readonly total: number;
  readonly done: boolean;
}

interface Loader {
  branch(id: string): Branch | undefined;
  load(id: string): Promise<void>;
  readonly state: { readonly branches: ReadonlyMap<string, Branch> };
}

interface SearchHooks {
  /** True once a newer query replaced this one. */
  stale(): boolean;
  progress(p: FilterSearchProgress): void;
  /** A cluster finished loading: ask main to filter again. */
  loaded(): Promise<void>;
}

const BELOW_CLUSTER: ReadonlySet<InventoryNode['kind']> = new Set(['service', 'task']);

/** Loads a node's children if the tree has none yet, then returns them. */
async function childrenOf(tree: Loader, id: string): Promise<readonly InventoryNode[]> {
  if (tree.branch(id)?.status !== 'ready') await tree.load(id);
  return tree.branch(id)?.children ?? [];
}

/** Loads everything under a cluster: services → tasks → containers. */
async function loadCluster(tree: Loader, id: string, hooks: SearchHooks): Promise<void> {
  const queue = [id];
  while (queue.length > 0 && !hooks.stale()) {
    const next = queue.shift();
    if (next === undefined) break;
    for (const child of await childrenOf(tree, next)) if (BELOW_CLUSTER.has(child.kind)) queue.push(child.id);
  }
}

export async function searchClusters(tree: Loader, hooks: SearchHooks): Promise<void> {
  const clusters: string[] = [];
  for (const branch of tree.state.branches.values()) {
    if (branch.status !== 'ready') continue;
    for (const node of branch.children) if (node.kind === 'cluster') clusters.push(node.id);
  }
  const picked = clusters.slice(0, FILTER_SEARCH.MAX_CLUSTERS);
  let searched = 0;
  const report = (): void => hooks.progress({ searched, total: clusters.length, done: searched === picked.length });
  report();
  let i = 0;
  const worker = async (): Promise<void> => {
    while (i < picked.length && !hooks.stale()) {
      const id = picked[i++];
      if (id === undefined) break;
      await loadCluster(tree, id, hooks);
      if (hooks.stale()) return;
      searched++;
      await hooks.loaded();
      report();
    }
  };
  await Promise.all(Array.from({ length: FILTER_SEARCH.CONCURRENCY }, worker));
}
