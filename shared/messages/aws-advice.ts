// Advice that several places give about the same AWS situation (an error when opening a target,
// the diagnosis of it, a forward that stopped): said once here so the words never disagree, and
// fitted to the kind of target (an instance has no task role; a container has no instance profile).

export type AdviceTargetKind = 'instance' | 'ecs-container' | undefined;

/** How to get ECS Exec on a task started without it (it cannot be turned on for a running task). */
export const ENABLE_EXEC_COMMAND =
  'Enable it on the service with aws ecs update-service --enable-execute-command --force-new-deployment (this replaces the tasks), or run a new task with --enable-execute-command.';

/**
 * ENABLE_EXEC_COMMAND for one task, as the command to run with its own cluster (and service, when
 * a service started it): at 3 a.m. nobody should have to look up which flags and names go where.
 * ECS names are letters, digits, '-' and '_' only, so they need no quoting.
 */
export function enableExecCommand(cluster: string, service: string | null): string {
  return service !== null
    ? `Turn it on for the service, which replaces its tasks: aws ecs update-service --cluster ${cluster} --service ${service} --enable-execute-command --force-new-deployment`
    : `This task belongs to no service: start a new one with it on: aws ecs run-task --cluster ${cluster} --enable-execute-command (with the task's usual options).`;
}

/** What to do when Session Manager says the target is not connected (TargetNotConnected). */
export function notConnectedAdvice(kind: AdviceTargetKind): string {
  if (kind === 'instance') {
    return 'Run diagnostics: usually the SSM agent stopped or lost its path to ssmmessages (VPC endpoint or NAT), or the instance profile lacks the AmazonSSMManagedInstanceCore permissions. Restarting the SSM agent often helps.';
  }
  if (kind === 'ecs-container') {
    return 'Run diagnostics: usually the task role lacks ssmmessages permissions, the exec agent stopped, or a VPC endpoint for ssmmessages is missing. Starting a fresh task often helps.';
  }
  return 'Run diagnostics: for a container, usually the task role lacks ssmmessages permissions or the exec agent stopped; for an instance, the SSM agent stopped or lost its path to ssmmessages.';
}

/** What to do when the agent cannot run this kind of session (its plugin is missing). */
export function pluginMissingAdvice(kind: AdviceTargetKind): string {
  if (kind === 'instance') return 'Update the SSM agent on the instance; a full disk can also cause it.';
  if (kind === 'ecs-container') return 'Start a fresh task (it gets a current agent); a full /tmp or a changed image architecture can also cause it.';
  return 'Update the SSM agent (for containers: start a fresh task); a full /tmp or a changed image architecture can also cause it.';
}
