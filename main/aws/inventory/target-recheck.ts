// A session target described anew outside a listing (a forward about to be refused on what the
// tree last saw: an agent may have come back since) applied to the loaded tree: the instance's
// row, or the task's and its containers' rows, replaced in place and the windows told.
import type { InventoryNode } from '../../../shared/contract/inventory.js';
import type { InstanceInfo, TaskInfo } from '../discovery/types.js';
import { nodeId } from './node-ids.js';
import { containerNode, instanceNode, taskNode } from './nodes.js';
import type { TaskStateHost } from './task-state-apply.js';

export type DescribedTarget = { readonly instance: InstanceInfo } | { readonly task: TaskInfo };

export function applyDescribedTarget(host: TaskStateHost, profile: string, region: string, described: DescribedTarget): void {
  const loader = host.loader(`${profile}|${region}`);
  if (loader === undefined) return;
  if ('instance' in described) {
    loader.replaceInstance(described.instance);
    replaceAmongSiblings(host, nodeId.region(profile, region), instanceNode(profile, region, described.instance));
    return;
  }
  const task = described.task;
  if (loader.findTask(task.arn) === undefined) return;
  loader.replaceTask(task);
  const taskId = nodeId.task(profile, region, task.clusterArn, task.arn);
  const parent = host.index.ancestors(taskId).at(-1);
  if (parent !== undefined) replaceAmongSiblings(host, parent, taskNode(profile, region, task));
  const containers = host.index.childrenOf(taskId);
  if (containers === undefined) return;
  host.setChanged(taskId, containers.map((n) => {
    const info = n.kind === 'container' ? task.containers.find((c) => c.name === n.name) : undefined;
    // The ports come from the task definition, which a DescribeTasks does not carry: kept as listed.
    return n.kind === 'container' && info !== undefined ? containerNode(profile, region, task, info, n.ports ?? null) : n;
  }));
}

function replaceAmongSiblings(host: TaskStateHost, parentId: string, node: InventoryNode): void {
  const siblings = host.index.childrenOf(parentId);
  if (siblings?.some((n) => n.id === node.id)) host.setChanged(parentId, siblings.map((n) => (n.id === node.id ? node : n)));
}
