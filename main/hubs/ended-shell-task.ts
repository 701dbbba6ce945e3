// A shell on an ECS container that ended by itself, or could not start, may have lost its task
// (StopTask, a deployment, a crash: the agent goes with it). One DescribeTasks for that task, made
// through AwsService.ecsTaskState, whose verdict the tree applies (Inventory.applyTaskState): a
// stopped task then shows stopped, and its containers offer no shell, without a refresh. One call
// per session end, never a poll; a failed or slow call changes nothing.
import type { ShellTarget } from '../../shared/contract/index.js';
import type { AwsService } from '../aws/aws-service.js';
import { TASK_STATE_TIMEOUT_MS } from './forwards/task-gone.js';

/** Asks ECS about the task of an ECS shell that ended (instances: nothing to ask); resolves when done, never rejects. */
export async function checkEndedShellTask(aws: Pick<AwsService, 'ecsTaskState'>, target: ShellTarget, timeoutMs: number = TASK_STATE_TIMEOUT_MS): Promise<void> {
  if (target.kind !== 'ecs-container') return;
  try {
    await aws.ecsTaskState(target.profile, target.region, target.cluster, target.taskArn, AbortSignal.timeout(timeoutMs));
  } catch {
    // Unknown: the tree stays as listed until the next refresh.
  }
}
