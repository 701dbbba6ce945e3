/**
 * Basic-mode port session (§8.2) for agents ≤ 3.0.196.0, and the SSH document's stream mode:
 * one local connection at a time over the PT 1 byte stream. Later connections wait, paused.
 * Basic: a closed connection sends DisconnectToPort and the next one starts. Stream (SSH): the
 * session serves one connection and ends with it, as the agent ends it on TCP EOF (§8.1).
 * A stream-mode socket that allows half-open connections may end its input first (a request
 * piped in, stdin closed): the remote's answer is still delivered until the agent ends the
 * session or stays quiet for PORT.STREAM_EOF_LINGER_MS. When the session ends, the current
 * connection is ended gracefully, so what was written to it reaches the local client.
 */
import type net from 'node:net';
import { PayloadTypeFlag } from '../frame/index.js';
import type { PortChannel } from './channel.js';
import { LocalConnection } from './connection.js';
import { PORT } from './constants.js';
import type { OutboundOptions } from './outbound.js';
import { PortSessionBase, type PortMode } from './session-base.js';

export class BasicPortSession extends PortSessionBase {
  private current: LocalConnection | undefined;
  private readonly waiting: net.Socket[] = [];
  /** Stream mode after the local EOF: ends the session once the remote has been quiet this long. */
  private linger: NodeJS.Timeout | undefined;

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
        if (this.linger) this.linger.refresh();
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
    clearTimeout(this.linger);
    this.linger = undefined;
    for (const socket of this.waiting.splice(0)) socket.destroy();
    this.current = undefined;
  }

  /** Flush what was written, then FIN: the local client reads the session's last bytes. */
  protected override release(connection: LocalConnection): void {
    connection.socket.end();
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
    socket.on('end', () => this.localEnded(connection));
    socket.on('error', () => socket.destroy());
    socket.once('close', () => this.finished(connection));
    socket.resume();
    this.channel.retryDelivery(); // output the agent sent before anyone connected
  }

  /**
   * The local client sent EOF. A socket that is not half-open has already ended its own side
   * (Node does so on 'end'), so its 'close' follows and ends the connection as before.
   */
  private localEnded(connection: LocalConnection): void {
    if (this.current !== connection || this.ended || !connection.socket.allowHalfOpen) return;
    if (this.mode !== 'stream') {
      connection.socket.end(); // basic mode: the connection is over (DisconnectToPort on close)
      return;
    }
    this.linger = setTimeout(() => void this.close('the local input ended and the remote stayed quiet'), PORT.STREAM_EOF_LINGER_MS);
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
