/**
 * ECS StopTask, stopping the task as ECS does (world/task-stop.ts): the answer has desiredStatus
 * STOPPED and the task still RUNNING; DescribeTasks then shows it DEACTIVATING, then STOPPING while its containers
 * take SIGTERM (one that ignores it runs until its stop timeout, then is SIGKILLed), then
 * (awsvpc) DEPROVISIONING with the containers STOPPED and their exit codes, and STOPPED last, as
 * AWS reports a task a person stopped (stopCode UserInitiated, the given reason or "Task stopped
 * by user"). Each container's sessions end when that container exits, as their agent runs inside
 * it; new ones are refused from the moment the task leaves RUNNING.
 */
import { lastSegment } from '../../world/arns.js';
import { invalidParameter } from '../errors.js';
import type { Handler } from '../handler.js';
import { requireCluster } from './clusters.js';
import { reconcileService } from './service-scheduler.js';
import { taskShape } from './shapes.js';
import { beginStop, TASK_SESSION_END_REASON } from './task-stopper.js';

export const STOP_TASK = {
  /** ECS's stoppedReason when StopTask is given none. */
  defaultReason: 'Task stopped by user',
  /** StopTask's `reason` holds up to this many characters (ECS API reference). */
  maxReasonChars: 255,
  /** How a session on the task ends: its agent stopped with the task's containers. */
  sessionEndReason: TASK_SESSION_END_REASON,
} as const;

/** The phases before the containers are down, which StopTask's own answer reports as RUNNING. */
const ANSWERED_RUNNING: ReadonlySet<string> = new Set(['DEACTIVATING', 'STOPPING']);

export const stopTask: Handler = (p, ctx) => {
  const cluster = requireCluster(ctx, p.optString('cluster'));
  const ref = p.string('task');
  const reason = p.optString('reason') ?? STOP_TASK.defaultReason;
  if (reason.length > STOP_TASK.maxReasonChars) throw invalidParameter('ecs', `Reason cannot be longer than ${STOP_TASK.maxReasonChars} characters.`);
  const task = cluster.tasksById.get(lastSegment(ref));
  if (!task) throw invalidParameter('ecs', 'The referenced task was not found.');
  const now = Date.now();
  // Stopping a task that is stopping or stopped changes nothing (ECS answers with the task as it is).
  if (task.stop !== undefined || task.spec.lastStatus === 'STOPPED') return { task: taskShape(ctx.region, task, now) };
  beginStop(ctx, task, { stoppedReason: reason, stopCode: 'UserInitiated' }, now);
  // A service's scheduler notices it is a task short and starts a replacement (service-scheduler.ts).
  const service = task.spec.service === undefined ? undefined : cluster.services.get(task.spec.service);
  if (service) reconcileService(ctx, cluster, service);
  const shape = taskShape(ctx.region, task, now);
  // ECS answers the StopTask that starts a stop with the task still RUNNING (desiredStatus STOPPED);
  // DescribeTasks says DEACTIVATING from this instant on. A stop with no time to take is STOPPED at once.
  return { task: ANSWERED_RUNNING.has(String(shape['lastStatus'])) ? { ...shape, lastStatus: 'RUNNING' } : shape };
};
