import { describe, expect, it } from 'vitest';
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

  it('a normal close with output lost below a hole is a failure', () => {
    const lostOutput = { firstMissingSeq: 4, lastMissingSeq: 5, discardedFrames: 2 };
    expect(closedStatus({ kind: 'channel-closed', output: '', message: 'Exiting. 2 frames lost', lostOutput }, 0).ending).toBe('failed');
  });

  it('a protocol or network failure is a failure; closing it here is a stop', () => {
    expect(closedStatus({ kind: 'failed', message: 'resume gave up' }, undefined)).toMatchObject({ reason: 'The session failed: resume gave up', ending: 'failed' });
    expect(closedStatus({ kind: 'local', message: 'terminated' }, undefined).ending).toBe('stopped');
  });

  it('a launch that never connected fails; a stop on request says it stopped', () => {
    expect(launchFailedStatus('AccessDenied').ending).toBe('failed');
    expect(stoppedStatus('Closed by the user')).toEqual({ state: 'closed', reason: 'Closed by the user', ending: 'stopped' });
  });
});
