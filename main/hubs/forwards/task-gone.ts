// A forward to an ECS task whose start fails because the target is not connected (or its session
// is refused) may be waiting on a task that stopped: such a task never runs again (its replacement
// has another id), yet SSM only says "not connected", which auto-restart would retry for
// RESTART_MAY_HEAL_GIVE_UP_MS. So ECS is asked (DescribeTasks): STOPPED, or no longer known, is a
// verdict to give up on at once with ECS's reason, and so is a task ECS is stopping (desiredStatus
// STOPPED). An answer that cannot be had (the network, access denied, no answer within
// TASK_STATE_TIMEOUT_MS) changes nothing: the failure is judged as before.
import { AwsError } from '../../aws/errors.js';
import type { EcsTaskState } from '../../aws/discovery/task-state.js';
import type { ForwardSpec, TargetGone } from '../../sessions/forwards/index.js';
import { PortSessionError } from '../../ssm/port/index.js';
import { taskStoppedText, taskStoppingText } from '../../../shared/messages/forwards.js';

/** DescribeTasks for a forward's task: its profile, region, cluster and task id; `signal` aborts it. */
export type TaskStateLookUp = (profile: string, region: string | undefined, cluster: string, task: string, signal: AbortSignal) => Promise<EcsTaskState>;

/**
 * How long auto-restart waits for DescribeTasks before judging the failure as if ECS could not be
 * asked. A healthy call answers in well under a second; the SDK's own retries on a network that
 * drops packets can take far longer, and a call that never answers would leave the forward
 * "restarting" with no next try at all. 15 s leaves a slow region and a few SDK retries room.
 */
export const TASK_STATE_TIMEOUT_MS = 15_000;

/** `work`, or a rejection once `signal` aborts (for a look-up that does not heed its signal). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Error('DescribeTasks timed out'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Failures a stopped task gives: SSM's "not connected", or a session whose agent never answered or closed it at once. */
function mayBeStoppedTask(error: unknown): boolean {
  if (error instanceof AwsError) return error.code === 'target-not-connected' || error.code === 'handshake-timeout';
  return error instanceof PortSessionError && (error.code === 'handshake-timeout' || error.code === 'closed-before-ready');
}

/** Gone for good, and why, when the failure may be a stopped task's and ECS says it is; undefined otherwise. */
export async function taskGone(error: unknown, spec: ForwardSpec, lookUp: TaskStateLookUp, timeoutMs: number = TASK_STATE_TIMEOUT_MS): Promise<TargetGone | undefined> {
  const target = spec.target;
  if (target.kind !== 'ecs' || spec.profile === undefined || !mayBeStoppedTask(error)) return undefined;
  let task: EcsTaskState;
  try {
    const signal = AbortSignal.timeout(timeoutMs);
    task = await untilAborted(lookUp(spec.profile, spec.region, target.cluster, target.taskId, signal), signal);
  } catch {
    // Failed or timed out: unknown, so the failure is judged as before.
    return undefined;
  }
  if (task.state === 'stopped') return { verdict: 'target-gone', reason: taskStoppedText(task.stoppedReason) };
  if (task.state === 'stopping') return { verdict: 'target-gone', reason: taskStoppingText(task.stoppedReason) };
  if (task.state === 'missing') return { verdict: 'target-gone', reason: taskStoppedText(null, true) };
  return undefined;
}
