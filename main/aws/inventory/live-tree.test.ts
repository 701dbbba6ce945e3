// The live tree against the sandbox: open nodes are polled on the interval, with no refresh from
// the user, so a stopped service task and its replacement show up by themselves; closed nodes and
// hidden windows cost no call; a poll that finds nothing new sends no `changed`; a failed poll
// keeps the tree and makes the region wait longer. The live tree's clock is the test's
// (ManualScheduler) and ECS's scheduler step is held until the test runs it: nothing races time.
import { ECSClient, StopTaskCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InventoryNode } from '../../../shared/contract/inventory.js';
import { SANDBOX } from '../../sandbox/index.js';
import { nodeId } from './node-ids.js';
import { sandboxInventory, stopAndClose, type SandboxInventory } from '../../../testing/aws/inventory/test-sandbox.js';
import { countingMiddleware } from '../../../testing/aws/inventory/counting-middleware.js';
import { ManualScheduler } from '../../../testing/aws/inventory/manual-scheduler.js';
import { HeldStopTimers } from '../../../testing/sandbox/held-stop-timers.js';
import { clientConfig } from '../../../testing/sandbox/api/test-helpers.js';

const REGION = 'us-east-1';
const CLUSTER_ARN = 'arn:aws:ecs:us-east-1:123456789012:cluster/demo-web';
const TASK_ARN = 'arn:aws:ecs:us-east-1:123456789012:task/demo-web/5e1f4a2b9c3d4e5f6a7b8c9d0e1f0002';
const PROFILE_ID = nodeId.profile(SANDBOX.profile);
const REGION_ID = nodeId.region(SANDBOX.profile, REGION);
const CLUSTER_ID = nodeId.cluster(SANDBOX.profile, REGION, CLUSTER_ARN);
const SERVICE_ID = nodeId.service(SANDBOX.profile, REGION, CLUSTER_ARN, 'web');
const INTERVAL = 30_000;
const WINDOW = 'window-1';

const clock = new ManualScheduler();
const held = new HeldStopTimers();
let t: SandboxInventory;
/** ECS and SSM calls the inventory made, by command name. */
let calls: string[] = [];
/** While set, every ECS call of the inventory fails with it. */
let failWith: Error | null = null;
/** While set, the inventory's ECS calls (only) fail with it. */
let failEcsWith: Error | null = null;

beforeAll(async () => {
  t = await sandboxInventory({
    sandbox: {
      schedulerTimers: held,
      taskStopping: { deactivateMs: 0, containersExitMs: 0, deprovisionMs: 0 },
      taskLaunching: { provisionMs: 0, pendingMs: 0, activateMs: 0 },
    },
    inventory: { live: { intervalMs: INTERVAL, scheduler: clock }, prefetchPace: { slots: 1, minIntervalMs: 0 } },
  });
  const session = await t.workspace.open(SANDBOX.profile);
  const counting = countingMiddleware((name) => calls.push(name), () => failWith);
  session.ecs(REGION).middlewareStack.add(counting, { step: 'initialize', name: 'countCalls' });
  session.ssm(REGION).middlewareStack.add(counting, { step: 'initialize', name: 'countCalls' });
  session.ecs(REGION).middlewareStack.add(<A, R>(next: (args: A) => Promise<R>) => async (args: A): Promise<R> => {
    if (failEcsWith !== null) throw failEcsWith;
    return next(args);
  }, { step: 'initialize', name: 'failEcs' });
  await t.inventory.children(PROFILE_ID);
  await t.inventory.children(REGION_ID);
  await t.inventory.children(CLUSTER_ID);
  await t.inventory.children(SERVICE_ID);
});
afterAll(() => stopAndClose(t));
beforeEach(() => {
  calls = [];
  failWith = null;
  failEcsWith = null;
  t.events.changed.length = 0;
  t.events.errors.length = 0;
  t.events.stale.length = 0;
});

/** Moves the live tree's clock by `ms` and waits for the round it started, if any. */
async function tick(ms: number): Promise<void> {
  clock.advance(ms);
  await t.inventory.live.whenIdle();
}

const tasksOf = (nodes: readonly InventoryNode[]) => nodes.flatMap((n) => (n.kind === 'task' ? [n] : []));

describe('the live tree', () => {
  it('polls nothing for a hidden window, nor for nodes that are not open', async () => {
    t.inventory.live.watch(WINDOW, [PROFILE_ID, REGION_ID, CLUSTER_ID, SERVICE_ID], false);
    expect(clock.armed).toBe(0);
    await tick(10 * INTERVAL);
    // Open but with no AWS listing of its own (a profile lists configured regions): nothing to poll either.
    t.inventory.live.watch(WINDOW, [PROFILE_ID], true);
    await tick(10 * INTERVAL);
    expect(t.inventory.live.rounds).toBe(0);
    expect(calls).toEqual([]);

    // Only the open cluster is polled: not its region (closed), so no ListClusters and no SSM call.
    t.inventory.live.watch(WINDOW, [PROFILE_ID, CLUSTER_ID], true);
    await tick(INTERVAL);
    expect(t.inventory.live.rounds).toBe(1);
    expect(calls).toContain('ListTasksCommand');
    expect(calls.filter((c) => c === 'ListClustersCommand' || c === 'DescribeInstanceInformationCommand')).toEqual([]);
  });

  it('sends no changed when a poll finds nothing new', async () => {
    t.inventory.live.watch(WINDOW, [PROFILE_ID, REGION_ID, CLUSTER_ID, SERVICE_ID], true);
    await tick(INTERVAL);
    expect(calls).toContain('ListClustersCommand');
    expect(calls).toContain('ListServicesCommand');
    expect(t.events.changed).toEqual([]);
  });

  it('a failed poll keeps the tree, reports nothing, and its region waits 2, then 4 intervals', async () => {
    t.inventory.live.watch(WINDOW, [REGION_ID, CLUSTER_ID, SERVICE_ID], true);
    const before = await t.inventory.children(SERVICE_ID);
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    failWith = throttled;
    await tick(INTERVAL);
    expect(calls.length).toBeGreaterThan(0);
    // The region failed once: its cluster is not asked in the same round.
    expect(calls).not.toContain('ListServicesCommand');
    expect(await t.inventory.children(SERVICE_ID)).toEqual(before);
    expect(t.events.changed).toEqual([]);
    expect(t.events.errors).toEqual([]);

    calls = [];
    await tick(INTERVAL); // 1 interval since: still backing off
    expect(calls).toEqual([]);
    await tick(INTERVAL); // 2 intervals: tried again, fails again
    expect(calls.length).toBeGreaterThan(0);
    calls = [];
    for (let i = 0; i < 3; i++) await tick(INTERVAL); // 3 of 4 intervals
    expect(calls).toEqual([]);
    failWith = null;
    await tick(INTERVAL); // 4: tried again, answers
    expect(calls).toContain('ListServicesCommand');
    calls = [];
    await tick(INTERVAL); // back to every interval
    expect(calls).toContain('ListServicesCommand');
    expect(t.events.errors).toEqual([]);
  });

  it("shows a stopped service task, then ECS's replacement, with no refresh from the user", async () => {
    t.inventory.live.watch(WINDOW, [PROFILE_ID, REGION_ID, CLUSTER_ID, SERVICE_ID], true);
    const listed = tasksOf(await t.inventory.children(SERVICE_ID));
    expect(listed.find((n) => n.taskArn === TASK_ARN)).toMatchObject({ lastStatus: 'RUNNING' });
    const admin = new ECSClient(clientConfig(t.sandbox));
    try {
      await admin.send(new StopTaskCommand({ cluster: CLUSTER_ARN, task: TASK_ARN, reason: 'Deploying a fix' }));
      await vi.waitFor(() => expect(held.pending).toBe(1)); // ECS's scheduler has noticed, and waits
      await tick(INTERVAL);
      expect(t.events.changed).toContain(SERVICE_ID);
      const gap = tasksOf(await t.inventory.children(SERVICE_ID));
      expect(gap.find((n) => n.taskArn === TASK_ARN)).toMatchObject({ desiredStatus: 'STOPPED' });
      expect(gap).toHaveLength(listed.length);

      expect(held.runDue(t.sandbox.serviceScheduling.reconcileDelayMs)).toBe(1);
      t.events.changed.length = 0;
      await tick(INTERVAL);
      expect(t.events.changed).toContain(SERVICE_ID);
      const after = tasksOf(await t.inventory.children(SERVICE_ID));
      const fresh = after.filter((n) => !listed.some((l) => l.taskArn === n.taskArn));
      expect(fresh).toHaveLength(1);
      expect(fresh[0]).toMatchObject({ lastStatus: 'RUNNING', desiredStatus: 'RUNNING' });
      expect(t.events.errors).toEqual([]);
    } finally {
      admin.destroy();
    }
  });

  it('brings back the clusters of an open region whose cluster listing failed at expand, with no refresh', async () => {
    failEcsWith = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    await t.inventory.refresh(REGION_ID);
    expect(t.inventory.problemsOf(REGION_ID).map((p) => p.part)).toEqual(['clusters']);
    expect((await t.inventory.children(REGION_ID)).some((n) => n.kind === 'cluster')).toBe(false);
    t.inventory.live.watch(WINDOW, [PROFILE_ID, REGION_ID], true);
    failEcsWith = null;
    t.events.changed.length = 0;
    await tick(INTERVAL);
    expect(t.events.changed).toContain(REGION_ID);
    expect((await t.inventory.children(REGION_ID)).some((n) => n.id === CLUSTER_ID)).toBe(true);
    expect(t.inventory.problemsOf(REGION_ID)).toEqual([]);
  });

  it('loads again, with the same backoff, an open region whose whole listing failed at expand, until AWS answers', async () => {
    failWith = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    await t.inventory.refresh(REGION_ID);
    expect(t.events.errors).toHaveLength(1); // the region shows its error, and no children
    t.inventory.live.watch(WINDOW, [PROFILE_ID, REGION_ID], true);
    calls = [];
    await tick(INTERVAL); // tried with no refresh from the user, fails again
    expect(calls).toContain('ListClustersCommand');
    calls = [];
    await tick(INTERVAL); // backing off: 2 intervals
    expect(calls).toEqual([]);
    await tick(INTERVAL);
    expect(calls).toContain('ListClustersCommand');
    expect(t.events.changed).toEqual([]);
    expect(t.events.errors).toHaveLength(1); // a background retry that fails says nothing more
    failWith = null;
    calls = [];
    for (let i = 0; i < 3; i++) await tick(INTERVAL); // 3 of 4 intervals
    expect(calls).toEqual([]);
    await tick(INTERVAL); // answers: the region's children come back on their own
    expect(t.events.changed).toContain(REGION_ID);
    expect((await t.inventory.children(REGION_ID)).some((n) => n.id === CLUSTER_ID)).toBe(true);
    calls = [];
    await tick(INTERVAL); // and it is polled as any loaded region from now on
    expect(calls).toContain('ListClustersCommand');
  });

  it('marks an open branch stale when its poll fails (since its last listing, with the error), and clears it at the next success', async () => {
    t.inventory.live.watch(WINDOW, [PROFILE_ID, REGION_ID, CLUSTER_ID, SERVICE_ID], true);
    await t.inventory.refresh(REGION_ID); // listed now, at the test clock's time
    const listedAt = clock.now();
    await tick(INTERVAL); // a poll that answers leaves them fresh
    expect(t.events.stale).toEqual([]);
    const listedAgain = clock.now();
    failWith = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    await tick(INTERVAL);
    // The region's poll failed; its cluster was not asked this round, so it is as stale.
    expect(t.events.stale.map((e) => e.parentId)).toEqual([REGION_ID, CLUSTER_ID]);
    for (const e of t.events.stale) expect(e.stale).toMatchObject({ since: listedAgain, error: { message: expect.stringMatching(/throttl|rate/i) } });
    expect(listedAgain).toBeGreaterThan(listedAt);
    expect(t.inventory.staleOf(CLUSTER_ID)).toMatchObject({ since: listedAgain });
    t.events.stale.length = 0;
    await tick(2 * INTERVAL); // backed off, then failing again with the same error: nothing new to tell
    expect(t.events.stale).toEqual([]);
    failWith = null;
    for (let i = 0; i < 4 && t.events.stale.length < 2; i++) await tick(INTERVAL);
    expect(t.events.stale).toEqual([{ parentId: REGION_ID, stale: null }, { parentId: CLUSTER_ID, stale: null }]);
    expect(t.inventory.staleOf(REGION_ID)).toBeUndefined();
  });

  it('clears the stale marks of every branch a refresh lists again, and the next polls do not bring the old error back', async () => {
    t.inventory.live.watch(WINDOW, [PROFILE_ID, REGION_ID, CLUSTER_ID, SERVICE_ID], true);
    await t.inventory.refresh(REGION_ID);
    failWith = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    await tick(INTERVAL);
    expect(t.events.stale.map((e) => [e.parentId, e.stale === null])).toEqual([[REGION_ID, false], [CLUSTER_ID, false]]);
    failWith = null;
    t.events.stale.length = 0;
    await t.inventory.refresh(REGION_ID); // the user's Refresh answers while the region still backs off
    expect(t.events.stale).toEqual([{ parentId: REGION_ID, stale: null }, { parentId: CLUSTER_ID, stale: null }]);
    calls = [];
    t.events.stale.length = 0;
    await tick(INTERVAL);
    expect(t.events.stale).toEqual([]); // not marked again with the failed poll's error
    expect(calls).toContain('ListClustersCommand'); // polled at the next round, not after that poll's backoff
    for (let i = 0; i < 3; i++) await tick(INTERVAL);
    expect(t.events.stale).toEqual([]);
    expect(t.inventory.staleOf(REGION_ID)).toBeUndefined();
    expect(t.inventory.staleOf(CLUSTER_ID)).toBeUndefined();
  });
});
