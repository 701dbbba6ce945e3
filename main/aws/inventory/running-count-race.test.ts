// A task's service and cluster counts drop once when the tree learns it left RUNNING, even when
// the counts were listed after it left. A cluster's services (DescribeServices) and tasks
// (DescribeTasks) are listed side by side, and its count (DescribeClusters) with the region: here
// the task is stopped after its DescribeTasks answered and before the DescribeServices and
// DescribeClusters are sent, so the tree lists the task RUNNING and counts that already leave it
// out. Learning the task stopped must then change no count (it used to lower both a second time).
import { DescribeClustersCommand, DescribeServicesCommand, ECSClient, StopTaskCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryNode } from '../../../shared/contract/inventory.js';
import { SANDBOX } from '../../sandbox/index.js';
import { ecsTaskState } from '../discovery/task-state.js';
import { nodeId } from './node-ids.js';
import { sandboxInventory, type SandboxInventory } from '../../../testing/aws/inventory/test-sandbox.js';
import { clientConfig } from '../../../testing/sandbox/api/test-helpers.js';

const REGION = 'us-east-1';
const CLUSTER_ARN = 'arn:aws:ecs:us-east-1:123456789012:cluster/demo-web';
const TASK_ARN = 'arn:aws:ecs:us-east-1:123456789012:task/demo-web/5e1f4a2b9c3d4e5f6a7b8c9d0e1f0002';
const REGION_ID = nodeId.region(SANDBOX.profile, REGION);
const CLUSTER_ID = nodeId.cluster(SANDBOX.profile, REGION, CLUSTER_ARN);
const SERVICE_ID = nodeId.service(SANDBOX.profile, REGION, CLUSTER_ARN, 'web');

let t: SandboxInventory;
beforeAll(async () => {
  // The containers exit at once; the task then stays DEPROVISIONING far longer than the test, and
  // the service's replacement is not started during it (the counts compared stay as the stop left them).
  t = await sandboxInventory({ sandbox: { taskStopping: { deactivateMs: 0, containersExitMs: 0, deprovisionMs: 10 * 60_000 }, serviceScheduling: { reconcileDelayMs: 10 * 60_000 } } });
});
afterAll(async () => {
  await t.close();
});

const counts = (regionNodes: InventoryNode[], clusterNodes: InventoryNode[]): { cluster?: number; service?: number } => {
  const cluster = regionNodes.find((n) => n.id === CLUSTER_ID);
  const service = clusterNodes.find((n) => n.id === SERVICE_ID);
  return { ...(cluster?.kind === 'cluster' ? { cluster: cluster.runningTasks } : {}), ...(service?.kind === 'service' ? { service: service.runningCount } : {}) };
};

describe('running counts listed after a task left RUNNING', () => {
  it('do not drop again when the tree learns the task stopped', async () => {
    const admin = new ECSClient(clientConfig(t.sandbox));
    try {
      // The task leaves RUNNING once the listing's DescribeTasks has answered; the counts are asked after.
      let tasksListed!: () => void;
      const listedTasks = new Promise<void>((resolve) => (tasksListed = resolve));
      const stopped = listedTasks.then(async () => {
        await admin.send(new StopTaskCommand({ cluster: CLUSTER_ARN, task: TASK_ARN }));
        return ecsTaskState(admin, CLUSTER_ARN, TASK_ARN);
      });
      const session = await t.workspace.open(SANDBOX.profile);
      session.ecs(REGION).middlewareStack.add((next, context) => async (args) => {
        const command = context.commandName;
        if (command === 'DescribeServicesCommand' || command === 'DescribeClustersCommand') await stopped;
        const out = await next(args);
        if (command === 'DescribeTasksCommand') tasksListed();
        return out;
      }, { step: 'initialize', name: 'stopTaskBetweenListings' });

      const [regionNodes, clusterNodes] = await Promise.all([t.inventory.children(REGION_ID), t.inventory.children(CLUSTER_ID)]);
      const tasks = await t.inventory.children(SERVICE_ID);
      expect(tasks.find((n) => n.kind === 'task' && n.taskArn === TASK_ARN)).toMatchObject({ lastStatus: 'RUNNING' });
      const state = await stopped;
      expect(state).toMatchObject({ state: 'stopping' });
      // The counts as listed already leave the stopped task out: they are what ECS says now.
      const ecsSays = {
        cluster: (await admin.send(new DescribeClustersCommand({ clusters: [CLUSTER_ARN] }))).clusters?.[0]?.runningTasksCount,
        service: (await admin.send(new DescribeServicesCommand({ cluster: CLUSTER_ARN, services: ['web'] }))).services?.[0]?.runningCount,
      };
      const listed = counts(regionNodes, clusterNodes);
      expect(listed).toEqual(ecsSays);

      t.inventory.applyTaskState(SANDBOX.profile, REGION, CLUSTER_ARN, TASK_ARN, state);
      // The task's row is stopping; the counts stay as ECS says them.
      const after = await t.inventory.children(SERVICE_ID);
      expect(after.find((n) => n.kind === 'task' && n.taskArn === TASK_ARN)).toMatchObject({ lastStatus: 'DEPROVISIONING', desiredStatus: 'STOPPED' });
      expect(counts(await t.inventory.children(REGION_ID), await t.inventory.children(CLUSTER_ID))).toEqual(ecsSays);
      // Learning it again changes nothing either.
      t.inventory.applyTaskState(SANDBOX.profile, REGION, CLUSTER_ARN, TASK_ARN, state);
      expect(counts(await t.inventory.children(REGION_ID), await t.inventory.children(CLUSTER_ID))).toEqual(ecsSays);
    } finally {
      admin.destroy();
    }
  });
});
