// Every forward of the app, across profiles and regions: one ForwardManager whose StartSession
// picks the profile's credentials and endpoint from the spec, contract shapes out, `updated` and
// `stats` events to every window (forwards are app-wide, not per window).
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
}

export class ForwardsHub {
  readonly saved: SavedForwards;
  readonly #manager: ForwardManager;
  readonly #entries = new Map<string, Entry>();
  readonly #statsTimer: NodeJS.Timeout;

  constructor(private readonly options: ForwardsHubOptions) {
    this.saved = new SavedForwards(options.dataDir);
    this.#manager = new ForwardManager({
      // The manager's own saved list stays unused: saving is ours, in contract terms.
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

  async create(spec: ForwardSpec): Promise<ForwardInfo> {
    const status = await this.#manager.create(managerSpec(spec));
    this.#entries.set(status.id, { spec });
    const info = forwardInfo(status.id, spec, status);
    this.options.events.updated({ id: status.id, forward: info });
    return info;
  }

  list(): ForwardInfo[] {
    return [...this.#entries.entries()].map(([id, e]) => forwardInfo(id, e.spec, this.#manager.get(id)));
  }

  async stop(id: string): Promise<ForwardInfo> {
    const e = this.#find(id);
    return forwardInfo(id, e.spec, await this.#manager.stop(id));
  }

  async restart(id: string): Promise<ForwardInfo> {
    const e = this.#find(id);
    return forwardInfo(id, e.spec, await this.#manager.restart(id));
  }

  async remove(id: string): Promise<void> {
    this.#find(id);
    await this.#manager.remove(id);
    this.#entries.delete(id);
    this.options.events.updated({ id, forward: null, note: 'removed' });
  }

  async setAutoRestart(id: string, enabled: boolean): Promise<ForwardInfo> {
    const e = this.#find(id);
    const spec = { ...e.spec, autoRestart: enabled };
    this.#entries.set(id, { ...e, spec });
    const info = forwardInfo(id, spec, await this.#manager.setAutoRestart(id, enabled));
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
    await this.#manager.close();
  }

  #find(id: string): Entry {
    const e = this.#entries.get(id);
    if (e === undefined) throw new ForwardError('not-found', `No forward with id ${id}.`);
    return e;
  }

  #changed(id: string): void {
    const e = this.#entries.get(id);
    if (e === undefined) return; // still inside create(); it reports the forward itself
    const status = this.#manager.get(id);
    this.options.events.updated({ id, forward: forwardInfo(id, e.spec, status) });
    this.options.events.stats(forwardStats(id, status));
  }

  #emitAllStats(): void {
    for (const [id, e] of this.#entries) {
      const status = this.#manager.get(id);
      if (status.state === 'stopped' || status.state === 'failed') continue;
      this.options.events.stats(forwardStats(id, status));
    }
  }
}
