// A forward to an ECS task whose start fails because the target is not connected (or its session
// is refused) may be waiting on a task that stopped: such a task never runs again (its replacement
// has another id), yet SSM only says "not connected", which auto-restart would retry for
// RESTART_MAY_HEAL_GIVE_UP_MS. So ECS is asked (DescribeTasks): STOPPED, or no longer known, is a
// verdict to give up on at once with ECS's reason. An answer that cannot be had (the network,
// access denied) changes nothing: the failure is judged as before.
import { AwsError } from '../../aws/errors.js';
import type { EcsTaskState } from '../../aws/discovery/task-state.js';
import type { ForwardSpec, TargetGone } from '../../sessions/forwards/index.js';
import { PortSessionError } from '../../ssm/port/index.js';
import { taskStoppedText } from '../../../shared/messages/forwards.js';

/** DescribeTasks for a forward's task: its profile, region, cluster and task id. */
export type TaskStateLookUp = (profile: string, region: string | undefined, cluster: string, task: string) => Promise<EcsTaskState>;

/** Failures a stopped task gives: SSM's "not connected", or a session whose agent never answered or closed it at once. */
function mayBeStoppedTask(error: unknown): boolean {
  if (error instanceof AwsError) return error.code === 'target-not-connected' || error.code === 'handshake-timeout';
  return error instanceof PortSessionError && (error.code === 'handshake-timeout' || error.code === 'closed-before-ready');
}

/** Gone for good, and why, when the failure may be a stopped task's and ECS says it is; undefined otherwise. */
export async function taskGone(error: unknown, spec: ForwardSpec, lookUp: TaskStateLookUp): Promise<TargetGone | undefined> {
  const target = spec.target;
  if (target.kind !== 'ecs' || spec.profile === undefined || !mayBeStoppedTask(error)) return undefined;
  let task: EcsTaskState;
  try {
    task = await lookUp(spec.profile, spec.region, target.cluster, target.taskId);
  } catch {
    return undefined;
  }
  if (task.state === 'stopped') return { verdict: 'target-gone', reason: taskStoppedText(task.stoppedReason) };
  if (task.state === 'missing') return { verdict: 'target-gone', reason: taskStoppedText(null, true) };
  return undefined;
}
