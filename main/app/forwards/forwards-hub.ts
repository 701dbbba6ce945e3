// Every forward of the app, across profiles and regions: one ForwardManager per profile and
// region (each StartSession needs that profile's credentials and endpoint), contract shapes
// out, `updated` and `stats` events to every window (forwards are app-wide, not per window).
import { join } from 'node:path';
import type { ForwardInfo, ForwardSpec, ForwardStats, SavedForward } from '../../../shared/contract/index.js';
import type { AwsService } from '../../aws/aws-service.js';
import type { BackoffSchedule } from '../../ssm/connection/constants.js';
import { ForwardError, ForwardManager, FORWARDS, type RestartSchedule } from '../../sessions/forwards/index.js';
import { forwardInfo, forwardStats, managerSpec } from './mapping.js';
import { SavedForwards } from './saved-forwards.js';

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

interface Entry {
  readonly spec: ForwardSpec;
  readonly manager: ForwardManager;
}

export class ForwardsHub {
  readonly saved: SavedForwards;
  readonly #managers = new Map<string, ForwardManager>();
  readonly #entries = new Map<string, Entry>();
  readonly #statsTimer: NodeJS.Timeout;

  constructor(private readonly options: ForwardsHubOptions) {
    this.saved = new SavedForwards(options.dataDir);
    // Rates move every sample even when nothing else changes.
    this.#statsTimer = setInterval(() => this.#emitAllStats(), FORWARDS.RATE_SAMPLE_MS);
    this.#statsTimer.unref();
  }

  async create(spec: ForwardSpec): Promise<ForwardInfo> {
    const manager = await this.#managerFor(spec.target.profile, spec.target.region);
    const status = await manager.create(managerSpec(spec));
    this.#entries.set(status.id, { spec, manager });
    const info = forwardInfo(status.id, spec, status);
    this.options.events.updated({ id: status.id, forward: info });
    return info;
  }

  list(): ForwardInfo[] {
    return [...this.#entries.entries()].map(([id, e]) => forwardInfo(id, e.spec, e.manager.get(id)));
  }

  async stop(id: string): Promise<ForwardInfo> {
    const e = this.#find(id);
    return forwardInfo(id, e.spec, await e.manager.stop(id));
  }

  async restart(id: string): Promise<ForwardInfo> {
    const e = this.#find(id);
    return forwardInfo(id, e.spec, await e.manager.restart(id));
  }

  async remove(id: string): Promise<void> {
    const e = this.#find(id);
    await e.manager.remove(id);
    this.#entries.delete(id);
    this.options.events.updated({ id, forward: null, note: 'removed' });
  }

  setAutoRestart(id: string, enabled: boolean): ForwardInfo {
    const e = this.#find(id);
    const spec = { ...e.spec, autoRestart: enabled };
    this.#entries.set(id, { ...e, spec });
    // The manager reads its spec's autoRestart when a session ends; the status hands out that object.
    e.manager.get(id).spec.autoRestart = enabled;
    const info = forwardInfo(id, spec, e.manager.get(id));
    this.options.events.updated({ id, forward: info });
    return info;
  }

  async save(id: string): Promise<SavedForward> {
    return this.saved.add(this.#find(id).spec);
  }

  async restore(savedId: string): Promise<ForwardInfo> {
    const saved = await this.saved.get(savedId);
    if (saved === undefined) throw new ForwardError('not-found', `No saved forward with id ${savedId}.`);
    return this.create(saved.spec);
  }

  async forget(savedId: string): Promise<void> {
    if (!(await this.saved.remove(savedId))) throw new ForwardError('not-found', `No saved forward with id ${savedId}.`);
  }

  /** Stops every forward (app quit); saved ones stay saved. */
  async close(): Promise<void> {
    clearInterval(this.#statsTimer);
    await Promise.all([...this.#managers.values()].map((m) => m.close()));
    this.#managers.clear();
  }

  #find(id: string): Entry {
    const e = this.#entries.get(id);
    if (e === undefined) throw new ForwardError('not-found', `No forward with id ${id}.`);
    return e;
  }

  async #managerFor(profile: string, region: string): Promise<ForwardManager> {
    const key = JSON.stringify([profile, region]);
    const existing = this.#managers.get(key);
    if (existing !== undefined) return existing;
    const startSession = await this.options.aws.portStarter(profile, region);
    const again = this.#managers.get(key); // another create raced us through the await
    if (again !== undefined) return again;
    const manager = new ForwardManager({
      // Each manager's own store is unused (saving is ours, in contract terms); keep them apart anyway.
      dataDir: join(this.options.dataDir, 'forward-managers', encodeURIComponent(key)),
      startSession,
      ...(this.options.restartSchedule ? { restartSchedule: this.options.restartSchedule } : {}),
      ...(this.options.reconnectBackoff ? { reconnectBackoff: this.options.reconnectBackoff } : {}),
    });
    manager.on('changed', (id) => this.#changed(id));
    this.#managers.set(key, manager);
    return manager;
  }

  #changed(id: string): void {
    const e = this.#entries.get(id);
    if (e === undefined) return; // still inside create(); it reports the forward itself
    const status = e.manager.get(id);
    this.options.events.updated({ id, forward: forwardInfo(id, e.spec, status) });
    this.options.events.stats(forwardStats(id, status));
  }

  #emitAllStats(): void {
    for (const [id, e] of this.#entries) {
      const status = e.manager.get(id);
      if (status.state === 'stopped' || status.state === 'failed') continue;
      this.options.events.stats(forwardStats(id, status));
    }
  }
}
