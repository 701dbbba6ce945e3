// The whole chain against the sandbox: a forward with auto-restart to an ECS task that someone
// stops (ECS StopTask) loses its session when the task's containers exit, finds the target not
// connected, asks ECS (DescribeTasks through the app's AwsService), and gives up at once with
// ECS's reason, where it used to retry "not connected" for RESTART_MAY_HEAL_GIVE_UP_MS (here an
// hour: it would never end). As on AWS, ECS may still be stopping the task when asked (an awsvpc
// task's interface is detached after its containers exit) or have stopped it: both are checked,
// each made certain by how long the sandbox's stop takes. What ECS said reaches the tree too.
import { ECSClient, StopTaskCommand } from '@aws-sdk/client-ecs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForwardSpecSchema } from '../../../shared/contract/index.js';
import { nodeId } from '../../aws/inventory/node-ids.js';
import { DEMO_APP, startSandboxApp, type SandboxApp } from '../../../testing/composition/sandbox-app.js';
import { eventually } from '../../../testing/composition/test-client.js';
import { clientConfig } from '../../../testing/sandbox/api/test-helpers.js';
import { ForwardsHub } from './forwards-hub.js';

/** Restarts come quickly; what may heal is retried for an hour, so only the task check ends it in the test's time. */
const SCHEDULE = { initialMs: 10, factor: 2, maxMs: 50, stableAfterMs: 60_000, mayHealGiveUpMs: 60 * 60_000 };

let t: SandboxApp;
let dir: string;
beforeAll(async () => {
  t = await startSandboxApp();
  dir = await mkdtemp(join(tmpdir(), 'porthole-hub-'));
});
afterAll(async () => {
  await t.stop();
  await rm(dir, { recursive: true, force: true });
});

/** The containers exit at once; the task then stays DEPROVISIONING far longer than the test (or is STOPPED at once). */
const STILL_STOPPING = { containersExitMs: 0, deprovisionMs: 10 * 60_000 };
const STOPPED_AT_ONCE = { containersExitMs: 0, deprovisionMs: 0 };

describe('a forward to an ECS task that stops', () => {
  const cases = [
    { target: DEMO_APP.web2, timings: STILL_STOPPING, said: 'The task is stopping (Scaling activity initiated by (deployment ecs-svc/9946)); start the forward on a running task.', tree: 'DEPROVISIONING' },
    { target: DEMO_APP.web, timings: STOPPED_AT_ONCE, said: 'The task stopped (Scaling activity initiated by (deployment ecs-svc/9946)); start the forward on a running task.', tree: 'STOPPED' },
  ] as const;
  it.each(cases)('gives up at once, saying why ($said), and frees its port; the tree shows the task $tree', async ({ target, timings, said, tree }) => {
    const sandbox = t.app.sandbox;
    if (sandbox === null) throw new Error('the sandbox did not start');
    Object.assign(sandbox.taskStopping, timings);
    const hub = new ForwardsHub({ aws: t.app.aws, dataDir: dir, events: { updated: () => undefined, stats: () => undefined }, restartSchedule: SCHEDULE });
    const ecs = new ECSClient(clientConfig(sandbox));
    try {
      // The tree has the task listed running; what ECS tells the forward reaches it too, with no refresh.
      const serviceId = nodeId.service(target.profile, target.region, 'arn:aws:ecs:us-east-1:123456789012:cluster/demo-web', 'web');
      const taskRow = async () => (await t.app.aws.inventory.children(serviceId)).find((n) => n.kind === 'task' && n.taskArn === target.taskArn);
      expect(await taskRow()).toMatchObject({ lastStatus: 'RUNNING', desiredStatus: 'RUNNING' });
      const f = await hub.create(ForwardSpecSchema.parse({ target, remotePort: 8080, localPort: 'auto', autoRestart: true }));
      await eventually('the forward listening', () => hub.list()[0]?.state === 'listening');
      await ecs.send(new StopTaskCommand({ cluster: target.cluster, task: target.taskArn, reason: 'Scaling activity initiated by (deployment ecs-svc/9946)' }));
      await eventually('the forward failed', () => hub.list()[0]?.state === 'failed');
      expect(hub.list()[0]).toMatchObject({ id: f.id, localPort: null, error: { message: `Auto-restart gave up: ${said}` } });
      expect(hub.list()[0]?.error?.nextStep).toBeUndefined();
      expect(await taskRow()).toMatchObject({ lastStatus: tree, desiredStatus: 'STOPPED' });
    } finally {
      ecs.destroy();
      await hub.close();
    }
  });
});
