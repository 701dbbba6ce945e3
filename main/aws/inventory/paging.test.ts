// Listings that span several pages, and a throttling sandbox the SDK's adaptive retry rides out.
import { describe, expect, it } from 'vitest';
import { SANDBOX } from '../../sandbox/index.js';
import { generateWorld } from '../../sandbox/world/generate.js';
import { nodeId } from './node-ids.js';
import { AWS_LIMITS } from '../constants.js';
import { sandboxInventory } from '../../../testing/aws/inventory/test-sandbox.js';

const world = () => generateWorld({ clusters: 3, tasksPerCluster: 250, servicesPerCluster: 12, instances: 120, region: 'us-east-1' });

describe('discovery paging and batching', () => {
  it('pages every listing and describes at the API batch limits, with the minimum number of calls', async () => {
    const t = await sandboxInventory({ sandbox: { world: world() } });
    try {
      const sum = await t.inventory.loadRegionTree(SANDBOX.profile, 'us-east-1');
      expect(sum).toEqual({ clusters: 3, services: 36, tasks: 750, containers: 750 });
      const stats = t.workspace.get(SANDBOX.profile)?.stats.snapshot() ?? {};
      const calls = (op: string) => stats[op]?.calls ?? 0;
      expect(calls('ecs:DescribeTasks')).toBe(3 * Math.ceil(250 / 100));
      expect(calls('ecs:ListTasks')).toBe(3 * (3 + 1)); // three RUNNING pages and one (empty) STOPPED page per cluster
      expect(calls('ecs:DescribeServices')).toBe(3 * Math.ceil(12 / 10));
      expect(calls('ecs:ListClusters')).toBe(1);
      expect(calls('ecs:DescribeClusters')).toBe(1);
      expect(calls('ssm:DescribeInstanceInformation')).toBe(Math.ceil(120 / 50));
      expect(calls('ec2:DescribeInstances')).toBe(1);
      const region = await t.inventory.children(nodeId.region(SANDBOX.profile, 'us-east-1'));
      const names = region.filter((n) => n.kind === 'instance').map((n) => (n.kind === 'instance' ? n.name : null));
      expect(names).toHaveLength(120);
      expect(names).toContain('bench-host-119');
      expect(t.events.progress.some((m) => /^Listing tasks in bench-000 \(\d+ of 250\)$/.test(m))).toBe(true);
    } finally {
      await t.close();
    }
  });

  it('completes the tree against a throttling sandbox through adaptive retry', async () => {
    // The sandbox's buckets run on a clock the test drives, never on real time: on a real clock
    // (10/s, burst 1) whether one call met a refusal on each of its MAX_ATTEMPTS attempts depended
    // on how a loaded machine spread the jittered retries, and one call in some runs did. Here the
    // clock stands still until the sandbox has refused REFUSALS requests (with a burst of 1 the
    // second request to a service is refused at once, so throttling is certain), then moves a
    // second per reading, so every later request finds a token. REFUSALS is below MAX_ATTEMPTS:
    // no call can meet a refusal on every attempt, however the machine schedules them, so a
    // failure here is the retry not absorbing throttling rather than bad luck.
    const REFUSALS = AWS_LIMITS.MAX_ATTEMPTS - 1;
    let refused = (): number => 0;
    let clock = 0;
    const now = (): number => (refused() < REFUSALS ? clock : (clock += 1000));
    const t = await sandboxInventory({ sandbox: { world: world(), throttle: { ratePerSecond: 10, burst: 1, now } } });
    refused = () => t.sandbox.stats.throttled;
    try {
      const sum = await t.inventory.loadRegionTree(SANDBOX.profile, 'us-east-1');
      expect(sum).toEqual({ clusters: 3, services: 36, tasks: 750, containers: 750 });
      expect(t.sandbox.stats.throttled).toBe(REFUSALS);
      const total = t.workspace.get(SANDBOX.profile)?.stats.total();
      expect(total?.failures).toBe(0);
      // Every refused request was retried: one more attempt than calls per refusal.
      expect((total?.attempts ?? 0) - (total?.calls ?? 0)).toBe(REFUSALS);
      expect(t.events.errors).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('a cluster listing that failed fails the whole-tree load: never a region of zero clusters', async () => {
    const t = await sandboxInventory({ sandbox: { world: world() }, workspace: { maxAttempts: 1 } });
    try {
      t.sandbox.apiFaults.set({ rules: [{ operation: 'ecs.ListClusters', answer: 'access-denied' }] });
      const err = await t.inventory.loadRegionTree(SANDBOX.profile, 'us-east-1').then(
        (sum) => sum,
        (e: unknown) => e,
      );
      expect(err).toMatchObject({ code: 'access-denied' });
      expect((err as Error).message).toContain('listing ECS clusters');
      // The region itself still shows its instances, with the clusters as a problem beside them.
      const region = nodeId.region(SANDBOX.profile, 'us-east-1');
      expect((await t.inventory.children(region)).filter((n) => n.kind === 'instance')).toHaveLength(120);
      expect(t.inventory.problemsOf(region).map((p) => p.part)).toEqual(['clusters']);
      // Once the listing works again, so does the whole tree.
      t.sandbox.apiFaults.set({ rules: [] });
      await t.inventory.refresh(region);
      expect(await t.inventory.loadRegionTree(SANDBOX.profile, 'us-east-1')).toEqual({ clusters: 3, services: 36, tasks: 750, containers: 750 });
    } finally {
      await t.close();
    }
  });

  it('reports throttling in plain words when retries run out', async () => {
    const t = await sandboxInventory({ sandbox: { world: world(), throttle: { ratePerSecond: 0.5, burst: 1 } }, workspace: { maxAttempts: 1 } });
    try {
      await t.inventory.children(nodeId.region(SANDBOX.profile, 'us-east-1')).catch(() => undefined);
      const err = await t.inventory.children(nodeId.cluster(SANDBOX.profile, 'us-east-1', 'arn:aws:ecs:us-east-1:210987654321:cluster/bench-000')).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'throttled', retryable: true });
      expect((err as Error).message).toMatch(/^AWS is throttling requests \(listing services and tasks of bench-000 in us-east-1 with profile "porthole-sandbox"\); retries ran out\.$/);
    } finally {
      await t.close();
    }
  });
});
