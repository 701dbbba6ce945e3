// One client of the router: answers its control requests, routes its data messages to the
// sessions it has attached, and sends events and data to it alone.
import {
  ContractError,
  InputRefusedError,
  parseControlRequest,
  parseEventPayload,
  parseResult,
  parseToMainData,
  parseToRendererData,
  readRequestId,
  type ControlResponse,
  type EventName,
  type EventPayloadIn,
  type RefusedInput,
  type ServiceName,
  type ToRendererData,
} from '../../shared/contract/index.js';
import { toContractError } from './errors.js';
import type { ClientTransport, Router } from './router.js';
import type { CallContext, ClientGone, ClientHandle, SessionDataHandler } from './service.js';

export class Connection implements ClientHandle {
  readonly #sessions = new Map<string, SessionDataHandler>();
  readonly #closeListeners = new Set<(how: ClientGone) => void>();
  #closed = false;
  readonly #ctx: CallContext;

  constructor(
    readonly id: string,
    private readonly router: Router,
    private readonly transport: ClientTransport,
    private readonly onClosed: () => void,
  ) {
    this.#ctx = { client: this, broadcast: (service, event, payload) => router.broadcast(service, event, payload) };
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Validates a raw control request, runs it, validates the result. Never throws. */
  async handleControl(raw: unknown): Promise<ControlResponse> {
    let id: number | null = readRequestId(raw);
    try {
      const req = parseControlRequest(raw);
      id = req.id;
      const where = `${req.service}.${req.method}`;
      const starting = this.router.starting;
      if (starting !== null) await starting;
      const fn = this.router.resolve(req.service as ServiceName, req.method);
      let result: unknown;
      try {
        result = await fn(req.params, this.#ctx);
      } catch (err) {
        throw toContractError(err, where);
      }
      return { type: 'response', id: req.id, ok: true, result: parseResult(req.service, req.method, result, `Porthole's ${req.service} service`) };
    } catch (err) {
      return { type: 'response', id, ok: false, error: toContractError(err, 'request').toRemote() };
    }
  }

  /**
   * Validates a raw renderer → main data message and hands it to the session's handler.
   * Returns the error it rejected the message with (also told to the client), or null.
   */
  handleData(raw: unknown): ContractError | null {
    let input: RefusedInput | undefined;
    try {
      const msg = parseToMainData(raw);
      if (msg.type === 'input_stream_data') input = { sessionId: msg.sessionId, bytes: msg.bytes.byteLength, why: 'other', kind: msg.kind ?? 'keys' };
      const handler = this.#sessions.get(msg.sessionId);
      if (handler === undefined) {
        if (input !== undefined) input.why = 'closed';
        throw new ContractError('malformed', `Data for session ${msg.sessionId} refused: that session is not open in this window.`);
      }
      if (msg.type === 'input_stream_data') handler.input(msg.bytes);
      else if (msg.type === 'ack') handler.ack(msg.bytes);
      else handler.resize(msg.cols, msg.rows);
      return null;
    } catch (err) {
      const error = toContractError(err, 'data message');
      if (input !== undefined && err instanceof InputRefusedError) input.why = err.why;
      this.transport.sendControl({ type: 'rejected', plane: 'data', error: error.toRemote(), ...(input === undefined ? {} : { input }) });
      return error;
    }
  }

  /** Reports a control message the host could not even decode (e.g. invalid JSON). */
  rejectControl(error: ContractError, raw?: unknown): void {
    this.transport.sendControl({ type: 'response', id: raw === undefined ? null : readRequestId(raw), ok: false, error: error.toRemote() });
  }

  emit<S extends ServiceName, E extends EventName<S>>(service: S, event: E, payload: EventPayloadIn<S, E>): void {
    this.sendEventUnchecked(service, event, parseEventPayload(service, event, payload));
  }

  /** For the router's broadcast, which validated the payload once for all clients. */
  sendEventUnchecked(service: string, event: string, payload: unknown): void {
    if (this.#closed) return;
    this.transport.sendControl({ type: 'event', service, event, payload });
  }

  sendData(msg: ToRendererData): void {
    if (this.#closed) return;
    const checked = parseToRendererData(msg);
    if (!this.#sessions.has(checked.sessionId)) throw new ContractError('internal', `Refused to send data for session ${checked.sessionId} to a window that has not attached it.`);
    this.transport.sendData(checked);
  }

  attachSession(sessionId: string, handler: SessionDataHandler): () => void {
    if (this.#sessions.has(sessionId)) throw new ContractError('internal', `Session ${sessionId} is already attached to this window.`);
    this.#sessions.set(sessionId, handler);
    return () => {
      if (this.#sessions.get(sessionId) === handler) this.#sessions.delete(sessionId);
    };
  }

  onClose(listener: (how: ClientGone) => void): () => void {
    this.#closeListeners.add(listener);
    return () => this.#closeListeners.delete(listener);
  }

  /** Called by the host when the window closes or the socket drops (see ClientGone). Idempotent. */
  close(how: ClientGone = 'dropped'): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#sessions.clear();
    this.onClosed();
    for (const listener of [...this.#closeListeners]) {
      try {
        listener(how);
      } catch (err) {
        console.error(`porthole: a close listener of client ${this.id} failed:`, err);
      }
    }
    this.#closeListeners.clear();
  }
}
