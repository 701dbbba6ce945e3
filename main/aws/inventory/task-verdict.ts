/**
 * What Porthole learned of one task's state outside a listing (a DescribeTasks made because a
 * session on it ended or a forward to it failed), applied to the task as the tree last listed it,
 * so the tree shows a stopped task as stopped without a refresh (and without calling AWS again).
 */
import type { EcsTaskState } from '../discovery/task-state.js';
import type { ContainerInfo, TaskInfo } from '../discovery/types.js';

const STOPPED = 'STOPPED';
/** ECS's lastStatus while a stopped task's containers go down (StopTask called, not yet STOPPED). */
const STOPPING = 'STOPPING';

function stoppedContainer(c: ContainerInfo): ContainerInfo {
  return { ...c, lastStatus: STOPPED, execAgent: c.execAgent === null ? null : { ...c.execAgent, status: STOPPED } };
}

/**
 * The task as the verdict says it is now; undefined when it says nothing new (a task still
 * running, or one already listed as it is). A task ECS no longer knows has stopped: it forgets
 * stopped tasks after a while. A stopping one keeps its containers as listed: ECS may still run
 * them through their stop timeout, and its next listing says when they stop.
 */
export function taskAfter(task: TaskInfo, state: EcsTaskState): TaskInfo | undefined {
  if (state.state === 'not-stopped') return undefined;
  if (state.state === 'stopping') {
    if (task.desiredStatus === STOPPED) return undefined;
    const lastStatus = task.lastStatus === STOPPED ? STOPPED : STOPPING;
    return { ...task, lastStatus, desiredStatus: STOPPED, stoppedReason: state.stoppedReason ?? task.stoppedReason };
  }
  if (task.lastStatus === STOPPED && task.containers.every((c) => c.lastStatus === STOPPED)) return undefined;
  const reason = state.state === 'stopped' ? (state.stoppedReason ?? task.stoppedReason) : task.stoppedReason;
  return { ...task, lastStatus: STOPPED, desiredStatus: STOPPED, stoppedReason: reason, containers: task.containers.map(stoppedContainer) };
}
