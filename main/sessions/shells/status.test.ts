import { describe, expect, it } from 'vitest';
import { IDLE_TIMEOUT_OUTPUT, MAX_DURATION_OUTPUT } from '../../ssm/datachannel/index.js';
import { FAILURE_WORDS } from '../../../shared/messages/sessions.js';
import { closedStatus, launchFailedStatus, stoppedStatus } from './status.js';

describe('closedStatus: how a session ended', () => {
  it('channel_closed with no Output is the shell exiting normally, with its exit code', () => {
    expect(closedStatus({ kind: 'channel-closed', output: '', message: 'Exiting session with sessionId: s-1.' }, 0)).toEqual({
      state: 'closed',
      reason: 'Exiting session with sessionId: s-1.',
      exitCode: 0,
      ending: 'exited',
    });
  });

  it('an exit code other than 0 is still a normal end of the session', () => {
    expect(closedStatus({ kind: 'channel-closed', output: '', message: 'Exiting session with sessionId: s-1.' }, 3).ending).toBe('exited');
  });

  it("the agent's failure text in channel_closed is a failure", () => {
    expect(closedStatus({ kind: 'channel-closed', output: 'Unable to start command: no shell', message: 'Unable to start command: no shell' }, undefined).ending).toBe('failed');
  });

  it("Session Manager's idle timeout is its own end, told in AWS's words: not a failure, not an exit", () => {
    const idle = { kind: 'channel-closed', output: IDLE_TIMEOUT_OUTPUT, message: IDLE_TIMEOUT_OUTPUT } as const;
    expect(closedStatus(idle, undefined)).toEqual({ state: 'closed', reason: 'Your session timed out due to inactivity and has been terminated.', ending: 'timed-out' });
    // The same words with a line end after them are still the idle timeout.
    expect(closedStatus({ ...idle, output: `${IDLE_TIMEOUT_OUTPUT}\n` }, undefined).ending).toBe('timed-out');
    // Other words stay failures.
    expect(closedStatus({ kind: 'channel-closed', output: 'Your session has been terminated.', message: 'x' }, undefined).ending).toBe('failed');
    // Output lost below a hole is a failure, whatever the text.
    const lostOutput = { firstMissingSeq: 4, lastMissingSeq: 4, discardedFrames: 1 };
    expect(closedStatus({ ...idle, lostOutput }, undefined).ending).toBe('failed');
  });

  it("Session Manager's maximum session duration ends it the same way, its text saying which limit: not a failure", () => {
    const max = { kind: 'channel-closed', output: MAX_DURATION_OUTPUT, message: MAX_DURATION_OUTPUT } as const;
    expect(closedStatus(max, undefined)).toEqual({ state: 'closed', reason: 'Your session has reached the maximum session duration and has been terminated.', ending: 'timed-out' });
    // AWS's own words are not known: any text saying the maximum session duration was reached is taken as it.
    expect(closedStatus({ kind: 'channel-closed', output: 'Session terminated: Maximum Session Duration reached.', message: 'x' }, undefined).ending).toBe('timed-out');
    expect(closedStatus({ kind: 'channel-closed', output: 'The session exceeded the maximum session duration.', message: 'x' }, undefined).ending).toBe('timed-out');
    const lostOutput = { firstMissingSeq: 4, lastMissingSeq: 4, discardedFrames: 1 };
    expect(closedStatus({ ...max, lostOutput }, undefined).ending).toBe('failed');
  });

  it('an agent failure that only names the maximum session duration setting stays a failure, with its Diagnose', () => {
    for (const output of ['failed to apply maximum session duration', 'Invalid maximum session duration: 0']) {
      expect(closedStatus({ kind: 'channel-closed', output, message: output }, undefined).ending).toBe('failed');
    }
  });

  it('a normal close with output lost below a hole is a failure', () => {
    const lostOutput = { firstMissingSeq: 4, lastMissingSeq: 5, discardedFrames: 2 };
    expect(closedStatus({ kind: 'channel-closed', output: '', message: 'Exiting. 2 frames lost', lostOutput }, 0).ending).toBe('failed');
  });

  it('a protocol or network failure is a failure; closing it here is a stop', () => {
    expect(closedStatus({ kind: 'failed', cause: 'unreachable', message: 'resume gave up' }, undefined)).toMatchObject({ ending: 'failed' });
    expect(closedStatus({ kind: 'local', message: 'terminated' }, undefined).ending).toBe('stopped');
  });

  it('a launch that never connected fails; a stop on request says it stopped', () => {
    expect(launchFailedStatus('AccessDenied').ending).toBe('failed');
    expect(stoppedStatus('Closed by the user')).toEqual({ state: 'closed', reason: 'Closed by the user', ending: 'stopped' });
  });

  it('a failure is one plain sentence by its cause, the engine\'s words (the close code) kept as its detail', () => {
    const message = 'could not resume the session after 5 attempts: the connection closed (1006)';
    const status = closedStatus({ kind: 'failed', cause: 'unreachable', message }, undefined);
    expect(status).toEqual({ state: 'closed', reason: FAILURE_WORDS.unreachable, detail: message, ending: 'failed' });
    // Said once: no "failed:" nested in front of the engine's message.
    expect(status.reason).not.toMatch(/failed:/i);
    expect(status.reason).not.toContain('1006');
    for (const cause of ['session-ended', 'resume-refused', 'unreachable', 'handshake', 'protocol', 'local'] as const) {
      const words = FAILURE_WORDS[cause];
      // What happened, then what to do, in one sentence.
      expect(words).toMatch(/^[A-Z][^.]*: [^.]*(restart|diagnose)[^.]*\.$/);
      expect(closedStatus({ kind: 'failed', cause, message: 'x' }, undefined).reason).toBe(words);
    }
    // Ends that did not fail keep their own words and have no detail.
    expect(closedStatus({ kind: 'local', message: 'terminated' }, undefined).detail).toBeUndefined();
  });
});
