// Turns a `porthole cp` remote operand into the shell target the launcher takes: an instance as
// it is; a container after DescribeTasks (its ARN, and its container when the task has one only).
import { DescribeTasksCommand } from '@aws-sdk/client-ecs';
import type { ShellTarget } from '../../../shared/contract/index.js';
import type { AwsService } from '../../aws/aws-service.js';
import { CliError } from '../io.js';
import type { CpOperand } from './cp-spec.js';

export async function resolveTarget(aws: AwsService, profile: string, region: string | undefined, op: Exclude<CpOperand, { kind: 'local' }>): Promise<ShellTarget> {
  const session = await aws.workspace.open(profile);
  const r = session.region(region);
  if (op.kind === 'instance') return { kind: 'instance', profile, region: r, instanceId: op.instanceId };
  const out = await session.ecs(r).send(new DescribeTasksCommand({ cluster: op.cluster, tasks: [op.task] }));
  const task = out.tasks?.[0];
  if (!task?.taskArn) throw new CliError(`task ${op.task} was not found in cluster ${op.cluster} (${profile}, ${r})`, 1);
  const containers = task.containers ?? [];
  const names = containers.map((c) => c.name ?? '').filter(Boolean);
  const name = op.container ?? (names.length === 1 ? names[0] : undefined);
  if (name === undefined) throw new CliError(`task ${op.task} has ${names.length} containers (${names.join(', ')}): name one, as ecs:${op.cluster}/${op.task}/CONTAINER:/path`);
  const container = containers.find((c) => c.name === name);
  if (!container) throw new CliError(`task ${op.task} has no container "${name}" (it has ${names.join(', ')})`, 1);
  if (!container.runtimeId) throw new CliError(`container "${name}" has not started yet (it has no runtime id)`, 1);
  return { kind: 'ecs-container', profile, region: r, cluster: op.cluster, taskArn: task.taskArn, containerName: name, runtimeId: container.runtimeId };
}
