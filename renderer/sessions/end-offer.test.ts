// What a closed tab offers by how its session ended: after a normal end or Session Manager's idle
// timeout, Reopen and Close tab and no Diagnose (nothing broke); after a failure, Restart session
// and Diagnose; after Porthole stopped it, Restart session alone.
import { describe, expect, it } from 'vitest';
import { IDLE_TIMEOUT_OUTPUT } from '../../main/ssm/datachannel/index.js';
import type { SessionStatus } from '../../shared/contract/index.js';
import { endOffer } from './end-offer.js';

const closed = (ending: SessionStatus['ending'], reason?: string): { status: SessionStatus } => ({
  status: { state: 'closed', ...(ending === undefined ? {} : { ending }), ...(reason === undefined ? {} : { reason }) },
});

describe('endOffer', () => {
  it("Session Manager's idle timeout is reopened, with Close tab beside it, and offers no Diagnose", () => {
    expect(endOffer(closed('timed-out', IDLE_TIMEOUT_OUTPUT))).toEqual({ restart: 'Reopen', closeTab: true, diagnose: false });
  });

  it('a normal end (exit, TerminateSession) is reopened the same way', () => {
    expect(endOffer(closed('exited'))).toEqual({ restart: 'Reopen', closeTab: true, diagnose: false });
  });

  it('a failure, or a closed status with no ending, is restarted and can be diagnosed', () => {
    expect(endOffer(closed('failed', 'The session failed: resume gave up'))).toEqual({ restart: 'Restart session', closeTab: false, diagnose: true });
    expect(endOffer(closed(undefined))).toEqual({ restart: 'Restart session', closeTab: false, diagnose: true });
  });

  it('a session Porthole stopped is restarted, with nothing to diagnose', () => {
    expect(endOffer(closed('stopped'))).toEqual({ restart: 'Restart session', closeTab: false, diagnose: false });
  });

  it('a session another window took offers neither Close tab nor Diagnose here, whatever its ending', () => {
    for (const ending of ['timed-out', 'exited', 'failed'] as const) {
      expect(endOffer({ ...closed(ending), elsewhere: true })).toEqual({ restart: 'Restart session', closeTab: false, diagnose: false });
    }
  });

  it('a session whose ECS task stopped or is stopping offers Close tab alone: no new session can start on it', () => {
    expect(endOffer({ ...closed('exited'), taskEnd: { state: 'stopped' } })).toEqual({ restart: null, closeTab: true, diagnose: false });
    expect(endOffer({ ...closed('failed'), taskEnd: { state: 'stopping', stoppedReason: 'Task stopped by user' } })).toEqual({ restart: null, closeTab: true, diagnose: false });
  });
});
