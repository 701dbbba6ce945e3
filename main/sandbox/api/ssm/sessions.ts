/** SSM StartSession, ResumeSession, TerminateSession (spec §3.1, §9). */
import { SESSION_LIMITS } from '../../session-limits.js';
import type { SandboxSessionKind } from '../../session-registry.js';
import { ApiError } from '../errors.js';
import type { Handler } from '../handler.js';
import type { RequestContext } from '../context.js';
import { inRequestScope, newSessionId, newToken, registerSession, streamUrlFor } from '../sessions.js';
import { containerBlocker, containerTarget, findEcsTarget, instanceTarget, type SessionTarget } from '../target-resolve.js';
import { planDocument, SHELL_DOCUMENT, type DocumentPlan } from './documents.js';

function notConnected(target: string): ApiError {
  return new ApiError('TargetNotConnected', `${target} is not connected.`);
}

function sessionTarget(ctx: RequestContext, target: string): SessionTarget {
  if (target.startsWith('ecs:')) {
    const found = findEcsTarget(ctx, target);
    if (!found || containerBlocker(found.task, found.container, ctx)) throw notConnected(target);
    return containerTarget(ctx, found.task, found.container);
  }
  const inst = ctx.region.instancesById.get(target);
  if (!inst || inst.state !== 'running' || inst.pingStatus !== 'Online') throw notConnected(target);
  return instanceTarget(ctx, inst);
}

async function kindFor(ctx: RequestContext, plan: DocumentPlan, target: SessionTarget): Promise<SandboxSessionKind> {
  switch (plan.type) {
    case 'Standard_Stream':
      return { type: 'Standard_Stream' };
    case 'InteractiveCommands':
      return { type: 'InteractiveCommands', command: plan.command };
    case 'NonInteractiveCommands':
      return { type: 'NonInteractiveCommands', command: plan.command, separateOutputStream: false };
    case 'Port': {
      const dial = await ctx.deps.targets.dial(target.info, plan.host, plan.portNumber, ctx.deps.world.remoteHosts);
      return { type: 'Port', properties: plan.properties, host: plan.host, portNumber: plan.portNumber, ...(dial ? { dial } : {}) };
    }
  }
}

export const startSession: Handler = async (p, ctx) => {
  const target = p.string('Target');
  const documentName = p.optString('DocumentName');
  const plan = planDocument(documentName, p.optStringListMap('Parameters') ?? {});
  const resolved = sessionTarget(ctx, target);
  const kind = await kindFor(ctx, plan, resolved);
  // The region's Session Manager preferences bound StartSession's sessions. ECS Exec
  // (ExecuteCommand) has its own rules: a fixed idle timeout (execute-command.ts), and no maximum
  // duration is modelled for it.
  const maxSessionMinutes = ctx.region.sessionPreferences.maxSessionDuration;
  const idleSessionMinutes = ctx.region.sessionPreferences.idleSessionTimeout ?? SESSION_LIMITS.DEFAULT_IDLE_MINUTES;
  const session = registerSession(ctx, {
    sessionId: newSessionId(ctx.account.userName),
    target,
    documentName: documentName ?? SHELL_DOCUMENT,
    kind,
    workdir: await ctx.deps.targets.workdir(resolved.info),
    targetName: resolved.info.label,
    agentVersion: resolved.agentVersion,
    ...(maxSessionMinutes === undefined ? {} : { maxSessionMinutes }),
    idleSessionMinutes,
    // Port sessions are never KMS-encrypted by the agent (spec §6.1).
    ...(resolved.kmsKeyArn && kind.type !== 'Port' ? { kmsKeyId: resolved.kmsKeyArn } : {}),
  });
  return { SessionId: session.sessionId, TokenValue: session.tokenValue, StreamUrl: session.streamUrl };
};

/**
 * A disconnected session can be resumed, a terminated one cannot (AWS API reference). A session
 * whose agent ended while its client was away is `Terminating` until the client has collected
 * the output tail and channel_closed (§5: the agent acts as paused while the client is away,
 * §12.3: channel_closed only after the output), so it is resumed like a disconnected one.
 * DoesNotExistException is the error the API documents for ResumeSession; the plugin and
 * Porthole both treat it as "the session is over" (§9).
 */
export const resumeSession: Handler = (p, ctx) => {
  const sessionId = p.string('SessionId');
  const found = ctx.deps.registry.get(sessionId);
  // Another region's session does not exist in this one (Session Manager is regional).
  const session = found && inRequestScope(ctx, found) ? found : undefined;
  if (!session) throw new ApiError('DoesNotExistException', `Session with id ${sessionId} does not exist.`);
  if (session.state === 'Terminated') {
    throw new ApiError('DoesNotExistException', `Session with id ${sessionId} has been terminated and cannot be resumed.`);
  }
  session.tokenValue = newToken();
  session.tokenExpiresAt = Date.now() + ctx.deps.tokenLifetimeMs;
  return { SessionId: sessionId, TokenValue: session.tokenValue, StreamUrl: streamUrlFor(ctx, sessionId) };
};

export const terminateSession: Handler = (p, ctx) => {
  const sessionId = p.string('SessionId');
  // Idempotent like AWS: terminating an unknown or finished session still succeeds, and so does
  // one of another region, which this region's Session Manager does not know (it runs on).
  const session = ctx.deps.registry.get(sessionId);
  if (session && inRequestScope(ctx, session)) ctx.deps.registry.terminate(sessionId, 'Session terminated by TerminateSession.');
  return { SessionId: sessionId };
};
