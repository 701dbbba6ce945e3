// A shell on an ECS container that ended by itself, or could not start, may have lost its task
// (StopTask, a deployment, a crash: the agent goes with it). One DescribeTasks for that task, made
// through AwsService.ecsTaskState, whose verdict the tree applies (Inventory.applyTaskState): a
// stopped task then shows stopped, and its containers offer no shell, without a refresh. The
// answer also says why the shell's tab ended: a task ECS stopped or is stopping (its reason and
// the container's exit code) comes back as a SessionTaskEnd. One call per session end, never a
// poll; a failed or slow call changes nothing.
import type { SessionTaskEnd, ShellTarget } from '../../shared/contract/index.js';
import type { AwsService } from '../aws/aws-service.js';
import type { EcsTaskState } from '../aws/discovery/task-state.js';
import { TASK_STATE_TIMEOUT_MS } from './forwards/task-gone.js';

/** What the tab of a shell on `container` says of its task: null while the task runs, or is unknown. */
export function taskEndOf(state: EcsTaskState, container: string): SessionTaskEnd | null {
  if (state.state !== 'stopped' && state.state !== 'stopping') return null;
  const exitCode = state.containers?.find((c) => c.name === container)?.exitCode;
  return {
    state: state.state,
    ...(state.stoppedReason !== null ? { stoppedReason: state.stoppedReason } : {}),
    ...(exitCode !== undefined ? { exitCode } : {}),
  };
}

/**
 * Asks ECS about the task of an ECS shell that ended (instances: nothing to ask); resolves with
 * how the task ended, or null (still running, unknown, not ECS). Never rejects.
 */
export async function checkEndedShellTask(aws: Pick<AwsService, 'ecsTaskState'>, target: ShellTarget, timeoutMs: number = TASK_STATE_TIMEOUT_MS): Promise<SessionTaskEnd | null> {
  if (target.kind !== 'ecs-container') return null;
  try {
    return taskEndOf(await aws.ecsTaskState(target.profile, target.region, target.cluster, target.taskArn, AbortSignal.timeout(timeoutMs)), target.containerName);
  } catch {
    // Unknown: the tree stays as listed until the next refresh, the tab as it ended.
    return null;
  }
}
