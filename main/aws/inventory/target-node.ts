// The tree's node for a session target, when the inventory has loaded it: what main knows of the
// target's readiness (its ECS Exec agent, its SSM agent) without a call to AWS.
import type { TargetRef } from '../../../shared/contract/common.js';
import type { InventoryNode } from '../../../shared/contract/inventory.js';
import type { Inventory } from './inventory.js';
import { nodeId } from './node-ids.js';

export function loadedTargetNode(inventory: Pick<Inventory, 'node' | 'task'>, target: TargetRef): InventoryNode | undefined {
  if (target.kind === 'instance') return inventory.node(nodeId.instance(target.profile, target.region, target.instanceId));
  // A container's node id holds its cluster's ARN; the target names the cluster, the loaded task has the ARN.
  const task = inventory.task(target.profile, target.region, target.taskArn);
  return task === undefined ? undefined : inventory.node(nodeId.container(target.profile, target.region, task.clusterArn, target.taskArn, target.containerName));
}
