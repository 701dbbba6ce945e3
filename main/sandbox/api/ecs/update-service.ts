/**
 * ECS UpdateService, for its desiredCount: the answer shows the new desiredCount with the tasks as
 * they are; the service's scheduler then starts or stops tasks to match (service-scheduler.ts).
 * Other members (a new task definition, a forced deployment) are not modelled and are refused
 * rather than ignored, so a script relying on them learns so.
 */
import { lastSegment } from '../../world/arns.js';
import { ApiError, invalidParameter } from '../errors.js';
import type { Handler } from '../handler.js';
import { requireCluster } from './clusters.js';
import { reconcileService } from './service-scheduler.js';
import { serviceShape } from './shapes.js';

/** UpdateService members the sandbox acts on; anything else is refused by name. */
const MODELLED: ReadonlySet<string> = new Set(['cluster', 'service', 'desiredCount']);

export const updateService: Handler = (p, ctx) => {
  const cluster = requireCluster(ctx, p.optString('cluster'));
  const service = cluster.services.get(lastSegment(p.string('service')));
  if (!service) throw new ApiError('ServiceNotFoundException', 'Service not found.');
  const unmodelled = Object.keys(p.input).filter((m) => !MODELLED.has(m));
  if (unmodelled.length > 0) throw invalidParameter('ecs', `The sandbox's UpdateService changes desiredCount only; it does not model ${unmodelled.join(', ')}.`);
  const desired = p.optInt('desiredCount');
  if (desired !== undefined && desired < 0) throw invalidParameter('ecs', 'desiredCount must be a non-negative integer.');
  if (desired !== undefined) service.desiredCount = desired;
  reconcileService(ctx, cluster, service);
  return { service: serviceShape(ctx.region, cluster, service) };
};
