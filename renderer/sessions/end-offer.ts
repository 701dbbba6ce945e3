// What a tab whose session closed offers, by how it ended: one answer for its banner and its menu.
// A session that ended without anything breaking (its shell exited, someone terminated it, or
// Session Manager ended it at its idle timeout or maximum session duration) is reopened, and there is nothing to diagnose; one that
// failed or was lost is restarted, and Diagnose can look for the cause; one Porthole stopped on
// request is restarted. A session another window took offers neither here (it runs on there).
// A session whose ECS task stopped, or is stopping, offers only Close tab: a stopped task never
// runs again and a stopping one takes no new session, so Reopen could only fail.
import type { Tab } from './session-types.js';

export interface EndOffer {
  /** The word for starting a new session to the same target in this tab. */
  readonly restart: 'Reopen' | 'Restart session' | null;
  /** Close tab sits beside Reopen: after a normal end, closing is as likely as reopening. */
  readonly closeTab: boolean;
  readonly diagnose: boolean;
}

const REOPEN: EndOffer = { restart: 'Reopen', closeTab: true, diagnose: false };
const RESTART: EndOffer = { restart: 'Restart session', closeTab: false, diagnose: false };
const TASK_GONE: EndOffer = { restart: null, closeTab: true, diagnose: false };
const RESTART_AND_DIAGNOSE: EndOffer = { restart: 'Restart session', closeTab: false, diagnose: true };

export function endOffer(tab: Pick<Tab, 'status' | 'elsewhere' | 'taskEnd'>): EndOffer {
  if (tab.elsewhere === true) return RESTART;
  if (tab.taskEnd !== undefined && tab.status.state === 'closed') return TASK_GONE;
  switch (tab.status.ending) {
    case 'exited':
    case 'timed-out':
      return REOPEN;
    case 'stopped':
      return RESTART;
    case 'failed':
    case undefined:
      // A closed status without an ending (the host link lost, a call refused) is not a normal end.
      return RESTART_AND_DIAGNOSE;
  }
}
