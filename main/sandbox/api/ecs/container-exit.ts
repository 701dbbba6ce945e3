/**
 * An essential container of a running task exits by itself (its app crashed or finished): ECS
 * stops the task (stopCode EssentialContainerExited, "Essential container in task exited"),
 * SIGTERMs its other containers as for any stop, and the exited container reports its own exit
 * code. A service's scheduler then replaces the task. ECS has no API for this, so the sandbox
 * offers it as Sandbox.exitContainer and the admin route `POST /__sandbox/container-exit`.
 * A non-essential container's exit leaves its task running on AWS; the sandbox does not model a
 * running task with a stopped container, and says so.
 */
import { z } from 'zod';
import { lastSegment } from '../../world/arns.js';
import type { ApiDeps } from '../context.js';
import { reconcileService } from './service-scheduler.js';
import { beginStop, meantToRun } from './task-stopper.js';

/** ECS's stoppedReason for a task whose essential container exited. */
export const ESSENTIAL_EXIT_REASON = 'Essential container in task exited';

/** The exit code when none is given: a process that failed. */
const DEFAULT_EXIT_CODE = 1;

export const ContainerExitRequest = z
  .object({
    /** 12-digit account id; default the world's first account. */
    account: z.string().regex(/^\d{12}$/).optional(),
    /** Default the world's first region. */
    region: z.string().min(1).optional(),
    cluster: z.string().min(1),
    /** Task id or ARN. */
    task: z.string().min(1),
    container: z.string().min(1),
    exitCode: z.number().int().min(0).max(255).default(DEFAULT_EXIT_CODE),
  })
  .strict();
export type ContainerExitRequest = z.input<typeof ContainerExitRequest>;

/** Makes the container exit; throws an Error saying what is wrong with a request it cannot act on. */
export function exitContainer(deps: ApiDeps, input: unknown): { taskArn: string; stoppedReason: string } {
  const parsed = ContainerExitRequest.safeParse(input);
  if (!parsed.success) throw new Error(`container exit: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ')}`);
  const req = parsed.data;
  const account = req.account === undefined ? deps.world.defaultAccount : deps.world.accountById(req.account);
  if (!account) throw new Error(`container exit: the world has no account ${req.account ?? ''}`);
  const region = deps.world.region(account, req.region ?? deps.world.defaultRegion);
  const cluster = region.cluster(req.cluster);
  const task = cluster?.tasksById.get(lastSegment(req.task));
  if (!cluster || !task) throw new Error(`container exit: no task ${req.task} in cluster ${req.cluster} of ${region.scope.region}`);
  const container = task.containers.find((c) => c.name === req.container);
  if (!container) throw new Error(`container exit: task ${task.spec.id} has no container ${req.container}`);
  if (!meantToRun(task)) throw new Error(`container exit: task ${task.spec.id} is already stopping or stopped`);
  const declared = region.taskDefinition(task.spec.taskDefinition)?.containers.find((d) => d.name === container.name);
  if (declared?.essential === false) throw new Error(`container exit: ${container.name} is not essential, so its task would run on; the sandbox does not model a running task with a stopped container`);
  const scope = { deps, region };
  beginStop(scope, task, { stoppedReason: ESSENTIAL_EXIT_REASON, stopCode: 'EssentialContainerExited' }, Date.now(), { name: container.name, exitCode: req.exitCode });
  const service = task.spec.service === undefined ? undefined : cluster.services.get(task.spec.service);
  if (service) reconcileService(scope, cluster, service);
  return { taskArn: task.arn, stoppedReason: ESSENTIAL_EXIT_REASON };
}
