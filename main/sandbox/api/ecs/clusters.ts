/** ECS ListClusters, DescribeClusters, ListServices, DescribeServices. */
import { arn, lastSegment } from '../../world/arns.js';
import { ApiError, invalidParameter } from '../errors.js';
import type { Handler } from '../handler.js';
import { paginate } from '../paging.js';
import type { RequestContext } from '../context.js';
import { clusterShape, serviceShape } from './shapes.js';

export const ECS_LIMITS = {
  /** ListClusters/ListTasks: default and maximum page of 100 (ECS API reference). */
  list: { defaultSize: 100, max: 100 },
  /** ListServices pages 10 by default, at most 100. */
  listServices: { defaultSize: 10, max: 100 },
  /** DescribeClusters accepts up to 100 names. */
  describeClusters: 100,
  /** DescribeServices accepts up to 10 names. */
  describeServices: 10,
  /** DescribeTasks accepts up to 100 ids. */
  describeTasks: 100,
} as const;

export function requireCluster(ctx: RequestContext, ref: string | undefined) {
  const cluster = ctx.region.cluster(ref);
  if (!cluster) throw new ApiError('ClusterNotFoundException', 'Cluster not found.');
  return cluster;
}

export const listClusters: Handler = (p, ctx) => {
  const page = paginate('ecs', ctx.region.clusters, ECS_LIMITS.list, p.optInt('maxResults'), p.optString('nextToken'), 'ListClusters');
  return { clusterArns: page.items.map((c) => c.arn), nextToken: page.nextToken };
};

export const describeClusters: Handler = (p, ctx) => {
  const refs = p.optStringList('clusters') ?? ['default'];
  if (refs.length > ECS_LIMITS.describeClusters) throw invalidParameter('ecs', `Clusters cannot have more than ${ECS_LIMITS.describeClusters} elements`);
  const include = p.optStringList('include') ?? [];
  const clusters: unknown[] = [];
  const failures: unknown[] = [];
  for (const ref of refs) {
    const c = ctx.region.cluster(ref);
    if (c) clusters.push(clusterShape(c, include));
    else failures.push({ arn: ref.startsWith('arn:') ? ref : `arn:aws:ecs:${ctx.regionName}:${ctx.account.id}:cluster/${ref}`, reason: 'MISSING' });
  }
  return { clusters, failures };
};

export const listServices: Handler = (p, ctx) => {
  const cluster = requireCluster(ctx, p.optString('cluster'));
  const launchType = p.optString('launchType');
  const services = [...cluster.services.values()].filter((s) => !launchType || s.launchType === launchType);
  const page = paginate('ecs', services, ECS_LIMITS.listServices, p.optInt('maxResults'), p.optString('nextToken'), `ListServices/${cluster.arn}/${launchType ?? ''}`);
  return { serviceArns: page.items.map((s) => arn.service(ctx.region.scope, cluster.spec.name, s.name)), nextToken: page.nextToken };
};

export const describeServices: Handler = (p, ctx) => {
  const cluster = requireCluster(ctx, p.optString('cluster'));
  const refs = p.optStringList('services');
  if (!refs || refs.length === 0) throw invalidParameter('ecs', 'Services cannot be empty.');
  if (refs.length > ECS_LIMITS.describeServices) throw invalidParameter('ecs', `Services cannot have more than ${ECS_LIMITS.describeServices} elements`);
  const services: unknown[] = [];
  const failures: unknown[] = [];
  for (const ref of refs) {
    const s = cluster.services.get(lastSegment(ref));
    if (s) services.push(serviceShape(ctx.region, cluster, s));
    else failures.push({ arn: ref.startsWith('arn:') ? ref : `arn:aws:ecs:${ctx.regionName}:${ctx.account.id}:service/${cluster.spec.name}/${ref}`, reason: 'MISSING' });
  }
  return { services, failures };
};
