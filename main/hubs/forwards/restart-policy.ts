// Which failed session starts a forward's auto-restart keeps retrying, and which it gives up on
// (RestartVerdict in main/sessions/forwards). Retrying a start that cannot succeed every 30 s
// forever hides the problem behind "reconnecting" and keeps calling AWS (or asking for an MFA code)
// for nothing; giving up on one that would have cleared leaves a forward down that could be up.
// So: give up at once on what only a person can fix for this forward, retry for a while what may
// clear by itself (or by a sign-in or fix made elsewhere), and
// retry with back-off for as long as it takes what is passing. The forward's row then says why it
// stopped, and Start tries again by hand.
import { AwsError, type AwsErrorCode } from '../../aws/errors.js';
import type { RestartPolicy, RestartVerdict } from '../../sessions/forwards/index.js';
import { PortSessionError } from '../../ssm/port/index.js';
import { TASK_STATE_TIMEOUT_MS, taskGone, type TaskStateLookUp } from './task-gone.js';

/**
 * Failures that come back the same however often the start is tried, and that no sign-in, network
 * or IAM change made elsewhere will clear for this forward: the task, the config files or an MFA
 * code must come from a person, so retrying only calls AWS (or asks for a code) for nothing.
 */
const CANNOT_HEAL: ReadonlySet<AwsErrorCode> = new Set<AwsErrorCode>([
  // The config files must change.
  'profile-not-found',
  'no-region',
  'config-invalid',
  // Retrying would ask the person for an MFA code every 30 s.
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
 * Failures that may clear without anyone touching this forward, and often do at 3 a.m.: an instance
 * rebooting or an exec agent starting in a new task; credentials that an `aws sso login` in another
 * terminal, a credential helper back on the network or an IAM fix in the console puts right (a
 * failed start never prompts anyone for these, so retrying them costs a call every 30 s and nothing
 * else). These are retried for FORWARDS.RESTART_MAY_HEAL_GIVE_UP_MS, then given up on with the
 * reason in the row. A stopped ECS task is reported as "not connected" too: forwardRestartPolicy
 * asks ECS, and gives up on it at once.
 */
const MAY_HEAL: ReadonlySet<AwsErrorCode> = new Set<AwsErrorCode>([
  'target-not-connected',
  'handshake-timeout',
  'access-denied',
  'invalid-credentials',
  'no-credentials',
  'credential-process-failed',
  'expired-credentials',
  'sso-login-required',
]);

/**
 * The network's words in an error's text. A credential provider that could not reach its endpoint
 * (SSO's GetRoleCredentials while Wi-Fi rejoins, a credential_process helper offline) is reported as
 * a credentials failure whose text still names the network error: that is passing, and retried as
 * any unreachable endpoint is.
 */
const NETWORK_WORDS = /\b(ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|ECONNREFUSED|ENETUNREACH|EHOSTUNREACH)\b|socket hang up|TimeoutError/;

/**
 * The verdict on one failed start. Anything else — throttling, a server error, an endpoint out of
 * reach, an error that is not AWS's (the network, the websocket, the agent) — is retried with the
 * usual back-off for as long as it takes.
 */
export function restartVerdict(error: unknown): RestartVerdict {
  if (!(error instanceof AwsError)) return 'retry';
  if (NETWORK_WORDS.test(`${error.message} ${error.detail ?? ''}`)) return 'retry';
  if (CANNOT_HEAL.has(error.code)) return 'give-up';
  if (MAY_HEAL.has(error.code)) return 'retry-a-while';
  return 'retry';
}

/**
 * Failures of one task (stopped, gone, its exec off or its agent not there), which a forward
 * following its service leaves behind: its next start looks for another task of the service.
 */
const TASK_BOUND: ReadonlySet<AwsErrorCode> = new Set<AwsErrorCode>(['not-found', 'invalid-request', 'exec-not-enabled', 'agent-plugin-missing', 'target-not-connected', 'handshake-timeout']);

/** A following forward's verdict: what was about its old task is retried (on another); the rest as any forward's. */
function followingVerdict(error: unknown, verdict: RestartVerdict): RestartVerdict {
  if (error instanceof PortSessionError) return 'retry';
  return error instanceof AwsError && TASK_BOUND.has(error.code) ? 'retry' : verdict;
}

/**
 * The forwards' restart policy: restartVerdict, except that a forward to an ECS task that stopped
 * (ECS asked through `lookUp` when the failure may be that) is given up on at once, saying why;
 * `taskStateTimeoutMs` bounds that question.
 */
export function forwardRestartPolicy(lookUp: TaskStateLookUp, taskStateTimeoutMs: number = TASK_STATE_TIMEOUT_MS): RestartPolicy {
  return async (error, spec) => {
    const verdict = restartVerdict(error);
    if (spec.follow !== undefined) return followingVerdict(error, verdict);
    if (verdict === 'give-up') return verdict;
    return (await taskGone(error, spec, lookUp, taskStateTimeoutMs)) ?? verdict;
  };
}
