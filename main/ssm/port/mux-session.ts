/**
 * Mux-mode port session (§8.3): an smux client over the data channel's PT 1 byte stream, one
 * stream per local connection. ConnectToPortError (PT 10 flag 3) fails one stream, not the session.
 */
import type net from 'node:net';
import { PayloadTypeFlag } from '../frame/index.js';
import { SmuxSession } from '../smux/index.js';
import type { PortChannel } from './channel.js';
import { PORT } from './constants.js';
import { LocalConnection } from './connection.js';
import type { OutboundOptions } from './outbound.js';
import { PortSessionBase, type PortMode } from './session-base.js';

export class MuxPortSession extends PortSessionBase {
  readonly mode: PortMode = 'mux';
  private readonly smux: SmuxSession;
  /**
   * ConnectToPortError names no stream; the agent follows it with FIN on the stream it failed to
   * dial, so a stream that ends before any data while errors are pending is the failed one.
   */
  private pendingConnectErrors = 0;

  constructor(channel: PortChannel, keepAlive: boolean, outboundOptions: OutboundOptions = {}) {
    super(channel, { pack: true, ...outboundOptions });
    this.smux = new SmuxSession({
      role: 'client',
      keepAlive,
      send: (bytes) => this.outbound.write(bytes),
      // Outbound packs the stream into payloads anyway: header and data need not be joined first.
      sendParts: (header, data) => {
        this.outbound.write(header);
        return this.outbound.write(data);
      },
    });
    this.outbound.onDrain(() => this.smux.notifyDrain());
    // Readers behind: stop reading the websocket when the channel can, else refuse frames.
    const canPause = channel.pauseReading !== undefined && channel.resumeReading !== undefined;
    this.smux.on('inputPaused', () => channel.pauseReading?.());
    this.smux.on('inputResumed', () => (canPause ? channel.resumeReading?.() : channel.retryDelivery()));
    this.smux.on('close', (error) => {
      if (error) this.fail(`smux ${error.code}: ${error.message}`);
    });
    channel.setReceiver({
      data: (payload) => {
        // Frames already read from the socket are taken even while paused: a few socket reads
        // beyond the limits, which is bounded and cheaper than a retransmission round.
        if (!canPause && !this.smux.acceptingInput) return 'not-ready';
        this.smux.receive(payload);
        return 'accepted';
      },
      flag: (value) => {
        if (value === PayloadTypeFlag.ConnectToPortError) this.pendingConnectErrors++;
      },
    });
  }

  attach(socket: net.Socket): void {
    if (this.ended || this.smux.closed) {
      socket.destroy();
      return;
    }
    const connection = new LocalConnection(socket);
    this.track(connection);
    const stream = this.smux.openStream();
    socket.on('data', (chunk: Buffer) => (connection.bytesToRemote += chunk.length));
    stream.on('data', (chunk: Buffer) => (connection.bytesFromRemote += chunk.length));
    stream.on('end', () => {
      if (connection.bytesFromRemote === 0 && this.pendingConnectErrors > 0) {
        this.pendingConnectErrors--;
        connection.closeReason = PORT.CONNECT_ERROR_TEXT;
        socket.destroy();
      }
    });
    socket.pipe(stream);
    stream.pipe(socket);
    socket.on('error', () => stream.destroy());
    socket.on('close', () => stream.destroy());
    stream.on('error', () => socket.destroy());
    // A stream torn down early kills the socket; a clean FIN both ways lets the socket flush.
    stream.on('close', () => (stream.readableEnded && stream.writableFinished ? socket.end() : socket.destroy()));
  }

  protected terminateFlag(): boolean {
    return true; // the plugin sends it in mux mode whatever the agent version (§8.3)
  }

  protected teardown(): void {
    this.smux.close();
  }
}
