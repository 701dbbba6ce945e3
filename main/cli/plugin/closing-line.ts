// The drop-in's last line, as the plugin prints it (protocol §3.6, §9, §11): chosen by how the
// data channel ended and, for a failure, by the cause the channel named where it failed, never
// by the words of its message (a websocket's "Opening handshake has timed out" is no session
// that timed out in AWS).
import type { CloseReason } from '../../ssm/datachannel/index.js';
import { PLUGIN_MESSAGES } from './messages.js';
import type { LineKind } from './status-lines.js';

export function closingLine(sessionId: string, reason: CloseReason): { text: string; kind: LineKind } {
  if (reason.kind === 'channel-closed') {
    return reason.output === ''
      ? { text: PLUGIN_MESSAGES.exiting(sessionId), kind: 'status' }
      : { text: PLUGIN_MESSAGES.closedWithOutput(sessionId, reason.output), kind: 'notice' };
  }
  if (reason.kind === 'failed') {
    // Only a session AWS says is over (ResumeSession gave no token) is the plugin's "timed out" (§9 step 2).
    const text = reason.cause === 'session-ended' ? PLUGIN_MESSAGES.timedOut(sessionId) : PLUGIN_MESSAGES.cannotStart(reason.message);
    return { text, kind: 'notice' };
  }
  return { text: PLUGIN_MESSAGES.exiting(sessionId), kind: 'status' };
}
