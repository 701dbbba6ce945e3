// Which failed session starts a forward's auto-restart keeps retrying, and which it gives up on
// (RestartVerdict in main/sessions/forwards). Retrying a start that cannot succeed every 30 s
// forever hides the problem behind "reconnecting" and keeps calling AWS (or asking for an MFA code)
// for nothing; giving up on one that would have cleared leaves a forward down that could be up.
// So: give up at once on what needs a person, retry for a while what may clear by itself, and
// retry with back-off for as long as it takes what is passing. The forward's row then says why it
// stopped, and Start tries again by hand.
import { AwsError, type AwsErrorCode } from '../../aws/errors.js';
import type { RestartVerdict } from '../../sessions/forwards/index.js';

/**
 * Failures that come back the same however often the start is tried: a person has to change
 * something first.
 */
const CANNOT_HEAL: ReadonlySet<AwsErrorCode> = new Set<AwsErrorCode>([
  // An IAM policy, the key or the config files must change.
  'access-denied',
  'invalid-credentials',
  'no-credentials',
  'profile-not-found',
  'no-region',
  'config-invalid',
  'credential-process-failed',
  // The person must sign in or give a code; retrying would ask for an MFA code every 30 s.
  'expired-credentials',
  'sso-login-required',
  'mfa-required',
  'mfa-rejected',
  // The task or cluster must change: a task started without execute command keeps it off for life.
  'exec-not-enabled',
  'interactive-only',
  'agent-plugin-missing',
  'log-encryption',
  // The task or instance is gone (a stopped task never runs again; its replacement has another id).
  'not-found',
  'invalid-request',
]);

/**
 * Failures that may clear by themselves within minutes (an instance rebooting, an exec agent
 * starting in a new task) but never do for a stopped task, which Session Manager reports the same
 * way: retried for FORWARDS.RESTART_MAY_HEAL_GIVE_UP_MS, then given up on.
 */
const MAY_HEAL: ReadonlySet<AwsErrorCode> = new Set<AwsErrorCode>(['target-not-connected', 'handshake-timeout']);

/**
 * The verdict on one failed start. Anything else — throttling, a server error, an endpoint out of
 * reach, an error that is not AWS's (the network, the websocket, the agent) — is retried with the
 * usual back-off for as long as it takes.
 */
export function restartVerdict(error: unknown): RestartVerdict {
  if (!(error instanceof AwsError)) return 'retry';
  if (CANNOT_HEAL.has(error.code)) return 'give-up';
  if (MAY_HEAL.has(error.code)) return 'retry-a-while';
  return 'retry';
}
