// A service's task stopped under an open shell, as the whole app sees it against the sandbox: the
// shell's tab ends saying the task stopped and why; the tree shows the task stopped and the service
// a task short (refreshed before ECS's scheduler acts, as on AWS, where the replacement comes a
// little later); once the scheduler has started the replacement, a refresh shows the new task
// (another id) running, with its containers ready for a shell, and a shell on it works. The
// scheduler's step is held until the test runs it, and the stop and the start take no time, so
// nothing here races the clock.
import { ECSClient, StopTaskCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryNode, SessionInfo } from '../../shared/contract/index.js';
import { execReadiness } from '../../shared/exec-readiness.js';
import { nodeId } from '../aws/inventory/node-ids.js';
import { DEMO_APP, startSandboxApp, type SandboxApp } from '../../testing/composition/sandbox-app.js';
import { TestClient } from '../../testing/composition/test-client.js';
import { clientConfig } from '../../testing/sandbox/api/test-helpers.js';
import { HeldStopTimers } from '../../testing/sandbox/held-stop-timers.js';

const CLUSTER_ARN = 'arn:aws:ecs:us-east-1:123456789012:cluster/demo-web';
const TARGET = DEMO_APP.web;
const SERVICE_ID = nodeId.service(TARGET.profile, TARGET.region, CLUSTER_ARN, 'web');
const CLUSTER_ID = nodeId.cluster(TARGET.profile, TARGET.region, CLUSTER_ARN);
/** The service scheduler's steps, held until the test runs them. */
const held = new HeldStopTimers();

let t: SandboxApp;
beforeAll(async () => {
  t = await startSandboxApp({
    sandbox: {
      schedulerTimers: held,
      // The task stops, and its replacement starts, in no time: what the tree shows is then certain.
      taskStopping: { deactivateMs: 0, containersExitMs: 0, deprovisionMs: 0 },
      taskLaunching: { provisionMs: 0, pendingMs: 0, activateMs: 0 },
    },
  });
});
afterAll(async () => {
  await t.stop();
});

const tasksOf = (nodes: InventoryNode[]) => nodes.flatMap((n) => (n.kind === 'task' ? [n] : []));
const serviceOf = (nodes: InventoryNode[]) => nodes.find((n) => n.id === SERVICE_ID);

describe("a service's task stopped, then replaced by ECS's scheduler", () => {
  it('the tab says the task stopped; the tree shows the gap, then the replacement running and ready for a shell', async () => {
    const sandbox = t.app.sandbox;
    if (sandbox === null) throw new Error('the sandbox did not start');
    const c = new TestClient(t.app.router);
    const ecs = new ECSClient(clientConfig(sandbox));
    try {
      expect(serviceOf((await c.call('inventory', 'children', { parentId: CLUSTER_ID })).nodes)).toMatchObject({ desiredCount: 2, runningCount: 2 });
      const listed = tasksOf((await c.call('inventory', 'children', { parentId: SERVICE_ID })).nodes);
      expect(listed.map((n) => [n.taskArn, n.lastStatus]).sort()).toEqual([DEMO_APP.web.taskArn, DEMO_APP.web2.taskArn].sort().map((a) => [a, 'RUNNING']));

      const { session } = await c.call('sessions', 'open', { target: TARGET, cols: 80, rows: 24 });
      await c.untilState(session.id, 'connected');
      await ecs.send(new StopTaskCommand({ cluster: TARGET.cluster, task: TARGET.taskArn, reason: 'Deploying a fix' }));

      // The tab ends, saying the task stopped and ECS's reason.
      await c.untilState(session.id, 'closed');
      const taskEnd = () => (c.eventsOf('sessions', 'info') as { session: SessionInfo }[]).find((e) => e.session.id === session.id && e.session.taskEnd !== undefined)?.session.taskEnd;
      await c.until('the tab told why its task ended', () => taskEnd() !== undefined);
      expect(taskEnd()).toEqual({ state: 'stopped', stoppedReason: 'Deploying a fix', exitCode: 143 });

      // Refreshed before the scheduler acts: the stopped task is no longer running, no replacement yet, the service a task short.
      await c.call('inventory', 'refresh', { nodeId: CLUSTER_ID });
      expect(serviceOf((await c.call('inventory', 'children', { parentId: CLUSTER_ID })).nodes)).toMatchObject({ desiredCount: 2, runningCount: 1 });
      const gap = tasksOf((await c.call('inventory', 'children', { parentId: SERVICE_ID })).nodes);
      expect(gap.map((n) => [n.taskArn, n.lastStatus, n.desiredStatus])).toEqual([
        [DEMO_APP.web2.taskArn, 'RUNNING', 'RUNNING'],
        [TARGET.taskArn, 'STOPPED', 'STOPPED'],
      ]);

      // ECS's scheduler starts the replacement; the next refresh shows it, running, with a new id.
      expect(held.runDue(sandbox.serviceScheduling.reconcileDelayMs)).toBe(1);
      await c.call('inventory', 'refresh', { nodeId: CLUSTER_ID });
      expect(serviceOf((await c.call('inventory', 'children', { parentId: CLUSTER_ID })).nodes)).toMatchObject({ desiredCount: 2, runningCount: 2 });
      const after = tasksOf((await c.call('inventory', 'children', { parentId: SERVICE_ID })).nodes);
      const fresh = after.filter((n) => n.taskArn !== DEMO_APP.web.taskArn && n.taskArn !== DEMO_APP.web2.taskArn);
      expect(fresh).toHaveLength(1);
      const replacement = fresh[0]!;
      expect(replacement).toMatchObject({ lastStatus: 'RUNNING', desiredStatus: 'RUNNING', execEnabled: true });
      expect(after.find((n) => n.taskArn === TARGET.taskArn)).toMatchObject({ lastStatus: 'STOPPED' });

      // Its containers are ready for a shell, and one works.
      const containers = (await c.call('inventory', 'children', { parentId: replacement.id })).nodes.flatMap((n) => (n.kind === 'container' ? [n] : []));
      expect(containers.map((n) => n.name)).toEqual(['app', 'log-router']);
      for (const n of containers) expect(execReadiness({ containerStatus: n.lastStatus, execEnabled: n.execEnabled, runtimeId: n.runtimeId, agentStatus: n.execAgentStatus })).toMatchObject({ ready: true });
      const app = containers[0]!;
      const target = { ...TARGET, taskArn: replacement.taskArn, runtimeId: app.runtimeId ?? '' };
      const opened = await c.call('sessions', 'open', { target, cols: 80, rows: 24 });
      await c.untilState(opened.session.id, 'connected');
      c.input(opened.session.id, 'echo replacement-$((6*7))\r');
      await c.untilText(opened.session.id, 'replacement-42');
    } finally {
      ecs.destroy();
      c.close();
    }
  });
});
