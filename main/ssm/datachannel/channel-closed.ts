// Why the session ended when the gateway sent channel_closed (§3.6): its Output text, or the
// plugin's "Exiting session" line, and any output that can now never arrive (lost-output.ts).
import type { IncomingGap } from '../channel/index.js';
import { decodeChannelClosed, FrameError } from '../frame/index.js';
import { describeLoss, lostOutput } from './lost-output.js';
import type { CloseReason } from './types.js';

/**
 * channel_closed's Output when Session Manager ends a session after its idle session timeout
 * (StartSession's preference, or ECS Exec's fixed 20 minutes): AWS's exact words, which the
 * plugin prints after "SessionId: <sid> : " (seen in amazon-ssm-agent#261 and ECS Exec reports).
 */
export const IDLE_TIMEOUT_OUTPUT = 'Your session timed out due to inactivity and has been terminated.';

/** Whether channel_closed's Output is Session Manager's idle timeout (surrounding white space aside). */
export function isIdleTimeoutOutput(output: string): boolean {
  return output.trim() === IDLE_TIMEOUT_OUTPUT;
}

/**
 * channel_closed's Output when Session Manager ends a session at the region's maximum session
 * duration preference, as the sandbox sends it. AWS's exact words for this end are not known here
 * (no client report or AWS page quoting them was found): these are shaped like the idle text.
 */
export const MAX_DURATION_OUTPUT = 'Your session has reached the maximum session duration and has been terminated.';

/**
 * An Output saying the maximum session duration was reached (or exceeded), either way round: the
 * setting's name in AWS's console and docs, which its text is assumed to use, with the words of an
 * end. The name alone is not enough: an agent failure naming the setting ("failed to apply maximum
 * session duration") is a failure, and must keep its Diagnose.
 */
const MAX_DURATION_WORDS = /\b(?:reached|exceeded) the maximum session duration\b|\bmaximum session duration (?:was |has been )?(?:reached|exceeded)\b/i;

/** Whether channel_closed's Output says Session Manager ended the session at its maximum session duration. */
export function isMaxDurationOutput(output: string): boolean {
  return MAX_DURATION_WORDS.test(output);
}

/** `gap`: the frames held behind a missing one when channel_closed arrived (the channel's incomingGap). */
export function channelClosedReason(payload: Uint8Array, sessionId: string, gap: IncomingGap | undefined): CloseReason {
  let output = '';
  try {
    output = decodeChannelClosed(payload).output;
  } catch (error) {
    if (!(error instanceof FrameError)) throw error;
  }
  const message = output === '' ? `Exiting session with sessionId: ${sessionId}.` : output;
  const lost = lostOutput(gap);
  if (!lost) return { kind: 'channel-closed', output, message };
  // Frames after a hole were received but can never be delivered in order: say so, never end silently.
  return { kind: 'channel-closed', output, lostOutput: lost, message: `${message} ${describeLoss(lost)}` };
}
