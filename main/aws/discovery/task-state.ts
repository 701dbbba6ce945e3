/**
 * One ECS task's state by DescribeTasks: whether it stopped (and ECS's reason), whether ECS no
 * longer knows it (a MISSING failure: stopped tasks are forgotten after a while), or how it is
 * otherwise. A forward's auto-restart asks this when its task stops answering: a stopped task
 * never runs again (its replacement has another id), so retrying it only waits for nothing.
 */
import { DescribeTasksCommand, type ECSClient } from '@aws-sdk/client-ecs';
import { AwsError } from '../errors.js';

/** A container of a task ECS is stopping, as DescribeTasks says it is now (the tree shows it). */
export interface EcsContainerState {
  readonly name: string;
  readonly lastStatus: string;
  /** managedAgents[ExecuteCommandAgent].lastStatus; null when ECS reports none. */
  readonly agentStatus: string | null;
  /** The container's exit code, once it exited and ECS reports one. */
  readonly exitCode?: number;
}

export type EcsTaskState =
  | { readonly state: 'stopped'; readonly stoppedReason: string | null; readonly containers?: readonly EcsContainerState[] }
  /**
   * StopTask was called (desiredStatus STOPPED) and ECS is still stopping it (SIGTERM grace,
   * deprovisioning): it never runs again either. `lastStatus` and `containers` say how far it got.
   */
  | { readonly state: 'stopping'; readonly stoppedReason: string | null; readonly lastStatus: string; readonly containers: readonly EcsContainerState[] }
  | { readonly state: 'missing' }
  | { readonly state: 'not-stopped'; readonly lastStatus: string };

/**
 * The task's state; an answer with neither the task nor MISSING (or a failed call) throws.
 * `signal` aborts the call (the SDK's abortSignal).
 */
export async function ecsTaskState(ecs: ECSClient, cluster: string, task: string, signal?: AbortSignal): Promise<EcsTaskState> {
  const out = await ecs.send(new DescribeTasksCommand({ cluster, tasks: [task] }), signal ? { abortSignal: signal } : {});
  const found = out.tasks?.[0];
  if (found !== undefined) {
    const reason = found.stoppedReason?.trim() || null;
    const containers = (): EcsContainerState[] =>
      (found.containers ?? []).map((c) => ({
        name: c.name ?? '',
        lastStatus: c.lastStatus ?? 'UNKNOWN',
        agentStatus: c.managedAgents?.find((a) => a.name === 'ExecuteCommandAgent')?.lastStatus ?? null,
        ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}),
      }));
    if (found.lastStatus === 'STOPPED') return { state: 'stopped', stoppedReason: reason, containers: containers() };
    // After StopTask, ECS says desiredStatus STOPPED at once and lastStatus STOPPED only once the
    // containers are down (the stop timeout, then deprovisioning): the task is already gone for good.
    if (found.desiredStatus === 'STOPPED') return { state: 'stopping', stoppedReason: reason, lastStatus: found.lastStatus ?? 'UNKNOWN', containers: containers() };
    return { state: 'not-stopped', lastStatus: found.lastStatus ?? 'UNKNOWN' };
  }
  if (out.failures?.some((f) => f.reason === 'MISSING')) return { state: 'missing' };
  const why = out.failures?.[0]?.reason;
  throw new AwsError({ code: 'unknown', sentence: `ECS DescribeTasks did not describe task ${task}${why ? ` (${why})` : ''}.`, nextStep: 'Refresh the tree to see the task as ECS lists it.' });
}
