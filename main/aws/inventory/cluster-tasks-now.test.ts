// Inventory.clusterTasksNow (a following forward's look for its service's task) against the
// sandbox: callers that ask at once (several forwards of a cluster restarting together) share one
// ListTasks/DescribeTasks round, a retry within CLUSTER_TASKS_FRESH_MS reuses the last round (one
// that needs news does not), and a region whose live-tree poll failed is not asked again until its
// back-off ends, the tasks it listed last standing meanwhile. Calls are counted in the client.
import { ECSClient, StopTaskCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX } from '../../sandbox/index.js';
import { nodeId } from './node-ids.js';
import { CLUSTER_TASKS_FRESH_MS } from './recent-listings.js';
import { sandboxInventory, stopAndClose, type SandboxInventory } from '../../../testing/aws/inventory/test-sandbox.js';
import { countingMiddleware } from '../../../testing/aws/inventory/counting-middleware.js';
import { ManualScheduler } from '../../../testing/aws/inventory/manual-scheduler.js';
import { HeldStopTimers } from '../../../testing/sandbox/held-stop-timers.js';
import { clientConfig } from '../../../testing/sandbox/api/test-helpers.js';

const REGION = 'us-east-1';
const CLUSTER_ARN = 'arn:aws:ecs:us-east-1:123456789012:cluster/demo-web';
const CLUSTER_ID = nodeId.cluster(SANDBOX.profile, REGION, CLUSTER_ARN);
/** The demo web service's second task: stopped by the first test. */
const TASK_ARN = 'arn:aws:ecs:us-east-1:123456789012:task/demo-web/5e1f4a2b9c3d4e5f6a7b8c9d0e1f0002';
/** The live tree's interval on the test's clock. */
const INTERVAL = 30_000;
const WINDOW = 'window-1';

const clock = new ManualScheduler();
let t: SandboxInventory;
/** ECS calls the inventory made, by command name. */
let calls: string[] = [];
/** While set, every ECS call of the inventory fails with it. */
let failWith: Error | null = null;

beforeAll(async () => {
  // The service scheduler's replacement of the task the first test stops is held, never run: on
  // real time it landed 1.5 s after the stop (SERVICE_SCHEDULING), which a loaded machine could
  // place inside the back-off case, between the listing it keeps and the one it compares with it.
  const sandbox = { schedulerTimers: new HeldStopTimers(), taskStopping: { deactivateMs: 0, containersExitMs: 0, deprovisionMs: 0 } };
  t = await sandboxInventory({ sandbox, inventory: { live: { intervalMs: INTERVAL, scheduler: clock }, prefetchPace: { slots: 1, minIntervalMs: 0 } } });
  const session = await t.workspace.open(SANDBOX.profile);
  session.ecs(REGION).middlewareStack.add(countingMiddleware((name) => calls.push(name), () => failWith), { step: 'initialize', name: 'countCalls' });
  await t.inventory.children(nodeId.region(SANDBOX.profile, REGION));
  await t.inventory.children(CLUSTER_ID);
});
afterAll(() => stopAndClose(t));
beforeEach(() => {
  calls = [];
  failWith = null;
});

const count = (name: string): number => calls.filter((c) => c === name).length;
const tasksNow = (fresh = false) => t.inventory.clusterTasksNow(SANDBOX.profile, REGION, CLUSTER_ARN, { fresh });

describe('a cluster listed again for following forwards', () => {
  it('is listed once for callers that ask at once, each seeing the cluster as it is now', async () => {
    await tasksNow();
    const oneRound = { list: count('ListTasksCommand'), describe: count('DescribeTasksCommand') };
    expect(oneRound.list).toBeGreaterThan(0);
    expect(oneRound.describe).toBeGreaterThan(0);

    // The task is replaced after the tree listed it: both callers must see that, from one round.
    const ecs = new ECSClient(clientConfig(t.sandbox));
    try {
      await ecs.send(new StopTaskCommand({ cluster: CLUSTER_ARN, task: TASK_ARN, reason: 'Deployment replaced the task' }));
    } finally {
      ecs.destroy();
    }
    calls = [];
    // Past the freshness window, so the round before is not reused.
    clock.advance(CLUSTER_TASKS_FRESH_MS);
    const [a, b] = await Promise.all([tasksNow(), tasksNow()]);
    expect({ list: count('ListTasksCommand'), describe: count('DescribeTasksCommand') }).toEqual(oneRound);
    const stillRunning = (tasks: typeof a): boolean => tasks.some((x) => x.arn === TASK_ARN && x.desiredStatus === 'RUNNING');
    expect(stillRunning(a)).toBe(false);
    expect(stillRunning(b)).toBe(false);
  });

  it('is reused by a retry within the freshness window, listed again after it or when the caller needs news', async () => {
    clock.advance(CLUSTER_TASKS_FRESH_MS);
    await tasksNow();
    const oneRound = calls.length;
    expect(count('ListTasksCommand')).toBeGreaterThan(0);
    calls = [];
    // Retries of several forwards moments later: no call at all.
    clock.advance(CLUSTER_TASKS_FRESH_MS - 1);
    await Promise.all([tasksNow(), tasksNow()]);
    expect(calls).toEqual([]);
    // A caller whose session just ended needs news: listed again, and that round is reused in turn.
    await tasksNow(true);
    expect(calls.length).toBe(oneRound);
    calls = [];
    await tasksNow();
    expect(calls).toEqual([]);
    clock.advance(CLUSTER_TASKS_FRESH_MS);
    await tasksNow();
    expect(calls.length).toBe(oneRound);
  });

  it('is listed again within the window after its cluster was refreshed', async () => {
    clock.advance(CLUSTER_TASKS_FRESH_MS);
    await tasksNow();
    await t.inventory.refresh(CLUSTER_ID);
    calls = [];
    await tasksNow();
    expect(count('ListTasksCommand')).toBeGreaterThan(0);
  });

  it('is not asked while its region backs off after a failed poll, even by a caller that needs news; the last listing stands', async () => {
    const before = await tasksNow();
    t.inventory.live.watch(WINDOW, [CLUSTER_ID], true);
    failWith = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    clock.advance(INTERVAL);
    await t.inventory.live.whenIdle();
    expect(calls.length).toBeGreaterThan(0); // the round's poll, refused
    // Hidden: no round runs, so the back-off ends on the clock.
    t.inventory.live.watch(WINDOW, [CLUSTER_ID], false);

    failWith = null;
    calls = [];
    expect((await tasksNow(true)).map((x) => x.arn)).toEqual(before.map((x) => x.arn));
    expect(calls).toEqual([]);

    clock.advance(2 * INTERVAL); // the first failure's wait: two intervals
    expect((await tasksNow(true)).map((x) => x.arn)).toEqual(before.map((x) => x.arn));
    expect(count('ListTasksCommand')).toBeGreaterThan(0);
  });
});
