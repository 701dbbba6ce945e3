// Test support: loads the tree down to one task's rows (its containers), as a window expanding the
// cluster, the task's service and the task would. `children` is the inventory's (or a window's call).
import type { InventoryNode } from '../../../shared/contract/index.js';

export async function loadTaskRows(children: (parentId: string) => Promise<InventoryNode[]>, regionId: string, clusterName: string, taskArn: string): Promise<void> {
  const cluster = (await children(regionId)).find((n) => n.kind === 'cluster' && n.label === clusterName);
  if (cluster === undefined) throw new Error(`no cluster ${clusterName}`);
  const queue = [cluster.id];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const n of await children(id)) {
      if (n.kind === 'task' && n.taskArn === taskArn) return void (await children(n.id));
      if (n.kind === 'service') queue.push(n.id);
    }
  }
  throw new Error(`no task ${taskArn}`);
}
