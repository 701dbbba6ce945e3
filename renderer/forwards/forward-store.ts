// Port forwards (app-wide, shared by every window): their info, live stats, saved specs, and
// the actions on them. Errors come back as plain-words messages for the panel.
import type { ForwardInfo, ForwardSpec, ForwardStats, SavedForward } from '../../shared/contract/index.js';
import { errorText, type PortholeClient } from '../bridge/client.js';
import { Store } from '../state/store.js';
import { failedAnnouncement } from './forward-row-names.js';

/**
 * What the panel's live region says, numbered: each announcement is a new one (ForwardsPanel
 * renders it as a new node), so one that says the same as the last is read out again.
 */
export interface Announcement {
  readonly text: string;
  /** 0 before the first. */
  readonly seq: number;
}

export interface ForwardsState {
  readonly forwards: readonly ForwardInfo[];
  readonly stats: ReadonlyMap<string, ForwardStats>;
  readonly saved: readonly SavedForward[];
  readonly error: string | null;
  readonly loaded: boolean;
  /** The link to the host (which runs the forwards) is lost: the list is only how they were last seen. */
  readonly linkLost: boolean;
  /** …and a new start of the web host is on its address: these forwards ended with the previous run. */
  readonly hostRestarted: boolean;
  /** The last thing the panel's live region says: a row's Save (which shows no dialog), a forward going down. */
  readonly announcement: Announcement;
}

export type ForwardAction = 'stop' | 'restart' | 'remove' | 'save';

export class ForwardStore extends Store<ForwardsState> {
  #started = false;

  constructor(private readonly client: PortholeClient) {
    super({ forwards: [], stats: new Map(), saved: [], error: null, loaded: false, linkLost: false, hostRestarted: false, announcement: { text: '', seq: 0 } });
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.client.onDisconnect((_reason, hostRestarted) => this.change((s) => ({ ...s, linkLost: true, hostRestarted })));
    this.client.on('forwards', 'updated', ({ id, forward }) => this.#upsert(id, forward));
    this.client.on('forwards', 'stats', (stats) =>
      this.change((s) => {
        const next = new Map(s.stats);
        next.set(stats.id, stats);
        return { ...s, stats: next };
      }),
    );
    void this.reload();
  }

  async reload(): Promise<void> {
    try {
      // Saved first: main answers it once saved forwards are restored, so the list that follows includes them.
      const { saved } = await this.client.call('forwards', 'saved', {});
      const { forwards, stats } = await this.client.call('forwards', 'list', {});
      // A stopped forward's last totals come only from here (main sends stats events for running ones).
      this.change((s) => ({ ...s, forwards, stats: new Map([...s.stats, ...stats.map((x) => [x.id, x] as const)]), saved, error: null, loaded: true }));
    } catch (err) {
      this.change((s) => ({ ...s, error: errorText(err), loaded: true }));
    }
  }

  /** Creates a forward; resolves with it, or throws a ContractError told in plain words. */
  async create(spec: ForwardSpec): Promise<ForwardInfo> {
    const { forward } = await this.client.call('forwards', 'create', { spec });
    this.#upsert(forward.id, forward);
    return forward;
  }

  /**
   * Gives a forward new settings (main restarts a running one on them); resolves with it, or
   * throws a ContractError told in plain words (a taken local port: the forward is unchanged).
   */
  async edit(id: string, spec: ForwardSpec): Promise<ForwardInfo> {
    const { forward } = await this.client.call('forwards', 'edit', { id, spec });
    this.#upsert(forward.id, forward);
    // A saved forward's entry took the new settings: the Saved list shows them.
    if (forward.savedId !== undefined) await this.#reloadSaved();
    return forward;
  }

  /** Saves a forward, or forgets its saved entry; throws (for the form to say) when that fails. */
  async setSaved(id: string, savedId: string | null, saved: boolean): Promise<void> {
    if (saved) await this.client.call('forwards', 'save', { id });
    else if (savedId !== null) await this.client.call('forwards', 'forget', { savedId });
    await this.#reloadSaved();
  }

  /** Whether it worked; a failure is the panel's error. */
  async act(id: string, action: ForwardAction): Promise<boolean> {
    try {
      if (action === 'remove') {
        await this.client.call('forwards', 'remove', { id });
        this.#upsert(id, null);
      } else if (action === 'save') {
        await this.client.call('forwards', 'save', { id });
        await this.#reloadSaved();
      } else {
        const { forward } = await this.client.call('forwards', action, { id });
        this.#upsert(id, forward);
      }
      this.change((s) => ({ ...s, error: null }));
      return true;
    } catch (err) {
      this.change((s) => ({ ...s, error: errorText(err) }));
      return false;
    }
  }

  /** Says this in the panel's live region (to a screen reader; nothing shows), even if it said the same last time. */
  announce(text: string): void {
    this.change((s) => ({ ...s, announcement: { text, seq: s.announcement.seq + 1 } }));
  }

  async setAutoRestart(id: string, enabled: boolean): Promise<void> {
    try {
      const { forward } = await this.client.call('forwards', 'setAutoRestart', { id, enabled });
      this.#upsert(id, forward);
    } catch (err) {
      this.change((s) => ({ ...s, error: errorText(err) }));
    }
  }

  async restore(savedId: string): Promise<void> {
    try {
      const { forward } = await this.client.call('forwards', 'restore', { savedId });
      this.#upsert(forward.id, forward);
      this.change((s) => ({ ...s, error: null }));
    } catch (err) {
      this.change((s) => ({ ...s, error: errorText(err) }));
    }
  }

  /** Forgets a saved forward; false (the panel's error says why) when that failed. */
  async forget(savedId: string): Promise<boolean> {
    try {
      await this.client.call('forwards', 'forget', { savedId });
      await this.#reloadSaved();
      return true;
    } catch (err) {
      this.change((s) => ({ ...s, error: errorText(err) }));
      return false;
    }
  }

  dismissError(): void {
    this.change((s) => ({ ...s, error: null }));
  }

  async #reloadSaved(): Promise<void> {
    const { saved } = await this.client.call('forwards', 'saved', {});
    this.change((s) => ({ ...s, saved }));
  }

  #upsert(id: string, forward: ForwardInfo | null): void {
    this.change((s) => {
      const previous = s.forwards.find((f) => f.id === id);
      const forwards = forward === null ? s.forwards.filter((f) => f.id !== id) : previous !== undefined ? s.forwards.map((f) => (f.id === id ? forward : f)) : [...s.forwards, forward];
      // A forward that goes down is said, every time (the same forward failing the same way again too).
      const wentDown = forward !== null && forward.state === 'failed' && previous?.state !== 'failed';
      const announcement = wentDown ? { text: failedAnnouncement(forward, forward.error), seq: s.announcement.seq + 1 } : s.announcement;
      return { ...s, forwards, announcement };
    });
  }
}
