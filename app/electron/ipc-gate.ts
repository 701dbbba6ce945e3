// The Electron side of the IPC boundary, free of electron imports so it is unit-tested:
// checks who sent a message, then hands the raw message to that window's router connection.
import { ContractError, type ControlResponse } from '../../shared/contract/index.js';
import type { Connection } from '../../main/ipc/connection.js';
import type { ClientTransport, Router } from '../../main/ipc/router.js';
import type { ClientGone } from '../../main/ipc/service.js';
import { isTrustedSender } from './security.js';

/** The gate's own requests never reach a renderer, so their id only has to be valid. */
const SESSIONS_LIST_REQUEST_ID = 0;

/** What the gate needs to know about an IPC event's sender. */
export interface SenderInfo {
  /** webContents id: one connection per window. */
  readonly id: number;
  readonly frame: { readonly url: string; readonly isMainFrame: boolean } | null;
}

export function untrustedSenderError(sender: SenderInfo): ContractError {
  return new ContractError('malformed', `Refused a message from an untrusted frame (${sender.frame?.url ?? 'no frame'}).`);
}

export class IpcGate {
  readonly #connections = new Map<number, Connection>();

  constructor(private readonly router: Router) {}

  /**
   * A window (re)loaded our page: a fresh connection; the previous page's one is closed as
   * 'dropped', so its sessions wait for the reloaded page to take them back.
   */
  connect(sender: SenderInfo, transport: ClientTransport): Connection | ContractError {
    if (!isTrustedSender(sender.frame)) return untrustedSenderError(sender);
    this.disconnect(sender.id);
    const connection = this.router.connect(transport);
    this.#connections.set(sender.id, connection);
    return connection;
  }

  /** 'ended' when the window itself is gone (its sessions end now), 'dropped' for a reload. */
  disconnect(id: number, how: ClientGone = 'dropped'): void {
    this.#connections.get(id)?.close(how);
    this.#connections.delete(id);
  }

  async control(sender: SenderInfo, raw: unknown): Promise<ControlResponse> {
    if (!isTrustedSender(sender.frame)) return { type: 'response', id: null, ok: false, error: untrustedSenderError(sender).toRemote() };
    const connection = this.#connections.get(sender.id);
    if (connection === undefined) return { type: 'response', id: null, ok: false, error: { code: 'malformed', message: 'This window has not connected yet; reload it.' } };
    return connection.handleControl(raw);
  }

  /** The sessions this window owns, asked through its own connection (so ownership is the service's). */
  async sessionsResponse(id: number): Promise<ControlResponse | null> {
    const connection = this.#connections.get(id);
    if (connection === undefined) return null;
    return connection.handleControl({ type: 'request', id: SESSIONS_LIST_REQUEST_ID, service: 'sessions', method: 'list', params: {} });
  }

  /** Data arrives on the window's own MessagePort, so its sender is known by construction. */
  data(id: number, raw: unknown): ContractError | null {
    const connection = this.#connections.get(id);
    if (connection === undefined) return new ContractError('malformed', 'Data from a window that is not connected.');
    return connection.handleData(raw);
  }
}
