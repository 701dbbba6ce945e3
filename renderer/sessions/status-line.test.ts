// The words a tab, its banner and the status bar use for how its session ended: a normal end
// without an exit code says only that the session ended (Session Manager sends the same empty
// channel_closed when the shell exits and when TerminateSession ends it); "exited" is said only
// with an exit code the agent reported; Session Manager's own reason (its idle timeout) is shown
// in its words.
import { describe, expect, it } from 'vitest';
import { IDLE_TIMEOUT_OUTPUT } from '../../main/ssm/datachannel/index.js';
import type { SessionStatus } from '../../shared/contract/index.js';
import type { Tab } from './session-types.js';
import { detailLine, statusLine, taskEndLines } from './tab-status.js';
import { FAILURE_WORDS } from '../../shared/messages/sessions.js';

const target = { kind: 'instance', profile: 'p', region: 'us-east-1', instanceId: 'i-0abc' } as const;
const tab = (status: SessionStatus, elsewhere?: boolean): Tab => ({ key: 'k', sessionId: 's-1', title: 'bastion', target, status, reconnects: 0, recording: null, ...(elsewhere === undefined ? {} : { elsewhere }) });

describe('statusLine', () => {
  it('a normal end without an exit code: the session ended, not "the shell exited"', () => {
    expect(statusLine(tab({ state: 'closed', ending: 'exited', reason: 'Exiting session with sessionId: s-1.' }))).toBe('The session ended');
  });

  it('the shell exited only with the exit code the agent reported', () => {
    expect(statusLine(tab({ state: 'closed', ending: 'exited', exitCode: 3, reason: 'Exiting session with sessionId: s-1.' }))).toBe('The shell exited (exit code 3)');
  });

  it("Session Manager's idle timeout in its own words", () => {
    const reason = IDLE_TIMEOUT_OUTPUT;
    expect(statusLine(tab({ state: 'closed', ending: 'timed-out', reason }))).toBe(`Closed: ${reason}`);
  });

  it('a failure main said in full is that one sentence, not nested under "Closed:"; its engine words are the detail line', () => {
    const failed = tab({ state: 'closed', ending: 'failed', reason: FAILURE_WORDS.unreachable, detail: 'could not resume the session after 5 attempts: the connection closed (1006)' });
    expect(statusLine(failed)).toBe(FAILURE_WORDS.unreachable);
    expect(detailLine(failed)).toBe('Detail: could not resume the session after 5 attempts: the connection closed (1006)');
    // Without a detail (a launch that failed, the agent's own words) the state word stays in front, and there is no detail line.
    const launch = tab({ state: 'closed', ending: 'failed', reason: 'AccessDeniedException: not authorized' });
    expect(statusLine(launch)).toBe('Closed: AccessDeniedException: not authorized');
    expect(detailLine(launch)).toBeNull();
  });

  it('a session another window took is not said to have ended', () => {
    expect(statusLine(tab({ state: 'closed', ending: 'exited' }, true))).toBe('In another window');
  });

  it('a session whose ECS task stopped says so, ECS reason and the exit code in its tooltip lines', () => {
    const ended = { state: 'closed', ending: 'exited', reason: 'Exiting session with sessionId: s-1.' } as const;
    const stopping = { ...tab(ended), taskEnd: { state: 'stopping', stoppedReason: 'Task stopped by user', exitCode: 143 } } as const;
    expect(statusLine(stopping)).toBe('The task is stopping');
    expect(taskEndLines(stopping)).toEqual(['ECS: Task stopped by user', 'The container exited with code 143']);
    const stopped = { ...tab(ended), taskEnd: { state: 'stopped' } } as const;
    expect(statusLine(stopped)).toBe('The task stopped');
    expect(taskEndLines(stopped)).toEqual(['ECS gave no reason']);
    expect(taskEndLines(tab(ended))).toEqual([]);
  });

  it('a session connected again after a drop says when, as that line stays until the next change', () => {
    const at = new Date(2026, 11, 7, 3, 4, 5).getTime();
    const back = { ...tab({ state: 'connected', reason: 'Reconnected after the network dropped' }), reconnectedAt: at };
    expect(statusLine(back)).toBe(`Connected: Reconnected at ${new Date(at).toLocaleTimeString(undefined, { hour12: false })} after the network dropped`);
    expect(statusLine(back)).toMatch(/^Connected: Reconnected at 0?3:04:05 after/);
    // Not on a fresh connection, and not on a line that is about something else.
    expect(statusLine(tab({ state: 'connected' }))).toBe('Connected');
    expect(statusLine({ ...tab({ state: 'reconnecting', reason: 'the connection closed (1006)' }), reconnectedAt: at })).toBe('Reconnecting: the connection closed (1006)');
  });
});
