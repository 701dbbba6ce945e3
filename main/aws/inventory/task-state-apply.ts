// A task's state learned outside a listing (a DescribeTasks made for a session or a forward)
// applied to the loaded tree: the task's and its containers' rows, and the running counts of its
// service and cluster, updated in place with no call to AWS.
import type { InventoryNode } from '../../../shared/contract/inventory.js';
import type { EcsTaskState } from '../discovery/task-state.js';
import type { TaskInfo } from '../discovery/types.js';
import type { NodeIndex } from './node-index.js';
import { nodeId } from './node-ids.js';
import { clusterNode, containerNode, serviceNode, taskNode } from './nodes.js';
import type { RegionLoader } from './region-loader.js';
import { countedRunning, taskAfter } from './task-verdict.js';

/** What applying a task's state needs of the Inventory. */
export interface TaskStateHost {
  readonly index: NodeIndex;
  /** The region's loader (`profile|region`), undefined when it was never listed. */
  loader(key: string): RegionLoader | undefined;
  /** Replaces a loaded parent's children and tells the windows. */
  setChanged(parentId: string, nodes: InventoryNode[]): void;
}

/**
 * What a DescribeTasks made outside a listing said of one task (`cluster`: its name or ARN;
 * `task`: its ARN or id): when it
 * stopped (or is stopping) and the tree still lists it otherwise, the task's row and its
 * containers' rows are updated in place and `changed` tells the windows, with no call to AWS.
 * A task whose cluster was never listed is not in the tree: nothing to do.
 */
export function applyTaskState(host: TaskStateHost, profile: string, region: string, cluster: string, task: string, state: EcsTaskState): void {
  const loader = host.loader(`${profile}|${region}`);
  const listed = loader?.findTask(task, cluster);
  const next = listed === undefined ? undefined : taskAfter(listed, state);
  if (loader === undefined || listed === undefined || next === undefined) return;
  loader.replaceTask(next);
  if (countedRunning(listed) && !countedRunning(next)) uncountRunning(host, profile, region, loader, next);
  replaceTaskRows(host, profile, region, next);
}

/**
 * A task's row and its containers' rows, where loaded, rebuilt from `task` and the windows told.
 * The ports come from the task definition, which a DescribeTasks does not carry: kept as listed.
 */
export function replaceTaskRows(host: TaskStateHost, profile: string, region: string, task: TaskInfo): void {
  const taskId = nodeId.task(profile, region, task.clusterArn, task.arn);
  const parent = host.index.ancestors(taskId).at(-1);
  if (parent !== undefined) replaceNode(host, parent, taskNode(profile, region, task));
  const containers = host.index.childrenOf(taskId);
  if (containers === undefined) return;
  host.setChanged(taskId, containers.map((n) => {
    const info = n.kind === 'container' ? task.containers.find((c) => c.name === n.name) : undefined;
    return n.kind === 'container' && info !== undefined ? containerNode(profile, region, task, info, n.ports ?? null) : n;
  }));
}

/**
 * A listed task left RUNNING: its service's and its cluster's running counts, as listed, drop by
 * one, as a DescribeServices or DescribeClusters would now say, and their rows are re-sent.
 * The count listed may already leave the task out: services (and clusters) are listed apart from
 * tasks, so a DescribeServices answered after the task left RUNNING while the DescribeTasks of
 * the same listing saw it RUNNING. A count never drops below the tasks the tree still knows as
 * RUNNING (the listed tasks, this one now updated), so it cannot drop twice for the one task.
 */
function uncountRunning(host: TaskStateHost, profile: string, region: string, loader: RegionLoader, task: TaskInfo): void {
  const tasks = loader.contents(task.clusterArn)?.tasks ?? [];
  const service = task.serviceName === null ? undefined : loader.contents(task.clusterArn)?.services.find((s) => s.name === task.serviceName);
  if (service !== undefined) {
    const stillRunning = tasks.filter((t) => t.serviceName === service.name && countedRunning(t)).length;
    const runningCount = Math.max(0, Math.min(service.runningCount, Math.max(service.runningCount - 1, stillRunning)));
    if (runningCount !== service.runningCount) {
      const counted = { ...service, runningCount };
      loader.replaceService(counted);
      replaceNode(host, nodeId.cluster(profile, region, task.clusterArn), serviceNode(profile, region, counted));
    }
  }
  const cluster = loader.findCluster(task.clusterArn);
  if (cluster !== undefined) {
    const stillRunning = tasks.filter(countedRunning).length;
    const runningTasks = Math.max(0, Math.min(cluster.runningTasks, Math.max(cluster.runningTasks - 1, stillRunning)));
    if (runningTasks !== cluster.runningTasks) {
      const counted = { ...cluster, runningTasks };
      loader.replaceCluster(counted);
      replaceNode(host, nodeId.region(profile, region), clusterNode(profile, region, counted));
    }
  }
}

/** Replaces one loaded node among its parent's children, when the parent's children are loaded. */
export function replaceNode(host: TaskStateHost, parentId: string, node: InventoryNode): void {
  const siblings = host.index.childrenOf(parentId);
  if (siblings?.some((n) => n.id === node.id)) host.setChanged(parentId, siblings.map((n) => (n.id === node.id ? node : n)));
}
