// Background prefetch over a generated sandbox world: it fills the tree behind the user, quietly,
// and what the user expands goes ahead of it.
import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX } from '../../sandbox/index.js';
import { generateWorld } from '../../sandbox/world/generate.js';
import { nodeId } from './node-ids.js';
import { PREFETCH } from './prefetch.js';
import { sandboxInventory, type SandboxInventory } from '../../../testing/aws/inventory/test-sandbox.js';

const REGION = 'us-east-1';
let t: SandboxInventory | undefined;
afterEach(async () => {
  t?.inventory.prefetcher.stopWhere(() => true);
  await t?.close();
  t = undefined;
});

/** Unpaced where the pace is not what a test is about, so it runs in milliseconds. */
const UNPACED = { slots: PREFETCH.SLOTS, minIntervalMs: 0 };

async function world(clusters: number, prefetch: boolean, pace = UNPACED): Promise<SandboxInventory> {
  const w = generateWorld({ clusters, tasksPerCluster: 12, servicesPerCluster: 2, instances: 3, region: REGION });
  t = await sandboxInventory({ sandbox: { world: w }, inventory: { prefetch, prefetchPace: pace } });
  await t.inventory.children(nodeId.profile(SANDBOX.profile));
  return t;
}

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!cond()) throw new Error(`timed out waiting for ${what}`);
}

describe('prefetch', () => {
  it('loads every listed cluster down to its containers without being asked, and says nothing on the nodes', async () => {
    const s = await world(3, true);
    const clusters = (await s.inventory.children(nodeId.region(SANDBOX.profile, REGION))).filter((n) => n.kind === 'cluster');
    expect(clusters).toHaveLength(3);
    const progressBefore = s.events.progress.length;
    await until(() => s.inventory.prefetcher.clustersDone === 3, 'three clusters prefetched');
    // The filter only searches what is loaded: containers of every cluster are found now.
    const containers = s.inventory.filter('app').filter((m) => m.node.kind === 'container');
    const clustersWithContainers = new Set(containers.map((m) => m.ancestors[2]));
    expect(clustersWithContainers.size).toBe(3);
    expect(s.events.progress.length).toBe(progressBefore);
    expect(s.events.errors).toEqual([]);
  });

  it('is off unless asked for: a plain inventory loads only what is expanded', async () => {
    const s = await world(3, false);
    await s.inventory.children(nodeId.region(SANDBOX.profile, REGION));
    await new Promise((r) => setTimeout(r, PREFETCH.MIN_INTERVAL_MS * 4)); // what a prefetch would have used to start
    expect(s.inventory.prefetcher.clustersDone).toBe(0);
    expect(s.inventory.filter('app').filter((m) => m.node.kind === 'container')).toEqual([]);
  });

  it('puts an expanded cluster ahead of the prefetch queue', async () => {
    const s = await world(30, true, { slots: PREFETCH.SLOTS, minIntervalMs: PREFETCH.MIN_INTERVAL_MS });
    const clusters = (await s.inventory.children(nodeId.region(SANDBOX.profile, REGION))).filter((n) => n.kind === 'cluster');
    const last = clusters[clusters.length - 1];
    if (last === undefined) throw new Error('no clusters');
    const kids = await s.inventory.children(last.id);
    expect(kids.length).toBeGreaterThan(0);
    // The paced prefetch needs ~5 calls × 250 ms per cluster: the last one was not reached by it.
    expect(s.inventory.prefetcher.clustersDone).toBeLessThan(clusters.length - 1);
  });

  it('stops when its region is refreshed away and starts again on the fresh listing', async () => {
    const s = await world(3, true);
    const regionId = nodeId.region(SANDBOX.profile, REGION);
    await s.inventory.children(regionId);
    await until(() => s.inventory.prefetcher.clustersDone === 3, 'first prefetch');
    await s.inventory.refresh(regionId);
    await until(() => s.inventory.prefetcher.clustersDone === 6, 'prefetch of the refreshed region');
  });
});
