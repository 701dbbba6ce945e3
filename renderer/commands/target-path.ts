// The way down the tree to a target it has not loaded (a recent target from an earlier run, in a
// region or cluster not opened since): profile → region → instance, or profile → region → cluster
// → (service) → task → container, each branch loaded as the tree would load it when opened.
// Node ids are main's, so the way is found by what the target says of itself, not by its id.
import type { InventoryNode, TargetRef } from '../../shared/contract/index.js';
import { clusterName } from '../tree/node-view.js';
import { TREE_ROOT, type TreeStore } from '../tree/tree-store.js';

type Tree = Pick<TreeStore, 'branch' | 'load'>;

/** A branch's children, loaded first when the tree has not loaded them (or failed to). */
async function childrenOf(tree: Tree, id: string): Promise<readonly InventoryNode[]> {
  const b = tree.branch(id);
  if (b === undefined || b.status !== 'ready') await tree.load(id);
  return tree.branch(id)?.children ?? [];
}

/**
 * The ids from the outermost ancestor down to the target's own node, loading each branch on the
 * way; null when the way ends (the task stopped and is gone, the profile was removed). A task
 * of a service is looked for under each of its cluster's services in turn: its ARN does not say
 * which service started it.
 */
export async function loadPathTo(tree: Tree, target: TargetRef): Promise<string[] | null> {
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
