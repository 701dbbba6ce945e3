// Engine events told as the contract's session status, in plain words.
import type { SessionStatus } from '../../../shared/contract/index.js';
import { FAILURE_WORDS as WORDS } from '../../../shared/messages/sessions.js';
import { isIdleTimeoutOutput, isMaxDurationOutput, type ChannelStatus, type CloseReason, type FailureCause } from '../../ssm/datachannel/index.js';

/** The words for every cause the engine has: a cause with none here fails the typecheck. */
const FAILURE_WORDS: Readonly<Record<FailureCause, string>> = WORDS;

/** A reason is one line in a tab; the agent's channel_closed text can be long (the contract allows 4096). */
const MAX_REASON_CHARS = 1000;

function clip(text: string): string {
  return text.length <= MAX_REASON_CHARS ? text : `${text.slice(0, MAX_REASON_CHARS - 1)}…`;
}

/** A status change the engine reported while the session is alive (closing is told by closedStatus). */
export function liveStatus(status: Exclude<ChannelStatus, 'closed'>, detail: string): SessionStatus {
  switch (status) {
    case 'connecting':
      return { state: 'connecting', reason: 'Opening the session' };
    case 'connected':
      return detail === 'resumed' ? { state: 'connected', reason: 'Reconnected after the network dropped' } : { state: 'connected' };
    case 'reconnecting':
      return { state: 'reconnecting', reason: clip(`Network lost (${detail}); reconnecting`) };
  }
}

/**
 * The final status, with the protocol's reason and the exit code only when the agent sent one. A
 * failure is said in plain words by its cause (shared/messages/sessions.ts), the engine's message its detail.
 */
export function closedStatus(reason: CloseReason, exitCode: number | undefined): SessionStatus {
  const text = reason.kind === 'failed' ? FAILURE_WORDS[reason.cause] : reason.message;
  const status: SessionStatus = { state: 'closed', reason: text.length > 0 ? clip(text) : 'The session ended', ending: endingOf(reason) };
  if (reason.kind === 'failed' && reason.message.length > 0) status.detail = clip(reason.message);
  if (exitCode !== undefined) status.exitCode = exitCode;
  return status;
}

/**
 * channel_closed with no Output is a normal end (protocol §3.6): the shell exited, or someone
 * called TerminateSession (the gateway sends the same for both, §12.3). Session Manager's time
 * limits end a session their own way, known by the text: the idle timeout by AWS's words, the
 * maximum session duration by text saying it was reached (AWS's exact words are not known; see
 * MAX_DURATION_OUTPUT). Nothing failed then, so nothing to diagnose: the tab offers Reopen, and
 * the reason (the text itself) says which limit it was. Any other text is the agent's failure,
 * told in its words; output lost below a hole is a failure whatever the text.
 */
function endingOf(reason: CloseReason): NonNullable<SessionStatus['ending']> {
  if (reason.kind === 'channel-closed') {
    if (reason.lostOutput !== undefined) return 'failed';
    if (reason.output === '') return 'exited';
    return isIdleTimeoutOutput(reason.output) || isMaxDurationOutput(reason.output) ? 'timed-out' : 'failed';
  }
  return reason.kind === 'local' ? 'stopped' : 'failed';
}

/** A launch that failed before any channel existed. */
export function launchFailedStatus(message: string): SessionStatus {
  return { state: 'closed', reason: clip(message), ending: 'failed' };
}

/** Porthole ended the session on request (closed, restarting, its window gone). */
export function stoppedStatus(reason: string): SessionStatus {
  return { state: 'closed', reason: clip(reason), ending: 'stopped' };
}
