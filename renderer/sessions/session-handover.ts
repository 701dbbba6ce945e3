// Sessions live in main, not in the window: a window that starts (a reload, a second browser
// tab of the web host) takes every live session main holds as tabs, with the output main kept
// replayed into fresh terminals at the size it was written for. The window that had them is told
// (sessions.moved) and can take them back.
import { SESSION_HANDOVER, type AdoptableSession } from '../../shared/contract/index.js';
import { errorText, type PortholeClient } from '../bridge/client.js';
import type { TerminalRegistry } from '../terminal/terminal-registry.js';
import type { TerminalLook } from '../terminal/terminal-controller.js';
import type { SessionStore } from './session-store.js';
import type { ShownSessions } from './shown-sessions.js';

export interface HandoverDeps {
  readonly client: PortholeClient;
  readonly sessions: SessionStore;
  readonly registry: () => TerminalRegistry;
  readonly look: () => TerminalLook;
  readonly failed: (message: string) => void;
}

/** Said on a tab when the link to the host drops: its session waits in Porthole for a while. */
export const RELOAD_HINT = `A reload within ${SESSION_HANDOVER.GRACE_MS / 60_000} minutes brings this shell back; a web host that stopped ended it.`;

export class SessionHandover {
  constructor(private readonly deps: HandoverDeps) {}

  /** Takes every live session this window does not have yet (at start: after a reload, or from another window). */
  async adoptAll(wasShowing?: ShownSessions): Promise<void> {
    const candidates = await this.#adoptable();
    const shown = new Set(this.deps.sessions.state.tabs.map((t) => t.sessionId));
    const fresh = candidates.filter((a) => !shown.has(a.session.id));
    if (fresh.length === 0) return;
    for (const a of fresh) this.#terminalFor(a);
    this.deps.sessions.addAdopted(fresh.map((a) => a.session), wasShowing);
    await this.#adopt(fresh.map((a) => a.session.id));
  }

  /** Takes back the session of a tab another window took (that window is told in turn). */
  async takeBack(key: string): Promise<void> {
    const tab = this.deps.sessions.byKey(key);
    if (tab === undefined || tab.sessionId === null || tab.elsewhere !== true) return;
    const id = tab.sessionId;
    const found = (await this.#adoptable()).find((a) => a.session.id === id);
    if (found === undefined) {
      this.deps.failed(`“${tab.title}” has ended meanwhile; there is nothing to take back.`);
      return;
    }
    // A fresh terminal: the replay brings the text back, so the old one would show it twice.
    this.deps.registry().dispose(id);
    this.#terminalFor(found);
    this.deps.sessions.takenBack(key, found.session);
    await this.#adopt([id]);
  }

  async #adoptable(): Promise<AdoptableSession[]> {
    try {
      return (await this.deps.client.call('sessions', 'adoptable', {})).sessions;
    } catch (err) {
      this.deps.failed(`Could not ask Porthole for its open sessions: ${errorText(err)}`);
      return [];
    }
  }

  /** The terminal exists before adopt is called: the replay may arrive before adopt's reply. */
  #terminalFor(a: AdoptableSession): void {
    this.deps.registry().create(a.session.id, this.deps.look(), { cols: a.cols, rows: a.rows });
  }

  async #adopt(ids: string[]): Promise<void> {
    let taken: Set<string>;
    try {
      taken = new Set((await this.deps.client.call('sessions', 'adopt', { ids })).sessions.map((s) => s.id));
    } catch (err) {
      taken = new Set();
      this.deps.failed(`Could not take over the open sessions: ${errorText(err)}`);
    }
    // Sessions that ended between the list and the adopt: no tab for them.
    const gone = new Set(ids.filter((id) => !taken.has(id)));
    if (gone.size === 0) return;
    for (const id of gone) this.deps.registry().dispose(id);
    this.deps.sessions.forgetSessions(gone);
  }
}
