/**
 * Discovery as a user meets it (issue 16 §5): a big account (the discovery bench's generated world
 * behind the same 20 requests/s throttle), the app's inventory with background prefetch on. The
 * user lists the region, then expands a cluster the prefetch has not reached while it runs:
 * how long until that cluster's services and tasks show, against the same expand on an idle
 * inventory (no prefetch, nothing else in flight) in the same run. Then the calls the user's
 * first minute costs, against the calls of the whole tree.
 */
import { SANDBOX } from '../../main/sandbox/index.js';
import { Inventory } from '../../main/aws/inventory/inventory.js';
import { nodeId } from '../../main/aws/inventory/node-ids.js';
import { DISCOVERY_BENCH, throttledWorld } from './bench-discovery.js';

export const FIRST_EXPAND_BENCH = {
  /** The cluster the user expands: far down the list, so the prefetch cannot have reached it. */
  EXPANDED_INDEX: 60,
  /** The user reads the first screen for this long before expanding: the prefetch is in full swing by then. */
  READ_FIRST_SCREEN_MS: 2000,
  /** The window whose calls are counted ("the calls a user's first minute costs"). */
  FIRST_MINUTE_MS: 60_000,
} as const;

export interface FirstExpandOptions {
  /** Shorter window for the bench's own test (the figure is per window, so a test needs not wait a minute). */
  readonly windowMs?: number;
  readonly clusters?: number;
  readonly tasksPerCluster?: number;
  readonly ratePerSecond?: number;
}

export interface FirstExpandReport {
  readonly clusters: number;
  readonly ratePerSecond: number;
  /** Expand → services and tasks listed, while the prefetch runs (the app). */
  readonly expandDuringPrefetchMs: number;
  /** The same expand with nothing else in flight (no prefetch): the floor. */
  readonly expandIdleMs: number;
  /** The same expand while the whole tree loads with no priorities (every call first come, first served: discovery before this change, when a filter loaded everything). */
  readonly expandDuringUnprioritisedLoadMs: number;
  readonly windowMs: number;
  /** Logical AWS calls from start to the end of the window (first screen, the expand, the prefetch). */
  readonly callsInWindow: number;
  /** Clusters the prefetch walked within the window. */
  readonly clustersPrefetched: number;
}

interface Run {
  readonly inventory: Inventory;
  readonly calls: () => number;
  readonly stop: () => Promise<void>;
  readonly clusterIds: string[];
}

async function start(prefetch: boolean, o: Required<FirstExpandOptions>): Promise<Run> {
  const { sandbox, workspace } = await throttledWorld({ ...o, servicesPerCluster: DISCOVERY_BENCH.SERVICES_PER_CLUSTER, instances: DISCOVERY_BENCH.INSTANCES });
  const inventory = new Inventory(workspace, { prefetch });
  await inventory.children(nodeId.profile(SANDBOX.profile));
  const listed = await inventory.children(nodeId.region(SANDBOX.profile, DISCOVERY_BENCH.REGION));
  return {
    inventory,
    calls: () => workspace.get(SANDBOX.profile)?.stats.total().calls ?? 0,
    clusterIds: listed.filter((n) => n.kind === 'cluster').map((n) => n.id),
    stop: async () => {
      inventory.prefetcher.stopWhere(() => true);
      workspace.closeAll();
      await sandbox.stop();
    },
  };
}

/** Expand → the cluster's children (services and standalone tasks) and every service's tasks. */
async function expand(inventory: Inventory, clusterId: string): Promise<number> {
  const t0 = performance.now();
  const kids = await inventory.children(clusterId);
  await Promise.all(kids.filter((k) => k.kind === 'service').map((k) => inventory.children(k.id)));
  return performance.now() - t0;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function benchFirstExpand(options: FirstExpandOptions = {}): Promise<FirstExpandReport> {
  const o: Required<FirstExpandOptions> = {
    windowMs: options.windowMs ?? FIRST_EXPAND_BENCH.FIRST_MINUTE_MS,
    clusters: options.clusters ?? DISCOVERY_BENCH.CLUSTERS,
    tasksPerCluster: options.tasksPerCluster ?? DISCOVERY_BENCH.TASKS_PER_CLUSTER,
    ratePerSecond: options.ratePerSecond ?? DISCOVERY_BENCH.RATE_PER_SECOND,
  };
  const index = Math.min(FIRST_EXPAND_BENCH.EXPANDED_INDEX, o.clusters - 1);
  const readMs = Math.min(FIRST_EXPAND_BENCH.READ_FIRST_SCREEN_MS, o.windowMs / 2);

  const idle = await start(false, o);
  let expandIdleMs: number;
  try {
    await sleep(readMs); // the same pause, so the throttle's bucket is as full as in the app's run
    expandIdleMs = await expand(idle.inventory, idle.clusterIds[index] ?? '');
  } finally {
    await idle.stop();
  }

  const busy = await start(false, o);
  let expandDuringUnprioritisedLoadMs: number;
  try {
    const whole = busy.inventory.loadRegionTree(SANDBOX.profile, DISCOVERY_BENCH.REGION).catch(() => undefined); // ends with the sandbox
    await sleep(readMs);
    expandDuringUnprioritisedLoadMs = await expand(busy.inventory, busy.clusterIds[index] ?? '');
    void whole;
  } finally {
    await busy.stop();
  }

  const started = performance.now();
  const app = await start(true, o);
  try {
    await sleep(readMs);
    const expandDuringPrefetchMs = await expand(app.inventory, app.clusterIds[index] ?? '');
    await sleep(Math.max(0, o.windowMs - (performance.now() - started)));
    return {
      clusters: o.clusters,
      ratePerSecond: o.ratePerSecond,
      expandDuringPrefetchMs,
      expandIdleMs,
      expandDuringUnprioritisedLoadMs,
      windowMs: o.windowMs,
      callsInWindow: app.calls(),
      clustersPrefetched: app.inventory.prefetcher.clustersDone,
    };
  } finally {
    await app.stop();
  }
}
