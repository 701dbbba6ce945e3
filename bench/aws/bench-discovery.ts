/**
 * Discovery benchmark (issue 5): a generated world (default 100 clusters, 5,000 tasks in all) behind
 * a sandbox throttling each service at 20 requests/s. Measures time to first screen (the region's
 * clusters and instances listed), time to the full tree (every cluster's services and tasks described), API calls
 * against the minimum, retries, and peak memory. The bench runner calls `benchDiscovery()` and
 * prints `formatDiscoveryBench()`.
 */
import { SANDBOX, startSandbox, type Sandbox } from '../../main/sandbox/index.js';
import { generateWorld } from '../../main/sandbox/world/generate.js';
import { AWS_LIMITS } from '../../main/aws/constants.js';
import { Inventory } from '../../main/aws/inventory/inventory.js';
import { nodeId } from '../../main/aws/inventory/node-ids.js';
import { AwsWorkspace } from '../../main/aws/workspace.js';

export const DISCOVERY_BENCH = {
  CLUSTERS: 100,
  /** 5,000 tasks in all (50 per cluster); pass tasksPerCluster: 5000 for the 500,000-task reading. */
  TASKS_PER_CLUSTER: 50,
  SERVICES_PER_CLUSTER: 5,
  INSTANCES: 200,
  /** The sustained ECS describe rate users report (research/peers.md §4.4). */
  RATE_PER_SECOND: 20,
  /** Memory is sampled this often while discovery runs. */
  MEMORY_SAMPLE_MS: 25,
  REGION: 'us-east-1',
} as const;

export interface DiscoveryBenchOptions {
  clusters?: number;
  tasksPerCluster?: number;
  servicesPerCluster?: number;
  instances?: number;
  ratePerSecond?: number;
  /** List STOPPED tasks too (the app's default); costs one ListTasks page per cluster. */
  includeStopped?: boolean;
}

export interface DiscoveryBenchReport {
  readonly clusters: number;
  readonly tasks: number;
  readonly services: number;
  readonly instances: number;
  readonly ratePerSecond: number;
  readonly firstScreenMs: number;
  readonly fullTreeMs: number;
  /** Logical calls by `service:Operation`. */
  readonly calls: Record<string, number>;
  readonly totalCalls: number;
  /** HTTP attempts, including adaptive-retry re-sends. */
  readonly totalAttempts: number;
  readonly throttledBySandbox: number;
  readonly describeTasksCalls: number;
  /** ⌈tasks/100⌉ over the whole world (the issue's figure; DescribeTasks cannot span clusters). */
  readonly describeTasksMinimumGlobal: number;
  /** Σ⌈tasks_c/100⌉: the minimum when each call names one cluster, as the API requires. */
  readonly describeTasksMinimumPerCluster: number;
  /** Lower bound on all calls for this tree (every listing and describe at its page/batch limit). */
  readonly minimumCalls: number;
  readonly peakRssMb: number;
  readonly peakHeapMb: number;
  readonly baselineHeapMb: number;
}

const MB = 1024 * 1024;
const ceilDiv = (a: number, b: number) => Math.ceil(a / b);

function minimumCalls(o: Required<DiscoveryBenchOptions>): number {
  const perCluster =
    Math.max(1, ceilDiv(o.servicesPerCluster, AWS_LIMITS.ECS_LIST_PAGE_SIZE)) +
    ceilDiv(o.servicesPerCluster, AWS_LIMITS.DESCRIBE_SERVICES_BATCH) +
    Math.max(1, ceilDiv(o.tasksPerCluster, AWS_LIMITS.ECS_LIST_PAGE_SIZE)) + (o.includeStopped ? 1 : 0) +
    ceilDiv(o.tasksPerCluster, AWS_LIMITS.DESCRIBE_TASKS_BATCH);
  return 2 * Math.max(1, ceilDiv(o.clusters, AWS_LIMITS.DESCRIBE_CLUSTERS_BATCH)) + o.clusters * perCluster +
    Math.max(1, ceilDiv(o.instances, AWS_LIMITS.SSM_INSTANCE_PAGE_SIZE)) + ceilDiv(o.instances, AWS_LIMITS.EC2_DESCRIBE_INSTANCES_BATCH);
}

/** A generated world behind a sandbox that throttles like AWS, and a workspace signed in to it. */
export async function throttledWorld(o: Omit<Required<DiscoveryBenchOptions>, 'includeStopped'>): Promise<{ sandbox: Sandbox; workspace: AwsWorkspace }> {
  const world = generateWorld({ clusters: o.clusters, tasksPerCluster: o.tasksPerCluster, servicesPerCluster: o.servicesPerCluster, instances: o.instances, region: DISCOVERY_BENCH.REGION });
  const sandbox = await startSandbox({ world, gateway: null, throttle: { ratePerSecond: o.ratePerSecond } });
  return { sandbox, workspace: new AwsWorkspace({ env: sandbox.awsEnv }) };
}

export async function benchDiscovery(options: DiscoveryBenchOptions = {}): Promise<DiscoveryBenchReport> {
  const o: Required<DiscoveryBenchOptions> = {
    clusters: options.clusters ?? DISCOVERY_BENCH.CLUSTERS,
    tasksPerCluster: options.tasksPerCluster ?? DISCOVERY_BENCH.TASKS_PER_CLUSTER,
    servicesPerCluster: options.servicesPerCluster ?? DISCOVERY_BENCH.SERVICES_PER_CLUSTER,
    instances: options.instances ?? DISCOVERY_BENCH.INSTANCES,
    ratePerSecond: options.ratePerSecond ?? DISCOVERY_BENCH.RATE_PER_SECOND,
    includeStopped: options.includeStopped ?? true,
  };
  const { sandbox, workspace } = await throttledWorld(o);
  const inventory = new Inventory(workspace, { includeStopped: o.includeStopped });
  globalThis.gc?.();
  const baselineHeap = process.memoryUsage().heapUsed;
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const sampler = setInterval(sample, DISCOVERY_BENCH.MEMORY_SAMPLE_MS);
  try {
    const started = performance.now();
    await inventory.children(nodeId.profile(SANDBOX.profile));
    await inventory.children(nodeId.region(SANDBOX.profile, DISCOVERY_BENCH.REGION));
    const firstScreenMs = performance.now() - started;
    const sum = await inventory.loadRegionTree(SANDBOX.profile, DISCOVERY_BENCH.REGION);
    const fullTreeMs = performance.now() - started;
    sample();
    const stats = workspace.get(SANDBOX.profile)?.stats;
    const snapshot = stats?.snapshot() ?? {};
    const total = stats?.total() ?? { calls: 0, attempts: 0, failures: 0 };
    const tasks = o.clusters * o.tasksPerCluster;
    return {
      clusters: sum.clusters,
      tasks: sum.tasks,
      services: sum.services,
      instances: o.instances,
      ratePerSecond: o.ratePerSecond,
      firstScreenMs,
      fullTreeMs,
      calls: Object.fromEntries(Object.entries(snapshot).map(([k, v]) => [k, v.calls])),
      totalCalls: total.calls,
      totalAttempts: total.attempts,
      throttledBySandbox: sandbox.stats.throttled,
      describeTasksCalls: snapshot['ecs:DescribeTasks']?.calls ?? 0,
      describeTasksMinimumGlobal: ceilDiv(tasks, AWS_LIMITS.DESCRIBE_TASKS_BATCH),
      describeTasksMinimumPerCluster: o.clusters * ceilDiv(o.tasksPerCluster, AWS_LIMITS.DESCRIBE_TASKS_BATCH),
      minimumCalls: minimumCalls(o),
      peakRssMb: peakRss / MB,
      peakHeapMb: peakHeap / MB,
      baselineHeapMb: baselineHeap / MB,
    };
  } finally {
    clearInterval(sampler);
    workspace.closeAll();
    await sandbox.stop();
  }
}

export function formatDiscoveryBench(r: DiscoveryBenchReport): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const lines = [
    `## Discovery: ${r.clusters} clusters, ${r.services} services, ${r.tasks} tasks, ${r.instances} instances; sandbox throttled at ${r.ratePerSecond} req/s`,
    '',
    '| measure | value |',
    '|---|---|',
    `| time to first screen (clusters + instances listed) | ${s(r.firstScreenMs)} |`,
    `| time to full tree (all services and tasks described) | ${s(r.fullTreeMs)} |`,
    `| API calls / minimum for this tree | ${r.totalCalls} / ${r.minimumCalls} (${(r.totalCalls / r.minimumCalls).toFixed(2)}×) |`,
    `| DescribeTasks calls / ⌈tasks/100⌉ / Σ⌈tasks per cluster/100⌉ | ${r.describeTasksCalls} / ${r.describeTasksMinimumGlobal} / ${r.describeTasksMinimumPerCluster} |`,
    `| HTTP attempts (with retries) / throttled by sandbox | ${r.totalAttempts} / ${r.throttledBySandbox} |`,
    `| peak RSS / peak heap (sandbox in-process) / heap before | ${r.peakRssMb.toFixed(0)} MB / ${r.peakHeapMb.toFixed(0)} MB / ${r.baselineHeapMb.toFixed(0)} MB |`,
    '',
    `Calls: ${Object.entries(r.calls).map(([k, v]) => `${k} ${v}`).join(', ')}`,
  ];
  return lines.join('\n');
}
