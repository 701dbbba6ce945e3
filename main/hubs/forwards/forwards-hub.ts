// Every forward of the app, across profiles and regions: one ForwardManager whose StartSession
// picks the profile's credentials and endpoint from the spec, contract shapes out, `updated` and
// `stats` events to every window (forwards are app-wide, not per window). Saved forwards live in
// the manager's one store (setSaved / restoreSaved): loaded stopped when the app first asks for
// forwards, listed as saved, and started only when the person restores one.
import { randomUUID } from 'node:crypto';
import type { ForwardInfo, ForwardSpec, ForwardStats, SavedForward } from '../../../shared/contract/index.js';
import type { AwsService } from '../../aws/aws-service.js';
import type { BackoffSchedule } from '../../ssm/connection/constants.js';
import { ForwardError, ForwardManager, FORWARDS, type RestartSchedule } from '../../sessions/forwards/index.js';
import { forwardInfo, forwardStats, managerSpec } from './mapping.js';
import { restoreSavedForwards } from './restore-saved.js';
import { SavedDetails } from './saved-details.js';

export interface ForwardsEvents {
  updated(e: { id: string; forward: ForwardInfo | null; note?: string }): void;
  stats(s: ForwardStats): void;
}

export interface ForwardsHubOptions {
  readonly aws: AwsService;
  readonly dataDir: string;
  readonly events: ForwardsEvents;
  readonly restartSchedule?: RestartSchedule;
  readonly reconnectBackoff?: BackoffSchedule;
}

/**
 * A forward in the panel. Its id is the manager's, except for a saved forward restored after it
 * was removed from the panel: that shows as a new forward, as the contract says.
 */
interface Entry {
  readonly managerId: string;
}

export class ForwardsHub {
  /** The saved list, for the forwards service (savedId = the manager's forward id). */
  readonly saved = { list: (): Promise<SavedForward[]> => this.#listSaved() };
  readonly #manager: ForwardManager;
  readonly #details: SavedDetails;
  readonly #entries = new Map<string, Entry>();
  /** Contract spec of every forward the manager holds, by manager id. */
  readonly #specs = new Map<string, ForwardSpec>();
  /**
   * Saved forwards removed from the panel: stopped, kept by the manager so they stay saved (a
   * saved forward loaded at start-up and not restored yet is in the manager with no entry either).
   */
  readonly #hidden = new Set<string>();
  readonly #statsTimer: NodeJS.Timeout;
  #ready: Promise<void> | undefined;

  constructor(private readonly options: ForwardsHubOptions) {
    this.#details = new SavedDetails(options.dataDir);
    this.#manager = new ForwardManager({
      dataDir: options.dataDir,
      startSession: options.aws.startPortSession,
      ...(options.restartSchedule ? { restartSchedule: options.restartSchedule } : {}),
      ...(options.reconnectBackoff ? { reconnectBackoff: options.reconnectBackoff } : {}),
    });
    this.#manager.on('changed', (id) => this.#changed(id));
    // Rates move every sample even when nothing else changes.
    this.#statsTimer = setInterval(() => this.#emitAllStats(), FORWARDS.RATE_SAMPLE_MS);
    this.#statsTimer.unref();
  }

  /** Moves the old saved file in, then loads every saved forward, stopped (once). */
  ready(): Promise<void> {
    this.#ready ??= restoreSavedForwards(this.options.dataDir, this.#manager, this.#details, (line) => console.warn(line)).then(
      (restored) => {
        for (const { status, spec } of restored) this.#specs.set(status.id, spec);
      },
      (err: unknown) => console.warn(`porthole: saved forwards could not be restored: ${err instanceof Error ? err.message : String(err)}`),
    );
    return this.#ready;
  }

  async create(spec: ForwardSpec): Promise<ForwardInfo> {
    await this.ready();
    const status = await this.#manager.create(managerSpec(spec));
    this.#specs.set(status.id, spec);
    this.#entries.set(status.id, { managerId: status.id });
    const info = forwardInfo(status.id, spec, status);
    this.options.events.updated({ id: status.id, forward: info });
    return info;
  }

  /** What is listed now; the first call also loads the saved forwards (for `saved.list`). */
  list(): ForwardInfo[] {
    void this.ready();
    return [...this.#entries.keys()].map((id) => this.#info(id));
  }

  async stop(id: string): Promise<ForwardInfo> {
    await this.#manager.stop(this.#find(id).managerId);
    return this.#info(id);
  }

  async restart(id: string): Promise<ForwardInfo> {
    await this.#manager.restart(this.#find(id).managerId);
    return this.#info(id);
  }

  /** Gone from the panel; a saved forward is only stopped, so it stays saved. */
  async remove(id: string): Promise<void> {
    const { managerId } = this.#find(id);
    if (this.#manager.get(managerId).saved) {
      await this.#manager.stop(managerId);
      this.#hidden.add(managerId);
    } else {
      await this.#manager.remove(managerId);
      this.#specs.delete(managerId);
    }
    this.#entries.delete(id);
    this.options.events.updated({ id, forward: null, note: 'removed' });
  }

  async setAutoRestart(id: string, enabled: boolean): Promise<ForwardInfo> {
    const { managerId } = this.#find(id);
    const spec = this.#specOf(managerId);
    this.#specs.set(managerId, { ...spec, autoRestart: enabled });
    await this.#manager.setAutoRestart(managerId, enabled);
    const info = this.#info(id);
    this.options.events.updated({ id, forward: info });
    return info;
  }

  async save(id: string): Promise<SavedForward> {
    const { managerId } = this.#find(id);
    const spec = this.#specOf(managerId);
    const savedAt = Date.now();
    await this.#manager.setSaved(managerId, true);
    await this.#details.set(managerId, { target: spec.target, savedAt });
    return { savedId: managerId, spec, savedAt };
  }

  /** Starts a saved forward again: listed anew if it had been removed, otherwise started if stopped. */
  async restore(savedId: string): Promise<ForwardInfo> {
    await this.ready();
    this.#savedOrThrow(savedId);
    let id = [...this.#entries].find(([, e]) => e.managerId === savedId)?.[0];
    if (id === undefined) {
      // A forward removed from the panel earlier comes back under a new id (its old one is gone).
      id = this.#hidden.has(savedId) ? randomUUID() : savedId;
      this.#hidden.delete(savedId);
      this.#entries.set(id, { managerId: savedId });
    }
    await this.#manager.restore(savedId);
    const info = this.#info(id);
    this.options.events.updated({ id, forward: info });
    return info;
  }

  /** No longer saved; a forward still in the panel keeps running. */
  async forget(savedId: string): Promise<void> {
    await this.ready();
    this.#savedOrThrow(savedId);
    await this.#manager.setSaved(savedId, false);
    await this.#details.delete(savedId);
    this.#hidden.delete(savedId);
    if (this.#idOf(savedId) === undefined) {
      // Not in the panel: nothing is left to show or run.
      await this.#manager.remove(savedId);
      this.#specs.delete(savedId);
    }
  }

  /** Stops every forward (app quit); saved ones stay saved. */
  async close(): Promise<void> {
    clearInterval(this.#statsTimer);
    // A restore still starting forwards would start them after the stop below.
    await this.#ready;
    await this.#manager.close();
  }

  async #listSaved(): Promise<SavedForward[]> {
    await this.ready();
    const out: SavedForward[] = [];
    for (const s of this.#manager.list()) {
      const spec = this.#specs.get(s.id);
      if (!s.saved || spec === undefined) continue;
      out.push({ savedId: s.id, spec, savedAt: (await this.#details.get(s.id))?.savedAt ?? 0 });
    }
    return out;
  }

  #savedOrThrow(savedId: string): void {
    const saved = this.#manager.list().some((s) => s.id === savedId && s.saved);
    if (!saved) throw new ForwardError('not-found', `No saved forward with id ${savedId}.`);
  }

  #find(id: string): Entry {
    const e = this.#entries.get(id);
    if (e === undefined) throw new ForwardError('not-found', `No forward with id ${id}.`);
    return e;
  }

  #specOf(managerId: string): ForwardSpec {
    const spec = this.#specs.get(managerId);
    if (spec === undefined) throw new ForwardError('not-found', `No forward with id ${managerId}.`);
    return spec;
  }

  #info(id: string): ForwardInfo {
    const { managerId } = this.#find(id);
    return forwardInfo(id, this.#specOf(managerId), this.#manager.get(managerId));
  }

  #idOf(managerId: string): string | undefined {
    return [...this.#entries].find(([, e]) => e.managerId === managerId)?.[0];
  }

  #changed(managerId: string): void {
    const id = this.#idOf(managerId);
    if (id === undefined) return; // still inside create() or restore, or removed from the panel
    const status = this.#manager.get(managerId);
    this.options.events.updated({ id, forward: this.#info(id) });
    this.options.events.stats(forwardStats(id, status));
  }

  #emitAllStats(): void {
    for (const [id, e] of this.#entries) {
      const status = this.#manager.get(e.managerId);
      if (status.state === 'stopped' || status.state === 'failed') continue;
      this.options.events.stats(forwardStats(id, status));
    }
  }
}
