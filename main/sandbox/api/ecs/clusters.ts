/** ECS ListClusters, DescribeClusters, ListServices, DescribeServices. */
import { arn, lastSegment } from '../../world/arns.js';
import { ApiError, invalidParameter } from '../errors.js';
import type { Handler } from '../handler.js';
import { paginate } from '../paging.js';
import { describeEach, requireRefs } from './describe-each.js';
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
  /** DescribeContainerInstances accepts up to 100 ids. */
  describeContainerInstances: 100,
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
  const d = describeEach(refs, (ref) => ctx.region.cluster(ref), (c) => clusterShape(c, include), (ref) => arn.cluster(ctx.region.scope, ref));
  return { clusters: d.found, failures: d.failures };
};

export const listServices: Handler = (p, ctx) => {
  const cluster = requireCluster(ctx, p.optString('cluster'));
  const launchType = p.optString('launchType');
  const services = [...cluster.services.values()].filter((s) => !launchType || s.spec.launchType === launchType);
  const page = paginate('ecs', services, ECS_LIMITS.listServices, p.optInt('maxResults'), p.optString('nextToken'), `ListServices/${cluster.arn}/${launchType ?? ''}`);
  return { serviceArns: page.items.map((s) => arn.service(ctx.region.scope, cluster.spec.name, s.name)), nextToken: page.nextToken };
};

export const describeServices: Handler = (p, ctx) => {
  const cluster = requireCluster(ctx, p.optString('cluster'));
  const refs = requireRefs(p.optStringList('services'), 'Services', ECS_LIMITS.describeServices);
  const d = describeEach(
    refs,
    (ref) => cluster.services.get(lastSegment(ref)),
    (s) => serviceShape(ctx.region, cluster, s),
    (ref) => arn.service(ctx.region.scope, cluster.spec.name, ref),
  );
  return { services: d.found, failures: d.failures };
};
