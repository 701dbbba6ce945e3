// Tab metadata (title, target, status) and the actions on tabs: the calls to main and the
// state they leave (the pure state changes are tab-list.ts, the shapes session-types.ts).
// Terminal bytes never pass through here: the TerminalRegistry routes them to each tab's controller.
import type { SessionInfo, SessionStatus, ShellTarget } from '../../shared/contract/index.js';
import { errorText } from '../bridge/client.js';
import { Store } from '../state/store.js';
import { TERMINAL } from '../terminal/constants.js';
import type { RefusedInputNotice } from '../terminal/input-ledger.js';
import { inputNoticeText } from './input-notice.js';
import type { ShownSessions } from './shown-sessions.js';
import type { SessionDeps, SessionsState, Tab } from './session-types.js';
import { activated, closed, cycled, moved, movedBy, uniqueTitle, withAdopted, withoutSessions } from './tab-list.js';

export type { SessionDeps, SessionsState, Tab } from './session-types.js';

const isLive = (s: SessionStatus): boolean => s.state !== 'closed';

export class SessionStore extends Store<SessionsState> {
  #nextKey = 1;
  /** The recording problem last told per session, so an info repeat is not told twice. */
  readonly #toldRecording = new Map<string, string>();

  constructor(private readonly deps: SessionDeps) {
    super({ tabs: [], activeKey: null, pairKey: null, linkLost: null });
  }

  get active(): Tab | null {
    return this.state.tabs.find((t) => t.key === this.state.activeKey) ?? null;
  }

  byKey(key: string): Tab | undefined {
    return this.state.tabs.find((t) => t.key === key);
  }

  /** Opens a shell in a new tab, sized like the terminal that is showing (fit corrects it after). */
  async open(target: ShellTarget, requestedTitle: string): Promise<void> {
    // Without the host link a shell cannot start, and the link does not come back in this page (a
    // reload or a restarted host is needed): refused in the words the disabled Open shell gives,
    // rather than a tab that could never start. No call, no terminal code to load, no diagnostics.
    if (this.state.linkLost !== null) {
      this.deps.failed(`Cannot open a shell on “${requestedTitle}”: ${this.state.linkLost}`);
      return;
    }
    const key = `tab-${this.#nextKey++}`;
    const title = uniqueTitle(this.state.tabs, requestedTitle);
    const shown = this.active?.sessionId ? this.deps.registry().get(this.active.sessionId) : undefined;
    const cols = shown?.cols ?? TERMINAL.DEFAULT_COLS;
    const rows = shown?.rows ?? TERMINAL.DEFAULT_ROWS;
    const status: SessionStatus = { state: 'connecting', reason: 'Starting the session' };
    this.change((s) => ({ ...s, tabs: [...s.tabs, { key, sessionId: null, title, target, status, reconnects: 0, recording: null }], activeKey: key }));
    // The terminal code (loaded on first use) arrives while the session starts.
    void this.deps.registry().prepare();
    try {
      const { session } = await this.deps.client.call('sessions', 'open', { target, cols, rows, title, openKey: key });
      if (this.byKey(key) === undefined) {
        // Closed while opening: end it at once.
        await this.deps.client.call('sessions', 'close', { id: session.id }).catch(() => undefined);
        this.deps.registry().forgetEarly(session.id);
        return;
      }
      // Id first, then the controller: creating it replays statuses that arrived before this reply.
      this.#patch(key, (t) => ({ ...t, sessionId: session.id, title: session.title, status: session.status, recording: session.recording ?? null }));
      this.deps.registry().create(session.id, this.deps.look());
    } catch (err) {
      this.#patch(key, (t) => ({ ...t, status: { state: 'closed', reason: errorText(err) } }));
      // Without the host link the diagnostics cannot run (nor their panel load): the tab's reason says it all.
      if (this.state.linkLost === null) this.deps.openFailed(target, title);
    }
  }

  /** How a tab's first launch goes (it has no session id yet): only a connecting status, only while it opens. */
  onOpening(key: string, status: SessionStatus): void {
    const tab = this.byKey(key);
    if (tab === undefined || tab.sessionId !== null || tab.status.state !== 'connecting' || status.state !== 'connecting') return;
    this.#patch(key, (t) => ({ ...t, status }));
  }

  /** A status from the data plane, ordered after the session's bytes. */
  onStatus(sessionId: string, status: SessionStatus): void {
    const tab = this.state.tabs.find((t) => t.sessionId === sessionId);
    if (tab === undefined) return;
    this.deps.registry().get(sessionId)?.setLive(isLive(status));
    // A session live again (reopened) has a task of its own to learn about.
    // Connected again after a drop: when, for the line that says so (tab-status.ts).
    const reconnected = status.state === 'connected' && tab.status.state === 'reconnecting';
    this.#patch(tab.key, (t) => ({
      ...t,
      status,
      taskEnd: isLive(status) ? undefined : t.taskEnd,
      reconnects: t.reconnects + (status.state === 'reconnecting' && t.status.state !== 'reconnecting' ? 1 : 0),
      reconnectedAt: reconnected ? Date.now() : status.state === 'connected' ? t.reconnectedAt : undefined,
      // Resume takes over from the wait (its banner says what goes on); a new connection gets a fresh one.
      inputWaitMs: status.state === 'connected' && tab.status.state === 'connected' ? t.inputWaitMs : undefined,
    }));
  }

  /** Main says how long the session's input has gone unanswered (null: it no longer has). */
  onInputWait(sessionId: string, waitingMs: number | null): void {
    const tab = this.state.tabs.find((t) => t.sessionId === sessionId);
    if (tab === undefined || tab.status.state !== 'connected' || tab.inputWaitMs === (waitingMs ?? undefined)) return;
    this.#patch(tab.key, (t) => ({ ...t, inputWaitMs: waitingMs ?? undefined }));
  }

  /** Main changed a session's info other than by status (a recording started or finished, its ended session's task stopped). */
  onInfo(session: SessionInfo): void {
    const tab = this.state.tabs.find((t) => t.sessionId === session.id);
    if (tab !== undefined) this.#patch(tab.key, (t) => ({ ...t, recording: session.recording ?? null }));
    // Why the session ended, learnt after the close: only for a tab still showing that close (one reopened since has a new session).
    const taskEnd = session.taskEnd;
    if (tab !== undefined && taskEnd !== undefined && tab.status.state === 'closed' && tab.elsewhere !== true) this.#patch(tab.key, (t) => ({ ...t, taskEnd }));
    // A recording that could not start or stopped early: told once per problem (the session goes on).
    const problem = session.recordingError;
    if (problem !== undefined && this.#toldRecording.get(session.id) !== problem) {
      this.#toldRecording.set(session.id, problem);
      this.deps.failed(problem);
    }
  }

  /** Starts or stops recording a tab's session to a .cast file in the app's recordings folder. */
  async setRecording(key: string, enabled: boolean): Promise<void> {
    const tab = this.byKey(key);
    if (tab?.sessionId === null || tab === undefined) return;
    try {
      const path = tab.recording?.path;
      const { session } = await this.deps.client.call('sessions', 'setRecording', { id: tab.sessionId, enabled });
      this.onInfo(session);
      if (!enabled && path !== undefined) this.deps.recorded(path);
    } catch (err) {
      this.deps.failed(`Could not ${enabled ? 'start' : 'stop'} recording “${tab.title}”: ${errorText(err)}`);
    }
  }

  /** The link to the host is gone: every live tab is closed, with the reason; a clearer reason later (the host was restarted) replaces the first. */
  disconnected(reason: string): void {
    const before = this.state.linkLost;
    this.change((s) => ({ ...s, linkLost: reason }));
    for (const t of this.state.tabs) {
      if (before !== null && t.status.state === 'closed' && t.status.reason === before) {
        this.#patch(t.key, (tab) => ({ ...tab, status: { state: 'closed', reason } }));
        continue;
      }
      if (!isLive(t.status)) continue;
      if (t.sessionId) this.deps.registry().get(t.sessionId)?.setLive(false);
      this.#patch(t.key, (tab) => ({ ...tab, status: { state: 'closed', reason }, recording: null }));
    }
  }

  /** Input for the session did not reach it: its tab says what and why (one notice per tab, the latest). */
  inputRefused(sessionId: string, notice: RefusedInputNotice): void {
    const tab = this.state.tabs.find((t) => t.sessionId === sessionId);
    if (tab !== undefined) this.#patch(tab.key, (t) => ({ ...t, inputNotice: inputNoticeText(notice, this.state.linkLost) }));
  }

  dismissInputNotice(key: string): void {
    this.#patch(key, (t) => ({ ...t, inputNotice: undefined }));
  }

  /** Makes a tab the active one; in split view, activating the other visible tab keeps both showing. */
  activate(key: string): void {
    if (this.byKey(key) === undefined) return;
    this.change((s) => activated(s, key));
  }

  /** Shows a tab beside the active one. */
  showBeside(key: string): void {
    if (this.byKey(key) === undefined || key === this.state.activeKey) return;
    this.change((s) => ({ ...s, pairKey: key }));
  }

  unsplit(): void {
    this.change((s) => ({ ...s, pairKey: null }));
  }

  cycle(step: 1 | -1): void {
    const next = cycled(this.state.tabs, this.state.activeKey, step);
    if (next) this.activate(next.key);
  }

  /** Closes a tab, asking first when its session is live (settings.confirmCloseLive). */
  async close(key: string): Promise<void> {
    const tab = this.byKey(key);
    if (tab === undefined) return;
    if (isLive(tab.status) && this.deps.confirmCloseLive()) {
      const ok = await this.deps.dialogs.confirm({
        title: `Close “${tab.title}”?`,
        message: 'The session is still connected. Closing the tab ends the shell and anything running in it.',
        confirmLabel: 'Close session',
        danger: true,
      });
      if (!ok) return;
    }
    this.change((s) => closed(s, key));
    if (tab.sessionId !== null) {
      this.deps.registry().dispose(tab.sessionId);
      await this.deps.client.call('sessions', 'close', { id: tab.sessionId }).catch(() => undefined);
    }
  }

  async rename(key: string, title: string): Promise<void> {
    const tab = this.byKey(key);
    const trimmed = title.trim();
    if (tab === undefined || trimmed.length === 0 || trimmed === tab.title) return;
    this.#patch(key, (t) => ({ ...t, title: trimmed }));
    if (tab.sessionId === null) return;
    try {
      const { session } = await this.deps.client.call('sessions', 'rename', { id: tab.sessionId, title: trimmed });
      this.#patch(key, (t) => ({ ...t, title: session.title }));
    } catch {
      // A closed session may be gone from main; the local title still helps the person.
    }
  }

  /** Opens a fresh session to the same target in the same tab (and terminal). */
  async restart(key: string): Promise<void> {
    const tab = this.byKey(key);
    if (tab === undefined) return;
    if (tab.sessionId === null) {
      // The first open failed: try again from scratch in this tab's place.
      this.change((s) => ({ ...s, tabs: s.tabs.filter((t) => t.key !== key), pairKey: s.pairKey === key ? null : s.pairKey }));
      await this.open(tab.target, tab.title);
      return;
    }
    const controller = this.deps.registry().get(tab.sessionId);
    controller?.restarted();
    this.#patch(key, (t) => ({ ...t, status: { state: 'connecting', reason: 'Restarting the session' }, reconnects: 0, taskEnd: undefined }));
    try {
      const { session } = await this.deps.client.call('sessions', 'restart', { id: tab.sessionId });
      this.#patch(key, (t) => (t.status.state === 'connecting' ? { ...t, status: session.status } : t));
    } catch (err) {
      // restarted() made the terminal live; the restart failed, so it takes no input again.
      this.deps.registry().get(tab.sessionId)?.setLive(false);
      this.#patch(key, (t) => ({ ...t, status: { state: 'closed', reason: errorText(err) } }));
    }
  }

  /** Moves a tab to where another one is (drag and drop): after it when moving right, before it when moving left. */
  move(key: string, targetKey: string | null): void {
    this.change((s) => moved(s, key, targetKey));
  }

  /** Moves a tab one place left (−1) or right (+1): what dragging does, for the keyboard. */
  moveBy(key: string, step: number): void {
    this.change((s) => movedBy(s, key, step));
  }

  // Handover (session-handover.ts): tabs for sessions adopted from main, and tabs whose session
  // another window took.

  /** Tabs for adopted sessions whose terminals exist already; the first becomes active when none is. */
  /** Adds tabs for sessions taken over; with nothing showing yet, shows the ones `shown` names (the page's before a reload). */
  addAdopted(sessions: readonly SessionInfo[], shown: ShownSessions = { active: null, pair: null }): void {
    const tabs: Tab[] = sessions.map((session) => ({
      key: `tab-${this.#nextKey++}`,
      sessionId: session.id,
      title: session.title,
      target: session.target,
      status: session.status,
      reconnects: 0,
      recording: session.recording ?? null,
    }));
    this.change((s) => withAdopted(s, tabs, shown));
  }

  /** Removes the tabs of these sessions without ending them (an adopt that did not get them). */
  forgetSessions(ids: ReadonlySet<string>): void {
    this.change((s) => withoutSessions(s, ids));
  }

  /** Another window took these sessions: their tabs say so (and why) and their terminals send nothing more. */
  movedAway(ids: readonly string[], reason: string): void {
    for (const id of ids) {
      const tab = this.state.tabs.find((t) => t.sessionId === id);
      if (tab === undefined) continue;
      this.deps.registry().get(id)?.released();
      this.#patch(tab.key, (t) => ({ ...t, status: { state: 'closed', reason }, recording: null, elsewhere: true }));
    }
  }

  /**
   * The tab's session was taken back into this window. Its terminal was made afresh for the replay,
   * so the tab gets a new key too: its view mounts again and shows the new terminal.
   */
  takenBack(key: string, session: SessionInfo): void {
    const fresh = `tab-${this.#nextKey++}`;
    const rekey = (k: string | null): string | null => (k === key ? fresh : k);
    this.change((s) => ({
      ...s,
      tabs: s.tabs.map((t) => (t.key === key ? { ...t, key: fresh, status: session.status, recording: session.recording ?? null, elsewhere: false } : t)),
      activeKey: rekey(s.activeKey),
      pairKey: rekey(s.pairKey),
    }));
  }

  #patch(key: string, change: (t: Tab) => Tab): void {
    this.change((s) => ({ ...s, tabs: s.tabs.map((t) => (t.key === key ? change(t) : t)) }));
  }
}
