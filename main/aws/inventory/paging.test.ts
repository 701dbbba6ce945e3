// Listings that span several pages, and a throttling sandbox the SDK's adaptive retry rides out.
import { describe, expect, it } from 'vitest';
import { SANDBOX } from '../../sandbox/index.js';
import { generateWorld } from '../../sandbox/world/generate.js';
import { nodeId } from './node-ids.js';
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
    // A burst of 1 makes throttling certain however slow the machine is: the describes run
    // concurrently (AWS_LIMITS.DISCOVERY_CONCURRENCY), so simultaneous requests always exceed it.
    const t = await sandboxInventory({ sandbox: { world: world(), throttle: { ratePerSecond: 10, burst: 1 } } });
    try {
      const sum = await t.inventory.loadRegionTree(SANDBOX.profile, 'us-east-1');
      expect(sum.tasks).toBe(750);
      expect(t.sandbox.stats.throttled).toBeGreaterThan(0);
      const total = t.workspace.get(SANDBOX.profile)?.stats.total();
      expect(total?.failures).toBe(0);
      expect(total?.attempts).toBeGreaterThan(total?.calls ?? Infinity);
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
