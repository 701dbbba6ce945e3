/**
 * The forward manager behind the Forwards panel: create / list / stop / restart / remove forwards,
 * persist the saved ones, and restore them at start-up.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { BackoffSchedule } from '../../ssm/connection/constants.js';
import type { RestartSchedule } from './backoff.js';
import { FORWARDS } from './constants.js';
import { ForwardError } from './errors.js';
import { Forward } from './forward.js';
import { ForwardStore, parseSpec } from './store.js';
import type { ForwardSpec, ForwardStatus, StartPortSession } from './types.js';

export interface ForwardManagerOptions {
  /** The app's data directory; saved forwards go to `forwards.json` in it. */
  dataDir: string;
  /** Starts a port session (the app: discovery's StartSession; tests: the sandbox's SSM API). */
  startSession: StartPortSession;
  restartSchedule?: RestartSchedule;
  reconnectBackoff?: BackoffSchedule;
}

export interface ForwardManagerEvents {
  /** Something about a forward changed (state, connections); the panel re-reads `list()`. */
  changed: [id: string];
}

export class ForwardManager extends EventEmitter<ForwardManagerEvents> {
  private readonly forwards = new Map<string, Forward>();
  private readonly store: ForwardStore;
  private readonly rateTimer: NodeJS.Timeout;

  constructor(private readonly options: ForwardManagerOptions) {
    super();
    this.store = new ForwardStore(options.dataDir);
    this.rateTimer = setInterval(() => this.forwards.forEach((f) => f.sampleRates()), FORWARDS.RATE_SAMPLE_MS);
    this.rateTimer.unref();
  }

  /** Starts a forward. Throws ForwardError (e.g. 'port-in-use') when its listener cannot bind. */
  async create(spec: ForwardSpec, options: { save?: boolean } = {}): Promise<ForwardStatus> {
    let valid: ForwardSpec;
    try {
      valid = parseSpec(spec);
    } catch (error) {
      throw new ForwardError('invalid-spec', `Invalid forward: ${error instanceof Error ? error.message : String(error)}`);
    }
    const forward = this.make(randomUUID(), valid, options.save ?? false);
    this.forwards.set(forward.id, forward); // listed from the first 'changed' event on
    try {
      await forward.start();
    } catch (error) {
      this.forwards.delete(forward.id); // a bind failure leaves nothing behind
      throw error;
    }
    if (forward.saved) await this.persist();
    return forward.status();
  }

  list(): ForwardStatus[] {
    return [...this.forwards.values()].map((f) => f.status());
  }

  get(id: string): ForwardStatus {
    return this.find(id).status();
  }

  /** Stops the forward (port freed, TerminateSession sent); it stays listed and can be restarted. */
  async stop(id: string): Promise<ForwardStatus> {
    const forward = this.find(id);
    await forward.stop();
    return forward.status();
  }

  /** Stops then starts again with a fresh session (same local port when it was chosen). */
  async restart(id: string): Promise<ForwardStatus> {
    const forward = this.find(id);
    await forward.stop();
    await forward.start();
    return forward.status();
  }

  /** Stops and forgets a forward, saved or not. */
  async remove(id: string): Promise<void> {
    const forward = this.find(id);
    await forward.stop();
    this.forwards.delete(id);
    if (forward.saved) await this.persist();
  }

  /** Keeps (or stops keeping) a forward in the saved list. */
  async setSaved(id: string, saved: boolean): Promise<ForwardStatus> {
    const forward = this.find(id);
    forward.saved = saved;
    await this.persist();
    return forward.status();
  }

  /** Turns restart-with-backoff on or off for a forward (persisted when it is saved). */
  async setAutoRestart(id: string, enabled: boolean): Promise<ForwardStatus> {
    const forward = this.find(id);
    forward.spec.autoRestart = enabled;
    if (forward.saved) await this.persist();
    return forward.status();
  }

  /** Starts one saved forward by id (listing it if this run had not yet). */
  async restore(id: string): Promise<ForwardStatus> {
    const existing = this.forwards.get(id);
    if (existing) {
      await existing.start();
      return existing.status();
    }
    const saved = (await this.store.load()).find((f) => f.id === id);
    if (!saved) throw new ForwardError('not-found', `No saved forward with id ${id}.`);
    const forward = this.make(id, saved.spec, true);
    this.forwards.set(id, forward);
    await forward.start().catch(() => undefined); // state 'failed' + lastError tell the user
    return forward.status();
  }

  /**
   * Loads every saved forward and, unless `start` is false, starts it. One that cannot bind is
   * listed as 'failed' with its reason; the others start regardless. Loaded but not started, a
   * saved forward is 'stopped' until `restore(id)`, and stays in the store when others are saved.
   */
  async restoreSaved(options: { readonly start?: boolean } = {}): Promise<ForwardStatus[]> {
    for (const { id, spec } of await this.store.load()) {
      if (this.forwards.has(id)) continue;
      const forward = this.make(id, spec, true);
      this.forwards.set(id, forward);
      if (options.start === false) continue;
      await forward.start().catch(() => undefined); // state 'failed' + lastError tell the user
    }
    return this.list();
  }

  /** Stops every forward (app quit). Saved forwards stay saved. */
  async close(): Promise<void> {
    clearInterval(this.rateTimer);
    await Promise.all([...this.forwards.values()].map((f) => f.stop()));
  }

  /** Test and diagnostics hook: the live data channel of a forward's current session. */
  dataChannelOf(id: string): ReturnType<Forward['currentDataChannelOf']> {
    return this.find(id).currentDataChannelOf();
  }

  private make(id: string, spec: ForwardSpec, saved: boolean): Forward {
    return new Forward(
      id,
      spec,
      {
        startSession: this.options.startSession,
        onChange: () => this.emit('changed', id),
        ...(this.options.restartSchedule ? { restartSchedule: this.options.restartSchedule } : {}),
        ...(this.options.reconnectBackoff ? { reconnectBackoff: this.options.reconnectBackoff } : {}),
      },
      saved,
    );
  }

  private find(id: string): Forward {
    const forward = this.forwards.get(id);
    if (!forward) throw new ForwardError('not-found', `No forward with id ${id}.`);
    return forward;
  }

  private persist(): Promise<void> {
    const saved = [...this.forwards.values()].filter((f) => f.saved).map((f) => ({ id: f.id, spec: f.spec }));
    return this.store.save(saved);
  }
}
