/**
 * Session launch: ECS ExecuteCommand for container shells, SSM StartSession for instance shells
 * and for the port documents (to instances and to containers through the `ecs:` target), plus
 * the ResumeSession / TerminateSession calls and the KMS client the engine uses for the same profile.
 */
import { DescribeTasksCommand, ExecuteCommandCommand } from '@aws-sdk/client-ecs';
import { StartSessionCommand, TerminateSessionCommand } from '@aws-sdk/client-ssm';
import type { KMSClient } from '@aws-sdk/client-kms';
import { ssmResumeSession } from '../../ssm/connection/resume-ssm.js';
import { AWS_LIMITS } from '../constants.js';
import { arnTail } from '../discovery/types.js';
import { AwsError } from '../errors.js';
import { toAwsError } from '../error-map.js';
import type { ProfileSession } from '../profile-session.js';
import { DEFAULT_SSH_PORT, PORT_DOCUMENTS, type EcsContainerTarget, type LaunchResult, type LaunchTarget, type PortForwardRequest } from './types.js';

function ctx(session: ProfileSession, region: string, operation: string, targetKind?: LaunchTarget['kind']) {
  return { profile: session.name, region, operation, sso: session.profile.sso !== null, ...(targetKind ? { targetKind } : {}) };
}

function sessionFields(s: { sessionId?: string; streamUrl?: string; tokenValue?: string } | undefined, what: string): { sessionId: string; streamUrl: string; tokenValue: string } {
  if (!s?.sessionId || !s.streamUrl || !s.tokenValue) {
    throw new AwsError({ code: 'unknown', sentence: `${what} answered without a session.`, nextStep: 'Try again; if it persists, check the endpoint configured for the profile.' });
  }
  return { sessionId: s.sessionId, streamUrl: s.streamUrl, tokenValue: s.tokenValue };
}

/** The container's runtime id, from the target when known or from DescribeTasks. */
async function runtimeIdOf(session: ProfileSession, region: string, t: EcsContainerTarget): Promise<string> {
  if (t.runtimeId) return t.runtimeId;
  const out = await session.ecs(region).send(new DescribeTasksCommand({ cluster: t.cluster, tasks: [t.taskArn] }));
  const task = out.tasks?.[0];
  const runtimeId = task?.containers?.find((c) => c.name === t.containerName)?.runtimeId;
  if (runtimeId) return runtimeId;
  throw new AwsError({
    code: task ? 'target-not-connected' : 'not-found',
    sentence: task ? `Container "${t.containerName}" has not started yet (it has no runtime id).` : `Task ${arnTail(t.taskArn)} was not found.`,
    nextStep: task ? 'Wait for the task to reach RUNNING, then try again.' : 'Refresh the tree; the task may have stopped.',
    context: ctx(session, region, 'looking up the container'),
  });
}

/** `ecs:<clusterName>_<taskId>_<runtimeId>`, the names being the last ARN segments (protocol §10). */
export function ecsTarget(cluster: string, taskArn: string, runtimeId: string): string {
  return `ecs:${arnTail(cluster)}_${arnTail(taskArn)}_${runtimeId}`;
}

async function ssmTarget(session: ProfileSession, region: string, t: LaunchTarget): Promise<string> {
  return t.kind === 'instance' ? t.instanceId : ecsTarget(t.cluster, t.taskArn, await runtimeIdOf(session, region, t));
}

/** ECS Exec: an interactive command (default /bin/sh) in a container. */
export async function execCommand(session: ProfileSession, t: EcsContainerTarget, command: string = AWS_LIMITS.DEFAULT_EXEC_COMMAND): Promise<LaunchResult> {
  const region = session.region(t.region);
  try {
    // Runtime id first: a session started for a container we cannot address would only leak.
    const runtimeId = await runtimeIdOf(session, region, t);
    const out = await session.ecs(region).send(new ExecuteCommandCommand({ cluster: t.cluster, task: t.taskArn, container: t.containerName, command, interactive: true }));
    return { kind: 'ecs-exec', profile: session.name, region, ...sessionFields(out.session, 'ECS ExecuteCommand'), target: ecsTarget(t.cluster, t.taskArn, runtimeId), documentName: null, command };
  } catch (err) {
    throw toAwsError(err, ctx(session, region, `ECS ExecuteCommand on ${t.containerName}`, 'ecs-container'));
  }
}

async function startSession(session: ProfileSession, t: LaunchTarget, kind: LaunchResult['kind'], documentName: string | null, parameters: Record<string, string[]> | undefined): Promise<LaunchResult> {
  const region = session.region(t.region);
  try {
    const target = await ssmTarget(session, region, t);
    const out = await session.ssm(region).send(new StartSessionCommand({ Target: target, ...(documentName ? { DocumentName: documentName } : {}), ...(parameters ? { Parameters: parameters } : {}) }));
    const fields = sessionFields({ sessionId: out.SessionId, streamUrl: out.StreamUrl, tokenValue: out.TokenValue }, 'SSM StartSession');
    return { kind, profile: session.name, region, ...fields, target, documentName, command: null };
  } catch (err) {
    throw toAwsError(err, ctx(session, region, `SSM StartSession${documentName ? ` (${documentName})` : ''}`, t.kind));
  }
}

/** A shell on an instance (the account's default session document). */
export function startInstanceShell(session: ProfileSession, t: LaunchTarget): Promise<LaunchResult> {
  return startSession(session, t, 'instance-shell', null, undefined);
}

/** Port forwarding to the target itself, or to a host reachable from it. */
export function startPortForward(session: ProfileSession, t: LaunchTarget, req: PortForwardRequest): Promise<LaunchResult> {
  const params: Record<string, string[]> = { portNumber: [String(req.remotePort)], localPortNumber: [String(req.localPort ?? 0)] };
  if (req.remoteHost) return startSession(session, t, 'port-forward-remote', PORT_DOCUMENTS.REMOTE_HOST, { ...params, host: [req.remoteHost] });
  return startSession(session, t, 'port-forward', PORT_DOCUMENTS.LOCAL, params);
}

/** A byte stream to the target's SSH port (for use as an ssh ProxyCommand). */
export function startSshSession(session: ProfileSession, t: LaunchTarget, port: number = DEFAULT_SSH_PORT): Promise<LaunchResult> {
  return startSession(session, t, 'ssh', PORT_DOCUMENTS.SSH, { portNumber: [String(port)] });
}

/** ssm:TerminateSession; a session that is already gone counts as terminated. */
export async function terminateSession(session: ProfileSession, region: string, sessionId: string): Promise<void> {
  try {
    await session.ssm(region).send(new TerminateSessionCommand({ SessionId: sessionId }));
  } catch (err) {
    const e = toAwsError(err, ctx(session, region, 'SSM TerminateSession'));
    if (e.code !== 'not-found') throw e;
  }
}

/** The engine's `resumeSession` callback bound to this profile's SSM client for the region. */
export function resumeSessionFn(session: ProfileSession, region: string): (sessionId: string) => Promise<string | undefined> {
  return ssmResumeSession(session.ssm(region));
}

/** The KMS client for encrypted sessions: same credentials and endpoint as the rest of the profile. */
export function kmsClientFor(session: ProfileSession, region: string): KMSClient {
  return session.kms(region);
}
