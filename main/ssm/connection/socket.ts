// One websocket to the data channel (protocol §3): dial, send the OpenDataChannel text frame,
// keepalive pings, and reading that can be paused (flow control, aesthetics practice 4).
import { randomUUID } from 'node:crypto';
import { WebSocket, type RawData } from 'ws';
import { Connection } from './constants.js';
import { FrameBatch, type BatchSocket } from './frame-batch.js';
import { readBinaryMessages } from './read-binary-messages.js';

export interface OpenDataChannelRequest {
  readonly streamUrl: string;
  readonly tokenValue: string;
  /** Generated once per session, reused on every re-open (§3.3). */
  readonly clientId: string;
  readonly clientVersion: string;
  /** Keepalive ping interval; Connection.PING_INTERVAL_MS unless a test shortens it. */
  readonly pingIntervalMs?: number;
}

export interface SocketEvents {
  message(bytes: Uint8Array, isBinary: boolean): void;
  /** The socket is gone (closed by either side, or failed after opening). */
  closed(code: number, reason: string): void;
}

export class DialError extends Error {
  override readonly name = 'DialError';
}

/** The OpenDataChannel JSON in the plugin's field order; a fresh RequestId each time. */
export function openDataChannelJson(request: OpenDataChannelRequest): string {
  return JSON.stringify({
    MessageSchemaVersion: Connection.MESSAGE_SCHEMA_VERSION,
    RequestId: randomUUID(),
    TokenValue: request.tokenValue,
    ClientId: request.clientId,
    ClientVersion: request.clientVersion,
  });
}

export class DataSocket {
  private pingTimer: NodeJS.Timeout | undefined;
  private awaitingPong = false;
  /** While paused we cannot read pongs, so their absence proves nothing about the peer. */
  private readingPaused = false;
  private ended = false;

  private constructor(
    private readonly ws: WebSocket,
    /**
     * This tick's binary messages (mostly one ack per frame received), framed and masked into one
     * socket write (FrameBatch); undefined only if ws gave no upgrade socket, when ws sends them.
     */
    private readonly batch: FrameBatch | undefined,
  ) {}

  /** Dial, then send OpenDataChannel as a TEXT frame. Resolves once it is written. */
  static async open(request: OpenDataChannelRequest, events: SocketEvents, onOpenText?: (json: string) => void): Promise<DataSocket> {
    const ws = new WebSocket(request.streamUrl, { handshakeTimeout: Connection.DIAL_TIMEOUT_MS, perMessageDeflate: false, maxPayload: Connection.MAX_PAYLOAD_BYTES });
    // The upgrade response carries the TCP (or TLS) socket the websocket writes to: where the batch goes.
    let tcp: BatchSocket | undefined;
    ws.once('upgrade', (response) => (tcp = response.socket));
    // Binary messages straight from the socket's bytes (MessageReader), from the first one on.
    ws.once('open', () => readBinaryMessages(ws, { maskedFromPeer: false, maxPayload: Connection.MAX_PAYLOAD_BYTES })?.setHandler((bytes) => events.message(bytes, true)));
    await new Promise<void>((resolve, reject) => {
      const fail = (error: Error) => { ws.off('open', ok); reject(new DialError(`cannot open the data channel websocket: ${error.message}`)); };
      const ok = () => { ws.off('error', fail); resolve(); };
      ws.once('open', ok);
      ws.once('error', fail);
    });
    const socket = new DataSocket(ws, tcp && new FrameBatch(tcp, true, () => ws.readyState === WebSocket.OPEN));
    // What the reader leaves to ws (text, and everything once it stepped aside) comes this way.
    ws.on('message', (data: RawData, isBinary: boolean) => events.message(toBytes(data), isBinary));
    ws.on('pong', () => (socket.awaitingPong = false));
    ws.on('error', () => ws.terminate()); // 'close' follows and reports it
    ws.on('close', (code, reason) => { socket.stopPing(); if (!socket.ended) { socket.ended = true; events.closed(code, reason.toString()); } });
    const json = openDataChannelJson(request);
    ws.send(json, { binary: false });
    onOpenText?.(json);
    socket.startPing(request.pingIntervalMs ?? Connection.PING_INTERVAL_MS);
    return socket;
  }

  /**
   * Send one binary frame (written to the socket at the end of this tick, see FrameBatch); false
   * when the socket is not open (the caller keeps the frame). permessage-deflate is off, which
   * FrameBatch's ordering with ws's own writes relies on; close() terminates without a close frame.
   */
  send(bytes: Uint8Array): boolean {
    if (this.ws.readyState !== WebSocket.OPEN) return false;
    if (this.batch) this.batch.send(bytes);
    else this.ws.send(bytes, { binary: true });
    return true;
  }

  /** Send one binary frame given as its first bytes and the rest (FrameTransport.sendParts); like `send`. */
  sendParts(head: Uint8Array, tail: Uint8Array): boolean {
    if (this.ws.readyState !== WebSocket.OPEN) return false;
    if (this.batch) this.batch.sendParts(head, tail);
    else this.ws.send(Buffer.concat([head, tail]), { binary: true });
    return true;
  }

  /** Stop reading: TCP backpressure reaches the gateway. Already-read frames still arrive. */
  pauseReading(): void {
    this.readingPaused = true;
    this.ws.pause();
  }

  resumeReading(): void {
    this.readingPaused = false;
    // A pong that arrived while paused is only read now: give the peer a fresh interval.
    this.awaitingPong = false;
    this.ws.resume();
  }

  /** Bytes queued in the socket (or this tick's batch) but not yet written. */
  get bufferedAmount(): number {
    return this.ws.bufferedAmount + (this.batch?.pendingBytes ?? 0);
  }

  /** Close without a Close handshake, as the plugin does (§3.6); no `closed` event follows. */
  close(): void {
    this.ended = true;
    this.stopPing();
    this.ws.terminate();
  }

  /** Drop the connection as if the network failed (`closed` event follows). For resume tests. */
  kill(): void {
    this.ws.terminate();
  }

  private startPing(intervalMs: number): void {
    // One ping right after opening, then every interval; a ping unanswered by the next one
    // means the connection is dead, which hands over to resume. Pings go on while reading is
    // paused (they keep the path alive) but are not judged then.
    const ping = () => {
      if (this.awaitingPong && !this.readingPaused) { this.ws.terminate(); return; }
      this.awaitingPong = true;
      if (this.ws.readyState === WebSocket.OPEN) this.ws.ping(Connection.PING_PAYLOAD);
    };
    ping();
    this.pingTimer = setInterval(ping, intervalMs);
    this.pingTimer.unref();
  }

  private stopPing(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = undefined;
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}
