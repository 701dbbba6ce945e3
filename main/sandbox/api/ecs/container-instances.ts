/** ECS ListContainerInstances and DescribeContainerInstances: a cluster's EC2 hosts and their ECS agent versions. */
import { arn, lastSegment, type ArnScope } from '../../world/arns.js';
import type { ClusterEntry } from '../../world/model.js';
import type { ContainerInstanceSpec } from '../../world/schema.js';
import { invalidParameter } from '../errors.js';
import type { Handler } from '../handler.js';
import { paginate } from '../paging.js';
import { ECS_LIMITS, requireCluster } from './clusters.js';
import { describeEach, requireRefs } from './describe-each.js';

export const CONTAINER_INSTANCE_SHAPE = {
  /** Docker version the emulated hosts report (current ECS-optimized AMIs ship 25.x). */
  dockerVersion: 'DockerVersion: 25.0.8',
  /** Hosts appear to have registered this long before the sandbox started. */
  registeredAgeSeconds: 86_400,
} as const;

const bootSeconds = Math.floor(Date.now() / 1000);

/** The EC2 id a world may omit: derived from the container instance id so it is stable. */
export function ec2InstanceIdOf(ci: ContainerInstanceSpec): string {
  return ci.ec2InstanceId ?? `i-0${ci.id.slice(0, 16)}`;
}

function containerInstanceShape(cluster: ClusterEntry, ci: ContainerInstanceSpec, scope: ArnScope): Record<string, unknown> {
  const tasks = cluster.tasks.filter((t) => t.spec.containerInstance === ci.id);
  return {
    containerInstanceArn: arn.containerInstance(scope, cluster.spec.name, ci.id),
    ec2InstanceId: ec2InstanceIdOf(ci),
    version: 1,
    versionInfo: { agentVersion: ci.agentVersion, agentHash: ci.id.slice(0, 8), dockerVersion: CONTAINER_INSTANCE_SHAPE.dockerVersion },
    status: ci.status,
    agentConnected: ci.agentConnected,
    runningTasksCount: tasks.filter((t) => t.spec.lastStatus === 'RUNNING').length,
    pendingTasksCount: tasks.filter((t) => t.spec.lastStatus === 'PENDING').length,
    registeredResources: [],
    remainingResources: [],
    attributes: [{ name: 'ecs.capability.execute-command' }],
    registeredAt: bootSeconds - CONTAINER_INSTANCE_SHAPE.registeredAgeSeconds,
    attachments: [],
    tags: [],
    healthStatus: { overallStatus: ci.agentConnected ? 'OK' : 'IMPAIRED', details: [] },
  };
}

const INSTANCE_STATUSES = new Set(['ACTIVE', 'DRAINING', 'INACTIVE', 'REGISTERING', 'DEREGISTERING', 'REGISTRATION_FAILED']);

export const listContainerInstances: Handler = (p, ctx) => {
  const cluster = requireCluster(ctx, p.optString('cluster'));
  const status = p.optString('status');
  if (status !== undefined && !INSTANCE_STATUSES.has(status)) throw invalidParameter('ecs', `status must be one of ${[...INSTANCE_STATUSES].join(', ')}.`);
  // Without a status filter ECS lists every host that is not INACTIVE.
  const hosts = cluster.spec.containerInstances.filter((ci) => (status ? ci.status === status : ci.status !== 'INACTIVE'));
  const page = paginate('ecs', hosts, ECS_LIMITS.list, p.optInt('maxResults'), p.optString('nextToken'), `ListContainerInstances/${cluster.arn}/${status ?? ''}`);
  return { containerInstanceArns: page.items.map((ci) => arn.containerInstance(ctx.region.scope, cluster.spec.name, ci.id)), nextToken: page.nextToken };
};

export const describeContainerInstances: Handler = (p, ctx) => {
  const cluster = requireCluster(ctx, p.optString('cluster'));
  const refs = requireRefs(p.optStringList('containerInstances'), 'ContainerInstances', ECS_LIMITS.describeContainerInstances);
  const scope = ctx.region.scope;
  const d = describeEach(
    refs,
    (ref) => cluster.containerInstancesById.get(lastSegment(ref)),
    (ci) => containerInstanceShape(cluster, ci, scope),
    (ref) => arn.containerInstance(scope, cluster.spec.name, ref),
  );
  return { containerInstances: d.found, failures: d.failures };
};
