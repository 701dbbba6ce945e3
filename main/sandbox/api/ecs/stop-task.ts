/**
 * ECS StopTask, stopping the task as ECS does (world/task-stop.ts): the answer has desiredStatus
 * STOPPED and the task still RUNNING; DescribeTasks then shows it STOPPING while its containers
 * take SIGTERM, then (awsvpc) DEPROVISIONING with the containers STOPPED and their exit codes, and
 * STOPPED last, as AWS reports a task a person stopped (stopCode UserInitiated, the given reason
 * or "Task stopped by user"). Its containers' sessions end when the containers do, as their
 * agents run inside them; new ones are refused from the moment it leaves RUNNING.
 */
import { lastSegment } from '../../world/arns.js';
import type { TaskEntry } from '../../world/model.js';
import { planStop, type TaskStopTimings } from '../../world/task-stop.js';
import type { RequestContext } from '../context.js';
import { invalidParameter } from '../errors.js';
import type { Handler } from '../handler.js';
import { ecsTargetKey } from '../target-resolve.js';
import { requireCluster } from './clusters.js';
import { taskShape } from './shapes.js';

export const STOP_TASK = {
  /** ECS's stoppedReason when StopTask is given none. */
  defaultReason: 'Task stopped by user',
  /** StopTask's `reason` holds up to this many characters (ECS API reference). */
  maxReasonChars: 255,
  /** How a session on the task ends: its agent stopped with the task's containers. */
  sessionEndReason: 'The task stopped.',
} as const;

/**
 * Ends the sessions on the task's containers in this account and region: a task of the same
 * cluster name and id in another region, or in another account, runs on.
 */
function endSessions(ctx: RequestContext, task: TaskEntry): void {
  const targets = new Set(task.containers.map((c) => ecsTargetKey(task, c)));
  const { account, region } = ctx.region.scope;
  for (const s of ctx.deps.registry.list()) {
    if (s.region === region && s.account === account && targets.has(s.target)) ctx.deps.registry.terminate(s.sessionId, STOP_TASK.sessionEndReason);
  }
}

/** When the containers are down: now for a stop with no SIGTERM time, else on the sandbox's stop timers (cleared when it closes). */
function endSessionsAt(ctx: RequestContext, task: TaskEntry, timings: TaskStopTimings): void {
  if (timings.containersExitMs <= 0) return endSessions(ctx, task);
  ctx.deps.taskStopTimers.after(timings.containersExitMs, () => endSessions(ctx, task));
}

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
  const timings = { ...ctx.deps.taskStopping };
  const awsvpc = ctx.region.taskDefinition(task.spec.taskDefinition)?.networkMode === 'awsvpc';
  task.requestStop(planStop(now, timings, awsvpc, { stoppedReason: reason, stopCode: 'UserInitiated' }));
  endSessionsAt(ctx, task, timings);
  const shape = taskShape(ctx.region, task, now);
  // ECS answers the StopTask that starts a stop with the task still RUNNING (desiredStatus STOPPED);
  // DescribeTasks says STOPPING from this instant on. A stop with no time to take is STOPPED at once.
  return { task: shape['lastStatus'] === 'STOPPING' ? { ...shape, lastStatus: 'RUNNING' } : shape };
};
