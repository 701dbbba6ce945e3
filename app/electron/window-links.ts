// Each window's link to the router: its connection (through the gate) and its data port. Kept
// free of electron imports so it is unit-tested; ipc.ts supplies the real ports and webContents.
import type { ContractError } from '../../shared/contract/index.js';
import type { Connection } from '../../main/ipc/connection.js';
import type { ClientTransport } from '../../main/ipc/router.js';
import type { ClientGone } from '../../main/ipc/service.js';
import { untrustedSenderError, type IpcGate, type SenderInfo } from './ipc-gate.js';
import { isTrustedSender } from './security.js';

/** The window's end of its data channel (a MessagePortMain in Electron). */
export interface LinkPort {
  close(): void;
}

/** What is needed of a webContents: its id and its one-time 'destroyed' event. */
export interface LinkedContents {
  readonly id: number;
  once(event: 'destroyed', listener: () => void): unknown;
}

export class WindowLinks<P extends LinkPort> {
  readonly #ports = new Map<number, P>();
  /** webContents already watched for 'destroyed': one listener per window, not one per reload. */
  readonly #watched = new Set<number>();

  constructor(private readonly gate: IpcGate) {}

  /**
   * A page asks to connect. An untrusted sender is refused before anything else happens, so it
   * cannot tear down the trusted page's link; a trusted reload replaces the previous link.
   * On refusal `port` is closed.
   */
  connect(contents: LinkedContents, sender: SenderInfo, port: P, transport: ClientTransport): Connection | ContractError {
    if (!isTrustedSender(sender.frame)) {
      port.close();
      return untrustedSenderError(sender);
    }
    this.drop(sender.id);
    const connected = this.gate.connect(sender, transport);
    if (!('handleControl' in connected)) {
      port.close();
      return connected;
    }
    this.#ports.set(sender.id, port);
    if (!this.#watched.has(contents.id)) {
      this.#watched.add(contents.id);
      contents.once('destroyed', () => {
        this.#watched.delete(contents.id);
        // The window closed (its close guard asked already): its sessions end now, no grace period.
        this.drop(contents.id, 'ended');
      });
    }
    return connected;
  }

  /** Closes the window's port and connection, if any ('dropped' for a reload, 'ended' when the window is gone). */
  drop(id: number, how: ClientGone = 'dropped'): void {
    this.#ports.get(id)?.close();
    this.#ports.delete(id);
    this.gate.disconnect(id, how);
  }

  /** Windows with a live link (diagnostics, tests). */
  get size(): number {
    return this.#ports.size;
  }
}
