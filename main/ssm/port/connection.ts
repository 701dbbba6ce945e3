/** One accepted local TCP connection of a port session, with its byte counters. */
import type net from 'node:net';

export interface PortConnectionInfo {
  readonly id: number;
  /** `address:port` of the local client. */
  readonly peer: string;
  readonly openedAt: number;
  /** Bytes read from the local client and sent towards the target. */
  readonly bytesToRemote: number;
  /** Bytes received from the target and written to the local client. */
  readonly bytesFromRemote: number;
}

let nextId = 1;

export class LocalConnection implements PortConnectionInfo {
  readonly id = nextId++;
  readonly peer: string;
  readonly openedAt = Date.now();
  bytesToRemote = 0;
  bytesFromRemote = 0;
  /** Set when the connection was closed for a reason worth telling the user. */
  closeReason: string | undefined;

  constructor(readonly socket: net.Socket) {
    this.peer = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
  }

  info(): PortConnectionInfo {
    const { id, peer, openedAt, bytesToRemote, bytesFromRemote } = this;
    return { id, peer, openedAt, bytesToRemote, bytesFromRemote };
  }
}
