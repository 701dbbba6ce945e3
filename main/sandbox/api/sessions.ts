/**
 * Creating Session Manager sessions for StartSession and ExecuteCommand: ids shaped like AWS's,
 * a fresh data-channel token, the StreamUrl on the shared server, and a registry entry the
 * gateway picks up when the client connects.
 */
import { randomBytes } from 'node:crypto';
import type { SandboxSession, SandboxSessionKind } from '../session-registry.js';
import type { RequestContext } from './context.js';

export const SESSION_IDS = {
  /** AWS session ids end in 17 hex characters after the caller's name. */
  suffixHexChars: 17,
  /** ECS Exec session ids carry this prefix (spec §10). */
  ecsPrefix: 'ecs-execute-command',
  /** Random bytes in a token; real tokens are long opaque strings. */
  tokenBytes: 96,
} as const;

export function newSessionId(prefix: string): string {
  const hex = randomBytes(Math.ceil(SESSION_IDS.suffixHexChars / 2)).toString('hex').slice(0, SESSION_IDS.suffixHexChars);
  return `${prefix}-${hex}`;
}

export function newToken(): string {
  return randomBytes(SESSION_IDS.tokenBytes).toString('base64');
}

export function streamUrlFor(ctx: RequestContext, sessionId: string): string {
  return `${ctx.deps.streamBase()}/v1/data-channel/${sessionId}?role=publish_subscribe`;
}

export interface NewSession {
  readonly sessionId: string;
  readonly target: string;
  readonly documentName: string;
  readonly kind: SandboxSessionKind;
  readonly workdir: string;
  readonly targetName?: string;
  readonly agentVersion: string;
  readonly kmsKeyId?: string;
  readonly maxSessionMinutes?: number;
  readonly idleSessionMinutes?: number;
}

export function registerSession(ctx: RequestContext, s: NewSession): { sessionId: string; tokenValue: string; streamUrl: string } {
  const now = Date.now();
  const session: SandboxSession = {
    ...s,
    region: ctx.region.scope.region,
    account: ctx.region.scope.account,
    tokenValue: newToken(),
    tokenExpiresAt: now + ctx.deps.tokenLifetimeMs,
    state: 'Pending',
    createdAt: now,
  };
  ctx.deps.registry.add(session);
  return { sessionId: session.sessionId, tokenValue: session.tokenValue, streamUrl: streamUrlFor(ctx, session.sessionId) };
}

/**
 * Whether a session is one of this account's in this region: Session Manager is regional and
 * per account, so DescribeSessions, ResumeSession and TerminateSession sent to another region, or
 * by another account (a profile pointing elsewhere), do not see it. A session a test added
 * without a region is seen everywhere, one without an account by every account of its region.
 */
export function inRequestScope(ctx: RequestContext, s: Pick<SandboxSession, 'region' | 'account'>): boolean {
  if (s.region === undefined) return true;
  return s.region === ctx.region.scope.region && (s.account === undefined || s.account === ctx.region.scope.account);
}
