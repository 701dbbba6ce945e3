/**
 * Starting one task's stop, whoever asks for it (StopTask, the service scheduler scaling in): the
 * stop is planned from the task's container definitions (world/task-stop.ts), and each
 * container's sessions end when that container exits, as their agent runs inside it.
 */
import type { TaskEntry } from '../../world/model.js';
import { planStop, type TaskStop } from '../../world/task-stop.js';
import type { RequestContext } from '../context.js';

/** What stopping a task needs: the sandbox's parts and the task's region (a request's, or the one an admin call names). */
export type TaskScope = Pick<RequestContext, 'deps' | 'region'>;
import { ecsTargetKey, type ContainerEntry } from '../target-resolve.js';

/** How a session on a stopped task ends: its agent stopped with the task's containers. */
export const TASK_SESSION_END_REASON = 'The task stopped.';

/**
 * Ends the sessions on the task's containers in this account and region: a task of the same
 * cluster name and id in another region, or in another account, runs on.
 */
function endSessions(ctx: TaskScope, task: TaskEntry, containers: readonly ContainerEntry[]): void {
  const targets = new Set(containers.map((c) => ecsTargetKey(task, c)));
  const { account, region } = ctx.region.scope;
  for (const s of ctx.deps.registry.list()) {
    if (s.region === region && s.account === account && targets.has(s.target)) ctx.deps.registry.terminate(s.sessionId, TASK_SESSION_END_REASON);
  }
}

/**
 * Each container's sessions end when it exits: at once for a stop with no time to take, else on
 * the sandbox's stop timers (cleared when it closes). A container that ignores SIGTERM, and its
 * shell, run on until ECS SIGKILLs it at its stop timeout.
 */
function endSessionsAt(ctx: TaskScope, task: TaskEntry, stop: TaskStop, now: number): void {
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

/** A container that exited by itself, with its exit code, when that is why the task stops. */
export interface ExitedContainer {
  readonly name: string;
  readonly exitCode: number;
}

/** Starts stopping `task` at `now` for `why` (the caller checked it is neither stopping nor stopped). */
export function beginStop(ctx: TaskScope, task: TaskEntry, why: Pick<TaskStop, 'stoppedReason' | 'stopCode'>, now: number, exited?: ExitedContainer): void {
  const def = ctx.region.taskDefinition(task.spec.taskDefinition);
  const containers = task.containers.map((c) => {
    const declared = def?.containers.find((d) => d.name === c.name);
    const stopTimeout = declared?.stopTimeout;
    return {
      name: c.name,
      honoursSigterm: declared?.initProcessEnabled ?? true,
      ...(stopTimeout === undefined ? {} : { stopTimeoutMs: stopTimeout * 1000 }),
      ...(exited?.name === c.name ? { exited: { at: now, exitCode: exited.exitCode } } : {}),
    };
  });
  const stop = planStop(now, { ...ctx.deps.taskStopping }, def?.networkMode === 'awsvpc', why, containers);
  task.requestStop(stop);
  endSessionsAt(ctx, task, stop, now);
}

/** Whether ECS still means the task to run: neither stopping nor stopped (desiredStatus RUNNING). */
export function meantToRun(task: TaskEntry): boolean {
  return task.stop === undefined && task.declared.lastStatus !== 'STOPPED' && task.declared.desiredStatus !== 'STOPPED';
}
