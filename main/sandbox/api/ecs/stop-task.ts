/**
 * ECS StopTask: the task is STOPPED at once (real ECS passes through STOPPING while its containers
 * exit; the sandbox has no containers to wait for), DescribeTasks then reports it as AWS does a
 * task a person stopped (stopCode UserInitiated, the given reason or "Task stopped by user"), and
 * every session open on it ends, as its agent goes with the task.
 */
import { lastSegment } from '../../world/arns.js';
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
  /** How a session on the task ends: its agent stopped with the task. */
  sessionEndReason: 'The task stopped.',
} as const;

export const stopTask: Handler = (p, ctx) => {
  const cluster = requireCluster(ctx, p.optString('cluster'));
  const ref = p.string('task');
  const reason = p.optString('reason') ?? STOP_TASK.defaultReason;
  if (reason.length > STOP_TASK.maxReasonChars) throw invalidParameter('ecs', `Reason cannot be longer than ${STOP_TASK.maxReasonChars} characters.`);
  const task = cluster.tasksById.get(lastSegment(ref));
  if (!task) throw invalidParameter('ecs', 'The referenced task was not found.');
  // Stopping a stopped task changes nothing (ECS answers with the task as it is).
  if (task.spec.lastStatus !== 'STOPPED') {
    task.stop({ stoppedReason: reason, stopCode: 'UserInitiated', stoppedAt: new Date().toISOString() });
    // Its containers' sessions in this region: a task of the same cluster name and id elsewhere runs on.
    const targets = new Set(task.containers.map((c) => ecsTargetKey(task, c)));
    const region = ctx.region.scope.region;
    for (const s of ctx.deps.registry.list()) {
      if (s.region === region && targets.has(s.target)) ctx.deps.registry.terminate(s.sessionId, STOP_TASK.sessionEndReason);
    }
  }
  return { task: taskShape(ctx.region, task) };
};
