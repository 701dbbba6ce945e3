/**
 * Why an ECS container will not open: the ECS Exec checklist (research/peers.md §5.1) as pure rules
 * over described data. Each check says what was found and what to do; unreadable data is a warning.
 */
import { execReadiness, type ExecReadiness } from '../../../shared/exec-readiness.js';
import { enableExecCommand } from '../../../shared/messages/aws-advice.js';
import { AWS_MINIMUMS, MANAGED_AGENT_WRITABLE_PATHS, SSM_MESSAGES_ACTIONS } from '../constants.js';
import { arnTail, type TaskInfo } from '../discovery/types.js';
import { fail, ok, unreadable, warn, type Check, type ContainerDefinitionFacts, type EcsFacts, type TaskDefinitionFacts } from './types.js';
import { atLeast } from './version.js';

const STARTING = ['PROVISIONING', 'PENDING', 'ACTIVATING'];
/** Container environment variables that make the managed agent use keys instead of the task role. */
const OVERRIDING_ENV = ['AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'];

/** The call that failed when the user opened the target (ExecuteCommand, StartSession), first. */
export function lastErrorCheck(facts: { lastError?: EcsFacts['lastError'] }): Check[] {
  const e = facts.lastError;
  if (!e) return [];
  const op = e.details?.operation;
  return [fail('last-error', op ? `${op} (the call that failed)` : 'The error you saw', e.message, e.nextStep)];
}

export function identityCheck(identity: EcsFacts['identity']): Check {
  return identity.ok
    ? ok('credentials', 'Credentials', `Signed in as ${identity.value}.`)
    : fail('credentials', 'Credentials', identity.error.message, identity.error.nextStep);
}

function taskStatus(t: TaskInfo): Check {
  const title = 'Task running';
  if (t.lastStatus === 'RUNNING') return ok('task-running', title, 'The task is RUNNING.');
  if (STARTING.includes(t.lastStatus)) return warn('task-running', title, `The task is still starting (${t.lastStatus}).`, 'Wait until it is RUNNING, then try again.');
  const why = t.stoppedReason ? ` Reason: ${t.stoppedReason}` : '';
  return fail('task-running', title, `The task is ${t.lastStatus}; only running tasks accept sessions.${why}`, 'Open a running task of the same service, or start a new task.');
}

function platform(t: TaskInfo, facts: EcsFacts): Check {
  if (t.launchType === 'FARGATE') {
    const title = 'Fargate platform version';
    const windows = (t.platformFamily ?? '').toUpperCase().startsWith('WINDOWS');
    const min = windows ? AWS_MINIMUMS.FARGATE_WINDOWS_PLATFORM : AWS_MINIMUMS.FARGATE_LINUX_PLATFORM;
    const pv = t.platformVersion ?? 'LATEST';
    return atLeast(pv, min)
      ? ok('platform-version', title, `Platform version ${pv} supports ECS Exec.`)
      : fail('platform-version', title, `Platform version ${pv} is older than ${min}, the first that supports ECS Exec.`, `Update the service to platform version ${min} or LATEST and redeploy.`);
  }
  const title = 'ECS agent version';
  const v = facts.ecsAgentVersion;
  if (!v) return warn('ecs-agent-version', title, 'The container instance of this task is not known, so its ECS agent version could not be read.', `Make sure the host runs ECS agent ${AWS_MINIMUMS.ECS_AGENT} or newer.`);
  if (!v.ok) return unreadable('ecs-agent-version', title, v.error);
  if (v.value === null) return warn('ecs-agent-version', title, 'The host did not report its ECS agent version.', `Make sure the host runs ECS agent ${AWS_MINIMUMS.ECS_AGENT} or newer.`);
  return atLeast(v.value, AWS_MINIMUMS.ECS_AGENT)
    ? ok('ecs-agent-version', title, `ECS agent ${v.value} supports ECS Exec.`)
    : fail('ecs-agent-version', title, `ECS agent ${v.value} is older than ${AWS_MINIMUMS.ECS_AGENT}.`, 'Update the ECS agent (or move to a current ECS-optimized AMI) and start a new task.');
}

/**
 * The container's exec readiness, decided by the same function as the tree's badge and menu:
 * whether it runs (with a runtime id), then what its exec agent says.
 */
function containerChecks(t: TaskInfo, name: string): Check[] {
  const c = t.containers.find((x) => x.name === name);
  if (!c) return [fail('container', 'Container', `The task has no container named "${name}".`, 'Refresh the tree and pick a container of this task.')];
  const facts = { containerStatus: c.lastStatus, execEnabled: t.execEnabled, runtimeId: c.runtimeId, agentStatus: c.execAgent?.status ?? null, agentReason: c.execAgent?.reason ?? null };
  const r = execReadiness(facts);
  // Started without exec: the same task-specific command as the "Execute command enabled" check.
  // Otherwise the step as said inside a diagnosis (no "Run Diagnose…": this is Diagnose).
  const nextStep = (x: ExecReadiness): string => (x.state === 'not-enabled' ? enableExecCommand(arnTail(t.clusterArn), t.serviceName) : x.nextStepInDiagnosis);
  const asCheck = (id: string, title: string, x: ExecReadiness): Check => (x.ready ? ok(id, title, x.reason) : (x.tone === 'warn' ? warn : fail)(id, title, x.reason, nextStep(x)));
  const notRunning = r.state === 'not-running' || r.state === 'no-runtime-id';
  const running = notRunning ? asCheck('container-running', 'Container running', r) : ok('container-running', 'Container running', `Container "${name}" is RUNNING.`);
  // The agent on its own, as if the container ran: a stopped container's agent still tells why.
  const agent = notRunning ? execReadiness({ ...facts, containerStatus: 'RUNNING', runtimeId: c.runtimeId ?? 'unknown' }) : r;
  return [running, asCheck('exec-agent', 'Exec agent', agent)];
}

function definitionChecks(t: TaskInfo, def: TaskDefinitionFacts, name: string): Check[] {
  const out: Check[] = [];
  const c: ContainerDefinitionFacts | undefined = def.containers.find((x) => x.name === name);
  if (c) {
    const missing = MANAGED_AGENT_WRITABLE_PATHS.filter((p) => !c.writableMounts.includes(p));
    if (!c.readonlyRootFilesystem) out.push(ok('readonly-root-fs', 'Root filesystem', 'The root filesystem is writable.'));
    else if (missing.length === 0) out.push(ok('readonly-root-fs', 'Root filesystem', 'Read-only, with writable volumes where the exec agent needs them.'));
    else out.push(fail('readonly-root-fs', 'Root filesystem', 'The container has a read-only root filesystem, so the exec agent cannot create its files and never connects.', `Mount writable volumes at ${missing.join(', ')}, or turn off readonlyRootFilesystem, then start a new task.`));
    if (!c.initProcessEnabled) out.push(warn('init-process', 'Init process', 'initProcessEnabled is off: processes left by exec sessions can linger as zombies.', 'Set linuxParameters.initProcessEnabled = true in the task definition.'));
    const keys = c.environmentNames.filter((n) => OVERRIDING_ENV.includes(n));
    if (keys.length > 0) out.push(warn('container-env-credentials', 'Container credentials', `The container sets ${keys.join(', ')}, which the exec agent uses instead of the task role.`, 'Remove those variables or give those keys the ssmmessages permissions.'));
  }
  const fargate = t.launchType === 'FARGATE';
  out.push(def.taskRoleArn
    ? ok('task-role', 'Task role', `Task role ${def.taskRoleArn}; it needs ssmmessages:CreateControlChannel, CreateDataChannel, OpenControlChannel and OpenDataChannel.`)
    : fargate
      ? fail('task-role', 'Task role', 'The task has no task role, and Fargate tasks cannot use any other role for ECS Exec.', 'Add a task role allowing the four ssmmessages actions, then start a new task.')
      : warn('task-role', 'Task role', 'The task has no task role; the exec agent falls back to the instance role.', 'Make sure the instance role allows the four ssmmessages actions, or add a task role.'));
  if (def.pidMode === 'task') out.push(warn('pid-mode', 'PID mode', 'pidMode is "task": only one container of the task can be exec\u2019d into.', 'Use the default PID mode if you need exec in several containers.'));
  return out;
}

function rolePermissions(facts: EcsFacts): Check[] {
  const r = facts.rolePermissions;
  const title = 'Task role permissions';
  if (!r) return [];
  if (!r.ok) return [warn('task-role-permissions', title, `Could not check the task role's permissions: ${r.error.message}`, `Make sure the task role allows ${SSM_MESSAGES_ACTIONS.join(', ')}.`)];
  if (r.value.denied.length === 0) return [ok('task-role-permissions', title, 'The task role is allowed the four ssmmessages actions ECS Exec needs (policy conditions are not simulated).')];
  return [fail('task-role-permissions', title, `The task role may not call ${r.value.denied.join(', ')}, so the exec agent cannot open its channels (TargetNotConnectedException).`, `Allow ${r.value.denied.join(', ')} in a policy on ${r.value.roleArn}, then start a new task.`)];
}

function clusterChecks(facts: EcsFacts): Check[] {
  const c = facts.cluster;
  if (!c.ok) return [unreadable('kms-encryption', 'Session encryption', c.error)];
  if (!c.value?.execKmsKeyId) return [ok('kms-encryption', 'Session encryption', 'No KMS key is configured for exec sessions.')];
  return [ok('kms-encryption', 'Session encryption', `Sessions are encrypted with KMS key ${c.value.execKmsKeyId}; your identity needs kms:GenerateDataKey on it (otherwise the handshake times out).`)];
}

export function ecsChecks(facts: EcsFacts): Check[] {
  const out: Check[] = [...lastErrorCheck(facts), identityCheck(facts.identity)];
  if (!facts.task.ok) return [...out, unreadable('task-running', 'Task running', facts.task.error)];
  const t = facts.task.value;
  if (!t) return [...out, fail('task-running', 'Task running', 'ECS does not know this task any more (stopped tasks are kept about an hour).', 'Refresh the tree and open a current task.')];
  out.push(taskStatus(t));
  out.push(t.execEnabled ? ok('exec-enabled', 'Execute command enabled', 'The task was started with execute command enabled.') : fail('exec-enabled', 'Execute command enabled', 'The task was started without execute command; it cannot be turned on for a running task.', enableExecCommand(arnTail(t.clusterArn), t.serviceName)));
  out.push(platform(t, facts));
  out.push(...containerChecks(t, facts.containerName));
  const def = facts.taskDefinition;
  if (def && !def.ok) out.push(unreadable('task-definition', 'Task definition', def.error));
  if (def?.ok) out.push(...definitionChecks(t, def.value, facts.containerName));
  out.push(...rolePermissions(facts));
  out.push(...clusterChecks(facts));
  return out;
}
