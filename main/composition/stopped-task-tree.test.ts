// The tree learns a task stopped without a refresh: a shell on its container ends when someone
// stops the task (ECS StopTask), the app asks ECS about that task once (DescribeTasks), and the
// windows get the task's row and its containers' rows as ECS now says: stopping (deprovisioning)
// or stopped, its containers stopped with no exec; its service's and cluster's running counts drop
// by one, as DescribeServices and DescribeClusters then say (ECS counts only RUNNING tasks).
import { DescribeClustersCommand, DescribeServicesCommand, ECSClient, StopTaskCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryNode } from '../../shared/contract/index.js';
import { execReadiness } from '../../shared/exec-readiness.js';
import { nodeId } from '../aws/inventory/node-ids.js';
import { PREFETCH } from '../aws/inventory/prefetch.js';
import { DEMO_APP, startSandboxApp, type SandboxApp } from '../../testing/composition/sandbox-app.js';
import { eventually, TestClient } from '../../testing/composition/test-client.js';
import { clientConfig } from '../../testing/sandbox/api/test-helpers.js';
import { HeldStopTimers } from '../../testing/sandbox/held-stop-timers.js';

const CLUSTER_ARN = 'arn:aws:ecs:us-east-1:123456789012:cluster/demo-web';
const SERVICE_ID = nodeId.service(DEMO_APP.web.profile, DEMO_APP.web.region, CLUSTER_ARN, 'web');
const CLUSTER_ID = nodeId.cluster(DEMO_APP.web.profile, DEMO_APP.web.region, CLUSTER_ARN);
const REGION_ID = nodeId.region(DEMO_APP.web.profile, DEMO_APP.web.region);

let t: SandboxApp;
beforeAll(async () => {
  // ECS's scheduler never replaces the stopped task here (HeldStopTimers, never run): the counts
  // compared are those the stop left (service-replacement-tree.test follows the replacement).
  t = await startSandboxApp({ sandbox: { schedulerTimers: new HeldStopTimers() } });
});
afterAll(async () => {
  await t.stop();
});

/** The latest `inventory.changed` nodes for a parent, from what the window heard. */
function changedNodes(c: TestClient, parentId: string): InventoryNode[] | undefined {
  const e = c.events.filter((x) => x.service === 'inventory' && x.event === 'changed' && (x.payload as { parentId: string }).parentId === parentId).at(-1);
  return (e?.payload as { nodes: InventoryNode[] } | undefined)?.nodes;
}

/** The running counts on the cluster's row (among the region's children) and the service's (among the cluster's). */
function countsOf(clusters: InventoryNode[], services: InventoryNode[]): { cluster: number | undefined; service: number | undefined } {
  const cluster = clusters.find((n) => n.id === CLUSTER_ID);
  const service = services.find((n) => n.id === SERVICE_ID);
  return { cluster: cluster?.kind === 'cluster' ? cluster.runningTasks : undefined, service: service?.kind === 'service' ? service.runningCount : undefined };
}

/** The containers exit at once; the task then stays DEPROVISIONING far longer than the test (or is STOPPED at once). */
const STILL_STOPPING = { containersExitMs: 0, deprovisionMs: 10 * 60_000 };
const STOPPED_AT_ONCE = { containersExitMs: 0, deprovisionMs: 0 };

describe('a task stopped under an open shell', () => {
  const cases = [
    { target: DEMO_APP.web2, timings: STILL_STOPPING, lastStatus: 'DEPROVISIONING' },
    { target: DEMO_APP.web, timings: STOPPED_AT_ONCE, lastStatus: 'STOPPED' },
  ] as const;
  it.each(cases)('shows $lastStatus in the tree after one DescribeTasks, its containers not ready for a shell', async ({ target: TARGET, timings, lastStatus }) => {
    const sandbox = t.app.sandbox;
    if (sandbox === null) throw new Error('the sandbox did not start');
    Object.assign(sandbox.taskStopping, timings);
    const TASK_ID = nodeId.task(TARGET.profile, TARGET.region, CLUSTER_ARN, TARGET.taskArn);
    const c = new TestClient(t.app.router);
    const ecs = new ECSClient(clientConfig(sandbox));
    try {
      // The window has the region, the cluster, the service and the task open.
      const { nodes: regionNodes } = await c.call('inventory', 'children', { parentId: REGION_ID });
      const listed = countsOf(regionNodes, (await c.call('inventory', 'children', { parentId: CLUSTER_ID })).nodes);
      expect(listed.service).toBeGreaterThan(0);
      const { nodes: tasks } = await c.call('inventory', 'children', { parentId: SERVICE_ID });
      expect(tasks.find((n) => n.id === TASK_ID)).toMatchObject({ lastStatus: 'RUNNING' });
      const { nodes: containers } = await c.call('inventory', 'children', { parentId: TASK_ID });
      expect(containers.map((n) => n.kind === 'container' && [n.execAgentStatus, n.taskDesiredStatus])).toEqual([['RUNNING', 'RUNNING'], ['RUNNING', 'RUNNING']]);

      const { session } = await c.call('sessions', 'open', { target: TARGET, cols: 80, rows: 24 });
      await c.untilState(session.id, 'connected');
      // Listing the region started the app's background prefetch of its clusters (paced at a few
      // calls a second, so it can still be describing another cluster's tasks now, more so on a
      // loaded machine). The count below is of every DescribeTasks the sandbox hears, so it starts
      // once that walk is over: then the only one is the shell's end asking about its task.
      const clusters = Math.min(regionNodes.filter((n) => n.kind === 'cluster').length, PREFETCH.MAX_CLUSTERS_PER_REGION);
      await eventually('the prefetch walked every cluster of the region', () => t.app.aws.inventory.prefetcher.clustersDone >= clusters);
      const describes = (): number => sandbox.stats.byOperation['ecs.DescribeTasks'] ?? 0;
      const before = describes();
      await ecs.send(new StopTaskCommand({ cluster: TARGET.cluster, task: TARGET.taskArn, reason: 'Scaling activity initiated by (deployment ecs-svc/1)' }));
      await c.untilState(session.id, 'closed');

      await c.until('the task row changed', () => [TASK_ID, SERVICE_ID, CLUSTER_ID, REGION_ID].every((id) => changedNodes(c, id) !== undefined));
      const task = changedNodes(c, SERVICE_ID)?.find((n) => n.id === TASK_ID);
      expect(task).toMatchObject({ kind: 'task', lastStatus, desiredStatus: 'STOPPED' });
      // The other task of the service is as it was.
      expect(changedNodes(c, SERVICE_ID)?.filter((n) => n.id !== TASK_ID)).toEqual(tasks.filter((n) => n.id !== TASK_ID));
      const after = changedNodes(c, TASK_ID) ?? [];
      expect(after.map((n) => n.kind === 'container' && [n.name, n.lastStatus, n.execAgentStatus])).toEqual(
        containers.map((n) => n.kind === 'container' && [n.name, 'STOPPED', 'STOPPED']),
      );
      for (const n of after) {
        if (n.kind !== 'container') continue;
        const r = execReadiness({ containerStatus: n.lastStatus, execEnabled: n.execEnabled, runtimeId: n.runtimeId, agentStatus: n.execAgentStatus });
        expect(r).toMatchObject({ ready: false, state: 'not-running', badge: 'stopped' });
        // Ports and the rest stay as listed; the container carries its task's desiredStatus.
        expect(n).toEqual({ ...containers.find((x) => x.id === n.id), lastStatus: 'STOPPED', execAgentStatus: 'STOPPED', taskDesiredStatus: 'STOPPED' });
      }
      // The service and the cluster count one running task less, as ECS now says of them.
      const counts = countsOf(changedNodes(c, REGION_ID) ?? [], changedNodes(c, CLUSTER_ID) ?? []);
      expect(counts).toEqual({ cluster: (listed.cluster ?? 0) - 1, service: (listed.service ?? 0) - 1 });
      const ecsSays = {
        cluster: (await ecs.send(new DescribeClustersCommand({ clusters: [TARGET.cluster] }))).clusters?.[0]?.runningTasksCount,
        service: (await ecs.send(new DescribeServicesCommand({ cluster: TARGET.cluster, services: ['web'] }))).services?.[0]?.runningCount,
      };
      expect(counts).toEqual(ecsSays);
      // One question to ECS, and the tree answers from what it now knows.
      expect(describes() - before).toBe(1);
      const { nodes: again } = await c.call('inventory', 'children', { parentId: SERVICE_ID });
      expect(again.find((n) => n.id === TASK_ID)).toMatchObject({ lastStatus });
      expect(countsOf((await c.call('inventory', 'children', { parentId: REGION_ID })).nodes, (await c.call('inventory', 'children', { parentId: CLUSTER_ID })).nodes)).toEqual(counts);
      expect(describes() - before).toBe(1);
    } finally {
      ecs.destroy();
      c.close();
    }
  });
});
