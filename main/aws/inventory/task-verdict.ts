/**
 * What Porthole learned of one task's state outside a listing (a DescribeTasks made because a
 * session on it ended or a forward to it failed), applied to the task as the tree last listed it,
 * so the tree shows a stopped task as stopped without a refresh (and without calling AWS again).
 */
import type { EcsContainerState, EcsTaskState } from '../discovery/task-state.js';
import type { ContainerInfo, TaskInfo } from '../discovery/types.js';

const STOPPED = 'STOPPED';

function stoppedContainer(c: ContainerInfo): ContainerInfo {
  return { ...c, lastStatus: STOPPED, execAgent: c.execAgent === null ? null : { ...c.execAgent, status: STOPPED } };
}

/** A container as a stopping task's DescribeTasks reports it (as listed when it does not name it). */
function containerNow(c: ContainerInfo, now: readonly EcsContainerState[]): ContainerInfo {
  const seen = now.find((x) => x.name === c.name);
  if (seen === undefined) return c;
  const agent = c.execAgent === null || seen.agentStatus === null ? c.execAgent : { ...c.execAgent, status: seen.agentStatus };
  return { ...c, lastStatus: seen.lastStatus, execAgent: agent };
}

const sameTask = (a: TaskInfo, b: TaskInfo): boolean =>
  a.lastStatus === b.lastStatus && a.desiredStatus === b.desiredStatus && a.containers.every((c, i) => c.lastStatus === b.containers[i]?.lastStatus && c.execAgent?.status === b.containers[i]?.execAgent?.status);

/**
 * The task as the verdict says it is now; undefined when it says nothing new (a task still
 * running, or one already listed as it is). A task ECS no longer knows has stopped: it forgets
 * stopped tasks after a while. A stopping one is as ECS reports it: its containers may still run
 * through their stop timeout, or be down while ECS deprovisions the task.
 */
export function taskAfter(task: TaskInfo, state: EcsTaskState): TaskInfo | undefined {
  if (state.state === 'not-stopped') return undefined;
  let next: TaskInfo;
  if (state.state === 'stopping') {
    next = { ...task, lastStatus: state.lastStatus, desiredStatus: STOPPED, stoppedReason: state.stoppedReason ?? task.stoppedReason, containers: task.containers.map((c) => containerNow(c, state.containers)) };
  } else {
    const reason = state.state === 'stopped' ? (state.stoppedReason ?? task.stoppedReason) : task.stoppedReason;
    next = { ...task, lastStatus: STOPPED, desiredStatus: STOPPED, stoppedReason: reason, containers: task.containers.map(stoppedContainer) };
  }
  return sameTask(task, next) ? undefined : next;
}

/**
 * Whether ECS counts the task in its service's runningCount and its cluster's runningTasksCount:
 * those count tasks whose lastStatus is RUNNING (ECS API reference, Service.runningCount and
 * Cluster.runningTasksCount), so a task ECS is stopping (STOPPING, DEACTIVATING, DEPROVISIONING)
 * is out of them from its first step.
 */
export function countedRunning(task: Pick<TaskInfo, 'lastStatus'>): boolean {
  return task.lastStatus === 'RUNNING';
}
