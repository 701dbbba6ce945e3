/**
 * ECS listings: clusters of a region, and the services and tasks (with containers) of a cluster.
 * Pages come from the SDK paginators at the API maximum; every page of ARNs is described at once
 * in batches at the API limits (DescribeTasks ≤ 100, DescribeServices ≤ 10), so the call count
 * stays at the minimum and describing overlaps with paging. Every call, list pages included, passes
 * the caller's gate (the region's Limiter, seen with the priority of the work asking).
 */
import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  paginateListClusters,
  paginateListServices,
  paginateListTasks,
  type DesiredStatus,
  type ECSClient,
} from '@aws-sdk/client-ecs';
import { AWS_LIMITS } from '../constants.js';
import { chunk, gatedPages, type Gate } from './bounded.js';
import { clusterInfo, serviceInfo, taskInfo } from './ecs-shapes.js';
import { arnTail, type ClusterContents, type ClusterInfo, type ProgressFn, type ServiceInfo, type TaskInfo } from './types.js';

/**
 * Queue a describe call started while paging continues. Its failure is observed later by
 * Promise.all; the no-op catch keeps Node from reporting it as unhandled in the meantime.
 */
function track<T>(pending: Array<Promise<T>>, p: Promise<T>): void {
  p.catch(() => undefined);
  pending.push(p);
}

export interface EcsListOptions {
  readonly gate: Gate;
  readonly onProgress?: ProgressFn;
}

export interface ClusterLoadOptions extends EcsListOptions {
  /** Also list recently stopped tasks (ECS keeps them ~1 hour), so a dead task can be diagnosed. */
  readonly includeStopped: boolean;
}

export async function listClusters(ecs: ECSClient, opts: EcsListOptions): Promise<ClusterInfo[]> {
  const pending: Array<Promise<ClusterInfo[]>> = [];
  let listed = 0;
  let described = 0;
  for await (const page of gatedPages(opts.gate, paginateListClusters({ client: ecs, pageSize: AWS_LIMITS.ECS_LIST_PAGE_SIZE }, {}))) {
    const arns = page.clusterArns ?? [];
    listed += arns.length;
    for (const batch of chunk(arns, AWS_LIMITS.DESCRIBE_CLUSTERS_BATCH)) {
      track(pending, opts.gate.run(async () => {
        const out = await ecs.send(new DescribeClustersCommand({ clusters: batch, include: ['CONFIGURATIONS'] }));
        described += batch.length;
        opts.onProgress?.({ phase: 'clusters', scope: 'region', done: described, total: null });
        return (out.clusters ?? []).map(clusterInfo);
      }));
    }
  }
  const clusters = (await Promise.all(pending)).flat();
  opts.onProgress?.({ phase: 'clusters', scope: 'region', done: listed, total: listed });
  return clusters.sort((a, b) => a.name.localeCompare(b.name));
}

async function listServices(ecs: ECSClient, cluster: string, opts: EcsListOptions): Promise<ServiceInfo[]> {
  const pending: Array<Promise<ServiceInfo[]>> = [];
  for await (const page of gatedPages(opts.gate, paginateListServices({ client: ecs, pageSize: AWS_LIMITS.ECS_LIST_PAGE_SIZE }, { cluster }))) {
    for (const batch of chunk(page.serviceArns ?? [], AWS_LIMITS.DESCRIBE_SERVICES_BATCH)) {
      track(pending, opts.gate.run(async () => {
        const out = await ecs.send(new DescribeServicesCommand({ cluster, services: batch }));
        return (out.services ?? []).map((s) => serviceInfo(s, cluster));
      }));
    }
  }
  return (await Promise.all(pending)).flat().sort((a, b) => a.name.localeCompare(b.name));
}

async function listTasks(ecs: ECSClient, cluster: string, opts: ClusterLoadOptions): Promise<TaskInfo[]> {
  const statuses: DesiredStatus[] = opts.includeStopped ? ['RUNNING', 'STOPPED'] : ['RUNNING'];
  const pending: Array<Promise<TaskInfo[]>> = [];
  const name = arnTail(cluster);
  const buffer: string[] = [];
  let listed = 0;
  let described = 0;
  let total: number | null = null;
  // Batches fill across the RUNNING and STOPPED listings, so a cluster never pays for two part-full calls.
  const flush = (arns: string[]) => {
    track(pending, opts.gate.run(async () => {
      const out = await ecs.send(new DescribeTasksCommand({ cluster, tasks: arns }));
      described += arns.length;
      opts.onProgress?.({ phase: 'tasks', scope: name, done: described, total });
      return (out.tasks ?? []).map((t) => taskInfo(t, cluster));
    }));
  };
  for (const desiredStatus of statuses) {
    for await (const page of gatedPages(opts.gate, paginateListTasks({ client: ecs, pageSize: AWS_LIMITS.ECS_LIST_PAGE_SIZE }, { cluster, desiredStatus }))) {
      const arns = page.taskArns ?? [];
      listed += arns.length;
      buffer.push(...arns);
      while (buffer.length >= AWS_LIMITS.DESCRIBE_TASKS_BATCH) flush(buffer.splice(0, AWS_LIMITS.DESCRIBE_TASKS_BATCH));
    }
  }
  total = listed;
  if (buffer.length > 0) flush(buffer);
  const tasks = (await Promise.all(pending)).flat();
  // A task can move from RUNNING to STOPPED between the two listings; keep one copy of it.
  const unique = [...new Map(tasks.map((t) => [t.arn, t])).values()];
  return unique.sort(byStatusThenStart);
}

/** Running tasks first, then newest first: what a user scanning the tree looks for. */
function byStatusThenStart(a: TaskInfo, b: TaskInfo): number {
  const live = (t: TaskInfo) => (t.lastStatus === 'STOPPED' ? 1 : 0);
  return live(a) - live(b) || (b.startedAt ?? 0) - (a.startedAt ?? 0) || a.id.localeCompare(b.id);
}

/** A cluster's services and tasks as far as they could be listed; a part that failed has its error instead. */
export interface ClusterListing {
  readonly contents: ClusterContents;
  readonly servicesError?: unknown;
  readonly tasksError?: unknown;
}

/**
 * Services and tasks of one cluster; tasks carry their service name (from `group`) and containers.
 * Each part stands alone: without ecs:DescribeTasks (or ListTasks) the services still list, and
 * the other way round. Only both failing fails the cluster (with the services' error).
 */
export async function loadCluster(ecs: ECSClient, clusterArn: string, opts: ClusterLoadOptions): Promise<ClusterListing> {
  const [services, tasks] = await Promise.allSettled([listServices(ecs, clusterArn, opts), listTasks(ecs, clusterArn, opts)]);
  if (services.status === 'rejected' && tasks.status === 'rejected') throw services.reason;
  return {
    contents: { services: services.status === 'fulfilled' ? services.value : [], tasks: tasks.status === 'fulfilled' ? tasks.value : [] },
    ...(services.status === 'rejected' ? { servicesError: services.reason } : {}),
    ...(tasks.status === 'rejected' ? { tasksError: tasks.reason } : {}),
  };
}

/** One task as a listing's DescribeTasks would describe it now (`cluster`: name or ARN); undefined when ECS no longer knows it. */
export async function describeTaskNow(ecs: ECSClient, cluster: string, taskArn: string, signal?: AbortSignal): Promise<TaskInfo | undefined> {
  const out = await ecs.send(new DescribeTasksCommand({ cluster, tasks: [taskArn] }), signal === undefined ? {} : { abortSignal: signal });
  const found = out.tasks?.find((t) => t.taskArn === taskArn);
  return found === undefined ? undefined : taskInfo(found, found.clusterArn ?? cluster);
}
