// A forward that follows its ECS service (spec.follow) starts each session on a task of that
// service that is there now: RUNNING and meant to stay so, its container of the same name running
// with ECS Exec on and its agent RUNNING (the one readiness rule the tree's badge uses). The
// cluster is listed again through the inventory (the tree learns of the replacement too); the task
// it had is kept while it is still ready, so a restart after a dropped session does not hop.
import type { EcsContainerRef, TargetLabel } from '../../../shared/contract/index.js';
import { execReadiness } from '../../../shared/exec-readiness.js';
import { shortTaskId } from '../../../shared/format/task-id.js';
import { arnTail, type TaskInfo } from '../../aws/discovery/types.js';
import type { Inventory } from '../../aws/inventory/inventory.js';

/** How a path reads between its parts, as the forward form writes a target's path. */
const PATH_SEPARATOR = ' › ';

/** The task a following forward starts on, and how its row names it. */
export interface FollowedTarget {
  readonly target: EcsContainerRef;
  readonly label: TargetLabel;
}

/**
 * How a following forward is named when no one task is meant: while it picks one, and in its saved
 * entry (the task it ran on last is not where it starts next time).
 */
export function serviceLabel(target: EcsContainerRef, service: string): TargetLabel {
  return { name: target.containerName, path: [arnTail(target.cluster), service].join(PATH_SEPARATOR) };
}

/** A ready target of `service` for `from`'s container in `task`, or undefined. */
function readyTarget(task: TaskInfo, from: EcsContainerRef, service: string): FollowedTarget | undefined {
  if (task.serviceName !== service || task.lastStatus !== 'RUNNING' || task.desiredStatus !== 'RUNNING') return undefined;
  const container = task.containers.find((c) => c.name === from.containerName);
  if (container === undefined || container.runtimeId === null) return undefined;
  const readiness = execReadiness({ containerStatus: container.lastStatus, execEnabled: task.execEnabled, taskDesiredStatus: task.desiredStatus, runtimeId: container.runtimeId, agentStatus: container.execAgent?.status ?? null });
  if (!readiness.ready) return undefined;
  return {
    target: { ...from, taskArn: task.arn, runtimeId: container.runtimeId },
    label: { name: container.name, path: [arnTail(task.clusterArn), service, shortTaskId(task.arn)].join(PATH_SEPARATOR) },
  };
}

/**
 * A ready task of `service` in `from`'s cluster for `from`'s container: `from`'s own task while
 * it is still ready, else the newest ready one (the listing puts the newest first); undefined when
 * none is. Throws what the listing threw (access denied, the network). `fresh`: the cluster is
 * listed anew (a listing that began before this call may predate the caller's news); otherwise a
 * listing of the cluster made moments ago will do (clusterTasksNow).
 */
export async function followServiceTarget(inventory: Pick<Inventory, 'clusterTasksNow'>, from: EcsContainerRef, service: string, fresh: boolean): Promise<FollowedTarget | undefined> {
  const tasks = await inventory.clusterTasksNow(from.profile, from.region, from.cluster, { fresh });
  const own = tasks.find((t) => t.arn === from.taskArn);
  const kept = own === undefined ? undefined : readyTarget(own, from, service);
  if (kept !== undefined) return kept;
  for (const task of tasks) {
    const found = readyTarget(task, from, service);
    if (found !== undefined) return found;
  }
  return undefined;
}
