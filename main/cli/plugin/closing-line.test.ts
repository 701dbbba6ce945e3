// The drop-in's closing line for each way a data channel fails: only a session AWS says is over
// (ResumeSession gave no token) prints the plugin's "Session: <id> timed out." (§9); every other
// failure prints "Cannot perform start session: <why>" (§11), whatever words its message holds.
import { describe, expect, it } from 'vitest';
import type { FailureCause } from '../../ssm/datachannel/index.js';
import { closingLine } from './closing-line.js';
import { PLUGIN_MESSAGES } from './messages.js';

const SID = 's-0123456789abcdef0';

/** One message per cause, as the channel words it; each but the first holds "timed out", which must not decide the line. */
const MESSAGES: Record<FailureCause, string> = {
  'session-ended': `Session ${SID} has ended in AWS while Porthole was reconnecting: ResumeSession gave no token.`,
  'resume-refused': 'ResumeSession was refused (AccessDeniedException): the request timed out waiting for permission',
  unreachable: 'could not open the data channel after 6 attempts: cannot open the data channel websocket: Opening handshake has timed out',
  handshake: 'encryption challenge failed: KMS GenerateDataKey timed out',
  protocol: 'cannot process agent message seq 4 (PT 1): decryption timed out',
  local: 'listen EADDRINUSE after the port runner timed out',
};

describe('the drop-in closing line of a failed session', () => {
  it('session-ended: the plugin\'s "timed out" line, though the message does not say it', () => {
    expect(closingLine(SID, { kind: 'failed', cause: 'session-ended', message: MESSAGES['session-ended'] })).toEqual({ text: PLUGIN_MESSAGES.timedOut(SID), kind: 'notice' });
  });

  for (const cause of ['resume-refused', 'unreachable', 'handshake', 'protocol', 'local'] as const) {
    it(`${cause}: "Cannot perform start session" with the reason, though the message says "timed out"`, () => {
      const line = closingLine(SID, { kind: 'failed', cause, message: MESSAGES[cause] });
      expect(line).toEqual({ text: PLUGIN_MESSAGES.cannotStart(MESSAGES[cause]), kind: 'notice' });
    });
  }
});
