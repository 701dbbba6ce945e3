/**
 * Session targets: an instance id or `ecs:<cluster>_<taskId>_<runtimeId>` resolved against the
 * world, with the readiness checks that make real ECS Exec / StartSession refuse a target. A key
 * names no region: it is resolved in the request's own region only, as StartSession is a regional
 * call (a target of another region is not connected here: TargetNotConnected, what AWS answers a
 * StartSession sent to the wrong region).
 */
import { roleAllows } from '../world/iam.js';
import type { TaskEntry } from '../world/model.js';
import type { InstanceSpec } from '../world/schema.js';
import type { TargetInfo } from '../targets/target-hub.js';
import type { RequestContext } from './context.js';
import { resolveKey } from './kms/resolve-key.js';

export const DEFAULT_CONTAINER_AGENT_VERSION = '3.3.987.0';

/** ECS's wording when exec is off, the managed agent is not RUNNING or the task is not running. */
export const EXEC_NOT_ENABLED_MESSAGE =
  "The execute command failed because execute command was not enabled when the task was run or the execute command agent isn't running. Wait and try again or run a new task with execute command enabled and try again.";

/** ECS's wording for TargetNotConnectedException (the agent never registered with SSM). */
export const EXEC_INTERNAL_ERROR_MESSAGE = 'The execute command failed due to an internal error. Try again later.';

export type ContainerEntry = TaskEntry['containers'][number];

export interface SessionTarget {
  readonly info: TargetInfo;
  readonly agentVersion: string;
  /** KMS key ARN when the target's sessions must be encrypted. */
  readonly kmsKeyArn?: string;
}

/** What the exec agent calls with the task role's credentials to open its channels. */
export const EXEC_AGENT_ACTIONS = ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'] as const;

/** Why a container cannot take a session: `disabled` (InvalidParameter) or `unreachable` (TargetNotConnected). */
export function containerBlocker(task: TaskEntry, container: ContainerEntry, ctx: RequestContext): 'disabled' | 'unreachable' | undefined {
  if (task.spec.lastStatus !== 'RUNNING' || !task.spec.enableExecuteCommand || container.agent !== 'RUNNING') return 'disabled';
  const taskDef = ctx.region.taskDefinition(task.spec.taskDefinition);
  // The SSM agent cannot create its state directories on a read-only root file system.
  if (taskDef?.containers.find((d) => d.name === container.name)?.readonlyRootFilesystem) return 'unreachable';
  // A declared task role that lacks an ssmmessages action leaves the agent unable to open channels.
  const role = taskDef?.taskRoleArn;
  if (role && EXEC_AGENT_ACTIONS.some((a) => roleAllows(ctx.deps.world, role, a) === false)) return 'unreachable';
  return undefined;
}

export function ecsTargetKey(task: TaskEntry, container: ContainerEntry): string {
  return `ecs:${task.cluster.spec.name}_${task.spec.id}_${container.runtimeId}`;
}

/** The account and region a target is resolved in: target keys name neither (TargetInfo.scope). */
function scopeOf(ctx: RequestContext): string {
  return `${ctx.region.scope.account}/${ctx.region.scope.region}`;
}

export function containerTarget(ctx: RequestContext, task: TaskEntry, container: ContainerEntry): SessionTarget {
  const keyRef = task.cluster.spec.execKmsKeyId;
  const key = keyRef ? resolveKey(ctx.region, keyRef) : undefined;
  return {
    info: { key: ecsTargetKey(task, container), scope: scopeOf(ctx), label: `${container.name}/${task.spec.id}`, ports: container.ports, aliases: [] },
    agentVersion: container.agentVersion ?? DEFAULT_CONTAINER_AGENT_VERSION,
    ...(key ? { kmsKeyArn: key.arn } : {}),
  };
}

export function instanceTarget(ctx: RequestContext, inst: InstanceSpec): SessionTarget {
  const key = inst.kmsKeyId ? resolveKey(ctx.region, inst.kmsKeyId) : undefined;
  const aliases = [inst.privateIpAddress, ...(inst.computerName ? [inst.computerName] : [])];
  return {
    info: { key: inst.id, scope: scopeOf(ctx), label: inst.name ?? inst.id, ports: inst.ports, aliases },
    agentVersion: inst.agentVersion,
    ...(key ? { kmsKeyArn: key.arn } : {}),
  };
}

/** Parses `ecs:<cluster>_<taskId>_<runtimeId>`; cluster names may contain `_`, ids never do. */
export function findEcsTarget(ctx: RequestContext, target: string): { task: TaskEntry; container: ContainerEntry } | undefined {
  const body = target.slice('ecs:'.length);
  const last = body.lastIndexOf('_');
  const mid = body.lastIndexOf('_', last - 1);
  if (last < 0 || mid < 0) return undefined;
  const task = ctx.region.cluster(body.slice(0, mid))?.tasksById.get(body.slice(mid + 1, last));
  const container = task?.containers.find((c) => c.runtimeId === body.slice(last + 1));
  return task && container ? { task, container } : undefined;
}
