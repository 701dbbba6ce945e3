/**
 * Basic-mode port session (§8.2) for agents ≤ 3.0.196.0, and the SSH document's stream mode:
 * one local connection at a time over the PT 1 byte stream. Later connections wait, paused.
 * Basic: a closed connection sends DisconnectToPort and the next one starts. Stream (SSH): the
 * session serves one connection and ends with it, as the agent ends it on TCP EOF (§8.1).
 */
import type net from 'node:net';
import { PayloadTypeFlag } from '../frame/index.js';
import type { PortChannel } from './channel.js';
import { LocalConnection } from './connection.js';
import type { OutboundOptions } from './outbound.js';
import { PortSessionBase, type PortMode } from './session-base.js';

export class BasicPortSession extends PortSessionBase {
  private current: LocalConnection | undefined;
  private readonly waiting: net.Socket[] = [];

  constructor(
    channel: PortChannel,
    readonly mode: Extract<PortMode, 'basic' | 'stream'>,
    private readonly agentTakesTerminateFlag: boolean,
    outboundOptions: OutboundOptions = {},
  ) {
    super(channel, outboundOptions);
    this.outbound.onDrain(() => this.current?.socket.resume());
    channel.setReceiver({
      data: (payload) => {
        // No connection yet, or the local client is not reading: the agent keeps it and resends.
        const socket = this.current?.socket;
        if (!socket || socket.writableNeedDrain || socket.destroyed) return 'not-ready';
        this.current!.bytesFromRemote += payload.length;
        socket.write(payload);
        return 'accepted';
      },
      flag: () => undefined, // the agent sends no flags in basic mode
    });
  }

  attach(socket: net.Socket): void {
    if (this.ended) {
      socket.destroy();
      return;
    }
    if (this.current) {
      socket.pause();
      this.waiting.push(socket);
      socket.once('close', () => this.waiting.splice(this.waiting.indexOf(socket) >>> 0, 1));
      return;
    }
    this.start(socket);
  }

  protected terminateFlag(): boolean {
    return this.agentTakesTerminateFlag;
  }

  protected teardown(): void {
    for (const socket of this.waiting.splice(0)) socket.destroy();
    this.current = undefined;
  }

  private start(socket: net.Socket): void {
    const connection = new LocalConnection(socket);
    this.current = connection;
    this.track(connection);
    socket.on('data', (chunk: Buffer) => {
      connection.bytesToRemote += chunk.length;
      if (!this.outbound.write(chunk)) socket.pause();
    });
    socket.on('drain', () => this.channel.retryDelivery());
    socket.on('error', () => socket.destroy());
    socket.once('close', () => this.finished(connection));
    socket.resume();
    this.channel.retryDelivery(); // output the agent sent before anyone connected
  }

  private finished(connection: LocalConnection): void {
    if (this.current !== connection || this.ended) return;
    this.current = undefined;
    if (this.mode === 'stream') {
      // The agent ends a stream session with its connection; queued clients go to the next one.
      const waiting = this.waiting.splice(0);
      void this.close('the connection ended').then(() => this.emit('unserved', waiting));
      return;
    }
    this.outbound.flag(PayloadTypeFlag.DisconnectToPort);
    const next = this.waiting.shift();
    if (next) this.start(next);
  }
}
