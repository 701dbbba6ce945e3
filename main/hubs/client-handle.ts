// One connected window (Electron) or browser tab (web), as the hubs and the services see it. It
// lives below the services so a hub can address a window without importing main/ipc; the
// router's Connection (main/ipc/connection.ts) is the implementation.
import type { EventName, EventPayloadIn, ServiceName, ToRendererData } from '../../shared/contract/index.js';

/** Receives one session's renderer → main data-plane messages, already validated. */
export interface SessionDataHandler {
  input(bytes: Uint8Array): void;
  /** Output bytes the renderer's terminal has parsed (flow control). */
  ack(bytes: number): void;
  resize(cols: number, rows: number): void;
}

/**
 * How a client went away: 'dropped' when it may come back (a page reload, a web host socket that
 * closed: the host cannot tell a closed browser tab from a reload), 'ended' when it cannot (an
 * Electron window destroyed after its close was confirmed).
 */
export type ClientGone = 'dropped' | 'ended';

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
  /** Runs when the window closes or the socket drops, so owners can hold or close its sessions. */
  onClose(listener: (how: ClientGone) => void): () => void;
}
