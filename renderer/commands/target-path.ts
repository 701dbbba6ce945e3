// The way down the tree to a target it has not loaded (a recent target from an earlier run, in a
// region or cluster not opened since): profile → region → instance, or profile → region → cluster
// → (service) → task → container, each branch loaded as the tree would load it when opened.
// Node ids are main's, so the way is found by what the target says of itself, not by its id.
import type { InventoryNode, TargetRef } from '../../shared/contract/index.js';
import { clusterName } from '../tree/node-view.js';
import { TREE_ROOT, type TreeStore } from '../tree/tree-store.js';

type Tree = Pick<TreeStore, 'branch' | 'load'>;

/**
 * Where the way down ended: at the target (`path`, outermost ancestor first, the target's own
 * node last); at a branch that loaded without it (`gone`: the task stopped and went, the profile
 * was removed); or at a branch that could not be loaded (`failed`: throttling, network,
 * credentials), which says nothing of whether the target is still there.
 */
export type TargetPath =
  | { readonly kind: 'found'; readonly path: readonly string[] }
  | { readonly kind: 'gone' }
  | { readonly kind: 'failed'; readonly message: string };

/** A branch on the way could not be loaded; caught by loadPathTo. */
class BranchFailed extends Error {}

/** A branch's children, loaded first when the tree has not loaded them (or failed to). */
async function childrenOf(tree: Tree, id: string): Promise<readonly InventoryNode[]> {
  const b = tree.branch(id);
  if (b === undefined || b.status !== 'ready') await tree.load(id);
  const loaded = tree.branch(id);
  if (loaded?.status === 'error') throw new BranchFailed(loaded.error?.message ?? 'the list could not be loaded');
  return loaded?.children ?? [];
}

/**
 * The way down to the target, loading each branch on it. A task of a service is looked for under
 * each of its cluster's services in turn: its ARN does not say which service started it.
 */
export async function loadPathTo(tree: Tree, target: TargetRef): Promise<TargetPath> {
  try {
    const path = await findPath(tree, target);
    return path === null ? { kind: 'gone' } : { kind: 'found', path };
  } catch (err) {
    if (err instanceof BranchFailed) return { kind: 'failed', message: err.message };
    throw err;
  }
}

async function findPath(tree: Tree, target: TargetRef): Promise<string[] | null> {
  const profile = (await childrenOf(tree, TREE_ROOT)).find((n) => n.kind === 'profile' && n.profile === target.profile);
  if (profile === undefined) return null;
  const region = (await childrenOf(tree, profile.id)).find((n) => n.kind === 'region' && n.region === target.region);
  if (region === undefined) return null;
  const inRegion = await childrenOf(tree, region.id);
  if (target.kind === 'instance') {
    const instance = inRegion.find((n) => n.kind === 'instance' && n.instanceId === target.instanceId);
    return instance === undefined ? null : [profile.id, region.id, instance.id];
  }
  const cluster = inRegion.find((n) => n.kind === 'cluster' && clusterName(n.clusterArn) === clusterName(target.cluster));
  if (cluster === undefined) return null;
  const isTask = (n: InventoryNode): boolean => n.kind === 'task' && n.taskArn === target.taskArn;
  const inCluster = await childrenOf(tree, cluster.id);
  let way: string[] | null = null;
  const standalone = inCluster.find(isTask);
  if (standalone !== undefined) way = [cluster.id, standalone.id];
  for (const service of inCluster) {
    if (way !== null) break;
    if (service.kind !== 'service') continue;
    const task = (await childrenOf(tree, service.id)).find(isTask);
    if (task !== undefined) way = [cluster.id, service.id, task.id];
  }
  const taskId = way?.at(-1);
  if (way === null || taskId === undefined) return null;
  const container = (await childrenOf(tree, taskId)).find((n) => n.kind === 'container' && n.name === target.containerName);
  return container === undefined ? null : [profile.id, region.id, ...way, container.id];
}
