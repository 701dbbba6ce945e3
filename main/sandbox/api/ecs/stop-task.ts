/**
 * ECS StopTask, stopping the task as ECS does (world/task-stop.ts): the answer has desiredStatus
 * STOPPED and the task still RUNNING; DescribeTasks then shows it STOPPING while its containers
 * take SIGTERM (one that ignores it runs until its stop timeout, then is SIGKILLed), then
 * (awsvpc) DEPROVISIONING with the containers STOPPED and their exit codes, and STOPPED last, as
 * AWS reports a task a person stopped (stopCode UserInitiated, the given reason or "Task stopped
 * by user"). Each container's sessions end when that container exits, as their agent runs inside
 * it; new ones are refused from the moment the task leaves RUNNING.
 */
import { lastSegment } from '../../world/arns.js';
import type { TaskEntry } from '../../world/model.js';
import { planStop, type TaskStop } from '../../world/task-stop.js';
import type { RequestContext } from '../context.js';
import { invalidParameter } from '../errors.js';
import type { Handler } from '../handler.js';
import { ecsTargetKey, type ContainerEntry } from '../target-resolve.js';
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
function endSessions(ctx: RequestContext, task: TaskEntry, containers: readonly ContainerEntry[]): void {
  const targets = new Set(containers.map((c) => ecsTargetKey(task, c)));
  const { account, region } = ctx.region.scope;
  for (const s of ctx.deps.registry.list()) {
    if (s.region === region && s.account === account && targets.has(s.target)) ctx.deps.registry.terminate(s.sessionId, STOP_TASK.sessionEndReason);
  }
}

/**
 * Each container's sessions end when it exits: at once for a stop with no time to take, else on
 * the sandbox's stop timers (cleared when it closes). A container that ignores SIGTERM, and its
 * shell, run on until ECS SIGKILLs it at its stop timeout.
 */
function endSessionsAt(ctx: RequestContext, task: TaskEntry, stop: TaskStop, now: number): void {
  const byExit = new Map<number, ContainerEntry[]>();
  for (const c of task.containers) {
    const at = stop.containerExits.get(c.name)?.at ?? stop.executionStoppedAt;
    byExit.set(at, [...(byExit.get(at) ?? []), c]);
  }
  for (const [at, containers] of byExit) {
    if (at <= now) endSessions(ctx, task, containers);
    else ctx.deps.taskStopTimers.after(at - now, () => endSessions(ctx, task, containers));
  }
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
  const def = ctx.region.taskDefinition(task.spec.taskDefinition);
  const containers = task.containers.map((c) => {
    const declared = def?.containers.find((d) => d.name === c.name);
    const stopTimeout = declared?.stopTimeout;
    return { name: c.name, honoursSigterm: declared?.initProcessEnabled ?? true, ...(stopTimeout === undefined ? {} : { stopTimeoutMs: stopTimeout * 1000 }) };
  });
  const stop = planStop(now, { ...ctx.deps.taskStopping }, def?.networkMode === 'awsvpc', { stoppedReason: reason, stopCode: 'UserInitiated' }, containers);
  task.requestStop(stop);
  endSessionsAt(ctx, task, stop, now);
  const shape = taskShape(ctx.region, task, now);
  // ECS answers the StopTask that starts a stop with the task still RUNNING (desiredStatus STOPPED);
  // DescribeTasks says STOPPING from this instant on. A stop with no time to take is STOPPED at once.
  return { task: shape['lastStatus'] === 'STOPPING' ? { ...shape, lastStatus: 'RUNNING' } : shape };
};
