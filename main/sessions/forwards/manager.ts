/**
 * The forward manager behind the Forwards panel: create / list / start / stop / restart / edit / remove
 * live forwards. It keeps nothing on disk: saved forwards belong to the app's forward store.
 */
import { randomUUID } from 'node:crypto';
import { Emitter } from '../../ssm/util/emitter.js';
import type { BackoffSchedule } from '../../ssm/connection/constants.js';
import type { RestartSchedule } from './backoff.js';
import { FORWARDS } from './constants.js';
import { ForwardError, localBindProblemOf } from './errors.js';
import { Forward } from './forward.js';
import { probeListen } from './listener.js';
import { parseSpec } from './spec.js';
import { localPortHeldText } from '../../../shared/messages/forwards.js';
import { listenAddressesOverlap } from './local-address.js';
import type { ForwardSpec, ForwardStatus, RestartPolicy, Retarget, StartPortSession } from './types.js';

export interface ForwardManagerOptions {
  /** Starts a port session (the app: discovery's StartSession; tests: the sandbox's SSM API). */
  startSession: StartPortSession;
  restartSchedule?: RestartSchedule;
  /** Which failed session starts auto-restart gives up on (default: none). */
  restartPolicy?: RestartPolicy;
  reconnectBackoff?: BackoffSchedule;
  /** The task a following forward (spec.follow) starts each session on; without it, follow is ignored. */
  retarget?: Retarget;
  /**
   * A forward's target as people know it (the app: the tree's name, e.g. "bastion"), by forward
   * id, for the sentence naming a forward that holds a local port; default, the SSM target id.
   */
  targetNameOf?(id: string): string | undefined;
}

export interface ForwardManagerEvents {
  /** Something about a forward changed (state, connections); the panel re-reads `list()`. */
  changed: [id: string];
}

export class ForwardManager extends Emitter<ForwardManagerEvents> {
  private readonly forwards = new Map<string, Forward>();
  private readonly rateTimer: NodeJS.Timeout;

  constructor(private readonly options: ForwardManagerOptions) {
    super();
    this.rateTimer = setInterval(() => this.forwards.forEach((f) => f.sampleRates()), FORWARDS.RATE_SAMPLE_MS);
    this.rateTimer.unref();
  }

  /**
   * Starts a forward (under `options.id` when given, e.g. a saved forward's id). Throws
   * ForwardError (e.g. 'port-in-use') when its listener cannot bind, and keeps nothing; with
   * `keepWhenUnbound` the forward stays listed instead, failed on that local problem (a saved
   * forward restored into the panel, whose row then says what to do about the port).
   */
  async create(spec: ForwardSpec, options: { id?: string; keepWhenUnbound?: boolean } = {}): Promise<ForwardStatus> {
    const valid = validSpec(spec);
    const id = options.id ?? randomUUID();
    if (this.forwards.has(id)) throw new ForwardError('invalid-spec', `A forward with id ${id} exists already.`);
    const forward = this.make(id, valid);
    this.forwards.set(forward.id, forward); // listed from the first 'changed' event on
    try {
      await forward.start();
    } catch (error) {
      if (options.keepWhenUnbound === true && localBindProblemOf(error) !== undefined) return forward.status();
      this.forwards.delete(forward.id); // a bind failure leaves nothing behind
      throw error;
    }
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

  /** Starts a stopped or failed forward again; one already running is left as it is. */
  async start(id: string): Promise<ForwardStatus> {
    const forward = this.find(id);
    await forward.start().catch(() => undefined); // state 'failed' + lastError tell the user
    return forward.status();
  }

  /**
   * Stops then starts again with a fresh session (same local port when it was chosen). A port
   * that cannot be bound now leaves it failed, said once by its state and lastError (as start).
   */
  async restart(id: string): Promise<ForwardStatus> {
    const forward = this.find(id);
    await forward.stop();
    await forward.start().catch(() => undefined);
    return forward.status();
  }

  /**
   * Gives a forward new settings (target, remote host and port, local port, name…), keeping its id.
   * A running or failed one starts again on them: its old listener is closed first, so live
   * connections through the old port end. A stopped one stays stopped until started. A local port
   * that cannot be listened on is refused (ForwardError, in the row's words) before anything is
   * touched: the forward keeps its settings and, if running, keeps running on its old port.
   */
  async edit(id: string, spec: ForwardSpec): Promise<ForwardStatus> {
    const forward = this.find(id);
    const valid = validSpec(spec);
    const before = forward.status();
    const address = valid.localAddress ?? FORWARDS.DEFAULT_LOCAL_ADDRESS;
    const port = valid.localPort ?? 0;
    // Its own port (typed again, or on an address its listener covers or is covered by) is not
    // "taken": it is let go just before the new start binds it. Should something else hold the
    // new address there, that start fails and the forward goes back to its old settings.
    const ownPort = forward.listening && port === before.localPort && listenAddressesOverlap(address, before.localAddress);
    if (port !== 0) {
      const held = this.heldBy(address, port, id);
      if (held !== undefined) throw new ForwardError('port-in-use', held);
      if (!ownPort) await probeListen(address, port);
    }
    const restart = before.state !== 'stopped';
    const previous = forward.spec;
    if (restart) await forward.stop();
    forward.reconfigure(valid);
    if (!restart) return forward.status();
    try {
      await forward.start();
    } catch (error) {
      // Another program took the port between the check and the start: back to the old settings.
      forward.reconfigure(previous);
      await forward.start().catch(() => undefined);
      throw error;
    }
    return forward.status();
  }

  /** Stops and forgets a forward. */
  async remove(id: string): Promise<void> {
    const forward = this.find(id);
    await forward.stop();
    this.forwards.delete(id);
  }

  /** Turns restart-with-backoff on or off for a forward. */
  async setAutoRestart(id: string, enabled: boolean): Promise<ForwardStatus> {
    const forward = this.find(id);
    forward.spec.autoRestart = enabled;
    return forward.status();
  }

  /** Stops every forward (app quit). */
  async close(): Promise<void> {
    clearInterval(this.rateTimer);
    await Promise.all([...this.forwards.values()].map((f) => f.stop()));
  }

  /** Test and diagnostics hook: the live data channel of a forward's current session. */
  dataChannelOf(id: string): ReturnType<Forward['currentDataChannelOf']> {
    return this.find(id).currentDataChannelOf();
  }

  private make(id: string, spec: ForwardSpec): Forward {
    return new Forward(
      id,
      spec,
      {
        startSession: this.options.startSession,
        onChange: () => this.emit('changed', id),
        heldBy: (address, port) => this.heldBy(address, port, id),
        ...(this.options.restartSchedule ? { restartSchedule: this.options.restartSchedule } : {}),
        ...(this.options.restartPolicy ? { restartPolicy: this.options.restartPolicy } : {}),
        ...(this.options.reconnectBackoff ? { reconnectBackoff: this.options.reconnectBackoff } : {}),
        ...(this.options.retarget ? { retarget: this.options.retarget } : {}),
      },
    );
  }

  /**
   * In words, the forward other than `except` listening where `address`:`port` would collide (the
   * same address, or a wildcard one covering it either way), if one is (a port of 0 is never held).
   */
  private heldBy(address: string, port: number, except: string): string | undefined {
    if (port === 0) return undefined;
    for (const f of this.forwards.values()) {
      if (f.id === except || !f.listening) continue;
      const s = f.status();
      if (s.localPort !== port || !listenAddressesOverlap(s.localAddress, address)) continue;
      const targetName = this.options.targetNameOf?.(f.id) ?? s.target;
      return localPortHeldText(address, port, { name: f.spec.name, targetName, remoteHost: f.spec.remoteHost, remotePort: f.spec.remotePort });
    }
    return undefined;
  }

  private find(id: string): Forward {
    const forward = this.forwards.get(id);
    if (!forward) throw new ForwardError('not-found', `No forward with id ${id}.`);
    return forward;
  }
}

/** The spec checked, or ForwardError 'invalid-spec' saying what is wrong with it. */
function validSpec(spec: ForwardSpec): ForwardSpec {
  try {
    return parseSpec(spec);
  } catch (error) {
    throw new ForwardError('invalid-spec', `Invalid forward: ${error instanceof Error ? error.message : String(error)}`);
  }
}
