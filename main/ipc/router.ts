// The host-agnostic router: both hosts (Electron IPC, web WebSocket) hand it raw messages and
// it validates, dispatches to the registered implementation and validates the answer.
import { randomUUID } from 'node:crypto';
import {
  ContractError,
  parseEventPayload,
  type EventName,
  type EventPayloadIn,
  type ServiceName,
  type ToRendererControl,
  type ToRendererData,
} from '../../shared/contract/index.js';
import { Connection } from './connection.js';
import type { CallContext, ServiceImpl } from './service.js';

/** How a host delivers messages to one client; the router never knows which host it is. */
export interface ClientTransport {
  sendControl(msg: ToRendererControl): void;
  sendData(msg: ToRendererData): void;
}

/** A registered implementation, stored without its per-area method types. */
export type AnyMethod = (params: unknown, ctx: CallContext) => unknown;

export class Router {
  readonly #impls = new Map<ServiceName, Readonly<Record<string, AnyMethod>>>();
  readonly #connections = new Set<Connection>();
  /** While the services are still being built (see holdUntil): calls wait for it. */
  #starting: Promise<void> | null = null;

  /**
   * Lets a host serve (and print its address) before the services exist: control calls wait for
   * `started`, then run. If it fails, every call is answered with that reason instead of hanging.
   */
  holdUntil(started: Promise<unknown>): void {
    const held = started.then(
      () => {
        if (this.#starting === held) this.#starting = null;
      },
      (err: unknown) => {
        throw new ContractError('not_started', `Porthole could not start: ${err instanceof Error ? err.message : String(err)}`);
      },
    );
    // The rejection is delivered to each waiting call; nothing unhandled if no call came.
    held.catch(() => undefined);
    this.#starting = held;
  }

  /** While services are being built: resolves when they are there, rejects if they could not start. Null once started (calls then run without a turn of waiting). */
  get starting(): Promise<void> | null {
    return this.#starting;
  }

  register<S extends ServiceName>(service: S, impl: ServiceImpl<S>): void {
    if (this.#impls.has(service)) throw new Error(`A ${service} service is already registered.`);
    this.#impls.set(service, impl as unknown as Record<string, AnyMethod>);
  }

  isRegistered(service: ServiceName): boolean {
    return this.#impls.has(service);
  }

  /** The implementation of service.method, or a ContractError saying the area is not there yet. */
  resolve(service: ServiceName, method: string): AnyMethod {
    const impl = this.#impls.get(service);
    if (impl === undefined) throw new ContractError('not_available', `${service}.${method} is not available yet: this build of Porthole has no ${service} service.`);
    const fn = Object.hasOwn(impl, method) ? impl[method] : undefined;
    if (fn === undefined) throw new ContractError('not_available', `${service}.${method} is not available yet.`);
    return fn;
  }

  /** A new client (window or socket). The host must call connection.close() when it goes away. */
  connect(transport: ClientTransport): Connection {
    const connection = new Connection(randomUUID(), this, transport, () => this.#connections.delete(connection));
    this.#connections.add(connection);
    return connection;
  }

  /** Sends a non-private event to every connected client. */
  broadcast<S extends ServiceName, E extends EventName<S>>(service: S, event: E, payload: EventPayloadIn<S, E>): void {
    const checked = parseEventPayload(service, event, payload);
    for (const c of this.#connections) c.sendEventUnchecked(service, event, checked);
  }

  get connectionCount(): number {
    return this.#connections.size;
  }
}
