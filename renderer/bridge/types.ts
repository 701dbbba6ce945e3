// The one adapter between the renderer and whichever host it runs under. Everything it
// delivers is unchecked; renderer/bridge/client.ts validates it against the contract.
import type { ServiceName, ToMainData } from '../../shared/contract/index.js';

export type BridgeKind = 'electron' | 'web';

export interface Bridge {
  readonly kind: BridgeKind;
  /** Sends a control request; resolves with the raw response envelope. */
  request(service: ServiceName, method: string, params: unknown): Promise<unknown>;
  onEvent(service: ServiceName, event: string, listener: (payload: unknown) => void): () => void;
  /** Main refused something this window sent, or sent a reply no request can claim. */
  onRejected(listener: (raw: unknown) => void): () => void;
  sendData(msg: ToMainData): void;
  onData(listener: (raw: unknown) => void): () => void;
  /** Fires once if the link to the host is lost (the web host stopped, the socket dropped). */
  onDisconnect(listener: (reason: string) => void): () => void;
}

/** A tiny listener set, because every bridge needs several. */
export class Listeners<T extends unknown[]> {
  readonly #set = new Set<(...args: T) => void>();
  add(listener: (...args: T) => void): () => void {
    this.#set.add(listener);
    return () => void this.#set.delete(listener);
  }
  emit(...args: T): void {
    for (const l of [...this.#set]) l(...args);
  }
}
