/** ECS ListTasks, DescribeTasks, DescribeTaskDefinition. */
import { arn, lastSegment } from '../../world/arns.js';
import { ApiError, invalidParameter } from '../errors.js';
import type { Handler } from '../handler.js';
import { paginate } from '../paging.js';
import { ECS_LIMITS, requireCluster } from './clusters.js';
import { describeEach, requireRefs } from './describe-each.js';
import { desiredStatusOf, taskDefinitionShape, taskShape } from './shapes.js';

const DESIRED_STATUSES = new Set(['RUNNING', 'PENDING', 'STOPPED']);

export const listTasks: Handler = (p, ctx) => {
  const cluster = requireCluster(ctx, p.optString('cluster'));
  const serviceName = p.optString('serviceName');
  // ECS lists only tasks that should be running unless STOPPED is asked for.
  const desired = p.optString('desiredStatus') ?? 'RUNNING';
  if (!DESIRED_STATUSES.has(desired)) throw invalidParameter('ecs', `desiredStatus must be one of RUNNING, PENDING, STOPPED.`);
  const family = p.optString('family');
  const launchType = p.optString('launchType');
  const startedBy = p.optString('startedBy');
  if (serviceName && !cluster.services.has(lastSegment(serviceName))) throw new ApiError('ServiceNotFoundException', 'Service not found.');
  const service = serviceName ? lastSegment(serviceName) : undefined;
  const tasks = cluster.tasks.filter(
    (t) =>
      desiredStatusOf(t) === desired &&
      (!service || t.spec.service === service) &&
      (!family || t.spec.taskDefinition.split(':')[0] === family) &&
      (!launchType || t.spec.launchType === launchType) &&
      (!startedBy || (t.spec.service ? `ecs-svc/${t.spec.service}` : '') === startedBy),
  );
  const query = `ListTasks/${cluster.arn}/${service ?? ''}/${desired}/${family ?? ''}/${launchType ?? ''}/${startedBy ?? ''}`;
  const page = paginate('ecs', tasks, ECS_LIMITS.list, p.optInt('maxResults'), p.optString('nextToken'), query);
  return { taskArns: page.items.map((t) => t.arn), nextToken: page.nextToken };
};

export const describeTasks: Handler = (p, ctx) => {
  const cluster = requireCluster(ctx, p.optString('cluster'));
  const refs = requireRefs(p.optStringList('tasks'), 'Tasks', ECS_LIMITS.describeTasks);
  const d = describeEach(
    refs,
    (ref) => cluster.tasksById.get(lastSegment(ref)),
    (t) => taskShape(ctx.region, t),
    (ref) => arn.task(ctx.region.scope, cluster.spec.name, ref),
  );
  return { tasks: d.found, failures: d.failures };
};

export const describeTaskDefinition: Handler = (p, ctx) => {
  const ref = p.string('taskDefinition');
  const def = ctx.region.taskDefinition(ref);
  if (!def) throw new ApiError('ClientException', 'Unable to describe task definition.');
  return { taskDefinition: taskDefinitionShape(ctx.region, def), tags: [] };
};
