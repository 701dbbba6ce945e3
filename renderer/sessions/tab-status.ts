// A tab's state in words: the tooltip's and status bar's line, and the tooltip's lines about
// dropped connections and recording.
import type { Tab } from './session-types.js';

export const STATE_WORDS = { connecting: 'Connecting', connected: 'Connected', reconnecting: 'Reconnecting', closed: 'Closed' } as const;

/**
 * Why a normal end without an exit code says only that the session ended: Session Manager sends
 * the same channel_closed, with no text, when the shell exits and when anyone ends the session
 * with TerminateSession (protocol §3.6, §12.3), so Porthole cannot know which happened.
 */
export const ENDED_WITHOUT_EXIT_NOTE = 'Session Manager ends a session the same way when its shell exits and when someone terminates the session, so Porthole cannot tell which happened.';

/** "14:02:11": today's clock, as the forwards panel says when a connection last failed. */
function clock(at: number): string {
  return new Date(at).toLocaleTimeString(undefined, { hour12: false });
}

export function statusLine(tab: Tab): string {
  // With the seconds: this line is the tooltips' (and the tab list's), which nothing reads out as they change.
  const waited = inputWaitSeconds(tab);
  if (waited !== null) return `${INPUT_WAIT_WORDS.lead} for ${waited} s${INPUT_WAIT_WORDS.rest}`;
  const exit = tab.status.exitCode !== undefined ? ` (exit code ${tab.status.exitCode})` : '';
  // The agent's words for a normal end ("Exiting session with sessionId: …") say nothing a person
  // needs; the banner keeps them in its tooltip. Only an exit code the agent reported says the
  // remote command exited.
  if (tab.status.state === 'closed' && tab.taskEnd !== undefined && tab.elsewhere !== true) return tab.taskEnd.state === 'stopped' ? 'The task stopped' : 'The task is stopping';
  if (tab.status.state === 'closed' && tab.status.ending === 'exited' && tab.elsewhere !== true) return exit === '' ? 'The session ended' : `The shell exited${exit}`;
  // A failure main said in full (what happened, what to do; its engine words in `detail`, shown
  // beside it) needs no state word in front: "Closed: The session failed: …" said it twice.
  if (tab.status.state === 'closed' && tab.status.detail !== undefined && tab.status.reason && tab.elsewhere !== true) return `${tab.status.reason}${exit}`;
  // A session another window took is not closed: it runs on there.
  const words = tab.elsewhere === true ? 'In another window' : STATE_WORDS[tab.status.state];
  // Main's "Reconnected after the network dropped" stays until the next change: read an hour later
  // it must say when, and early in the line, which the status bar cuts at 1024 px.
  if (tab.status.state === 'connected' && tab.elsewhere !== true && tab.reconnectedAt !== undefined) return `${words}: Reconnected at ${clock(tab.reconnectedAt)} after the network dropped`;
  return tab.status.reason ? `${words}: ${tab.status.reason}${exit}` : `${words}${exit}`;
}

/**
 * The words of a connected tab whose input has gone unanswered (the gateway may have gone silent):
 * that Porthole is waiting, not stuck. The seconds go between `lead` and `rest` where nothing reads
 * them out: the status bar is a live region, and a count changing every second would be announced
 * every second (StatusBar hides it from assistive technology; the live text changes only when the
 * wait starts and ends).
 */
export const INPUT_WAIT_WORDS = { lead: 'Input not answered', rest: ' — waiting for the gateway' } as const;

/**
 * A connected tab whose input has gone unanswered: the line without the seconds, the same for the
 * whole wait; null while nothing waits (or the tab is not connected: a reconnecting tab's banner
 * says what goes on then). The keys stay queued and go once it answers.
 */
export function inputWaitLine(tab: Pick<Tab, 'status' | 'inputWaitMs' | 'elsewhere'>): string | null {
  return inputWaitSeconds(tab) === null ? null : `${INPUT_WAIT_WORDS.lead}${INPUT_WAIT_WORDS.rest}`;
}

/** How many whole seconds the tab's input has waited, or null while nothing waits (see inputWaitLine). */
export function inputWaitSeconds(tab: Pick<Tab, 'status' | 'inputWaitMs' | 'elsewhere'>): number | null {
  if (tab.inputWaitMs === undefined || tab.status.state !== 'connected' || tab.elsewhere === true) return null;
  return Math.floor(tab.inputWaitMs / 1000);
}

/** The tooltip line with a failure's technical detail (the engine's words, a close code), or null when there is none. */
export function detailLine(tab: Pick<Tab, 'status'>): string | null {
  return tab.status.detail === undefined || tab.status.detail === '' ? null : `Detail: ${tab.status.detail}`;
}

/** The tooltip lines of a tab whose ECS task stopped: ECS's reason and the container's exit code (empty when there is neither). */
export function taskEndLines(tab: Pick<Tab, 'taskEnd'>): string[] {
  const end = tab.taskEnd;
  if (end === undefined) return [];
  return [end.stoppedReason !== undefined ? `ECS: ${end.stoppedReason}` : 'ECS gave no reason', ...(end.exitCode !== undefined ? [`The container exited with code ${end.exitCode}`] : [])];
}

/** The tooltip line of a tab whose connection dropped: null while it never did. */
export function reconnectLine(tab: Tab): string | null {
  if (tab.reconnects === 0) return null;
  return `Connection dropped ${tab.reconnects === 1 ? 'once' : `${tab.reconnects} times`} since the session opened`;
}

/** The tooltip line of a recorded tab: where the .cast file is being written. */
export function recordingLine(tab: Tab): string | null {
  return tab.recording === null ? null : `Recording to ${tab.recording.path}`;
}
