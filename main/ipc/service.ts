// What a service implementation looks like, and what it may do with the window that called it.
import type {
  EventName,
  EventPayloadIn,
  MethodName,
  Params,
  ResultIn,
  ServiceName,
  ToRendererData,
} from '../../shared/contract/index.js';

/** Receives one session's renderer → main data-plane messages, already validated. */
export interface SessionDataHandler {
  input(bytes: Uint8Array): void;
  /** Output bytes the renderer's terminal has parsed (flow control). */
  ack(bytes: number): void;
  resize(cols: number, rows: number): void;
}

/** One connected window (Electron) or browser tab (web). Events and data go to it alone. */
export interface ClientHandle {
  readonly id: string;
  readonly closed: boolean;
  /** Sends an event to this client only; the payload is validated against the contract first. */
  emit<S extends ServiceName, E extends EventName<S>>(service: S, event: E, payload: EventPayloadIn<S, E>): void;
  /** Sends output/status for a session this client has attached; throws for any other session. */
  sendData(msg: ToRendererData): void;
  /** Routes this client's data messages for `sessionId` to `handler`; returns a detach function. */
  attachSession(sessionId: string, handler: SessionDataHandler): () => void;
  /** Runs when the window closes or the socket drops, so owners can close sessions and forwards. */
  onClose(listener: () => void): () => void;
}

export interface CallContext {
  readonly client: ClientHandle;
  /** For events that are not private to a window (e.g. settings.changed). Never for session data. */
  broadcast<S extends ServiceName, E extends EventName<S>>(service: S, event: E, payload: EventPayloadIn<S, E>): void;
}

/** An area's implementation: one function per contract method, params already validated. */
export type ServiceImpl<S extends ServiceName> = {
  [M in MethodName<S>]: (params: Params<S, M>, ctx: CallContext) => Promise<ResultIn<S, M>> | ResultIn<S, M>;
};
