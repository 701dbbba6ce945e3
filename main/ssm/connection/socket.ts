// One websocket to the data channel (protocol §3): dial, send the OpenDataChannel text frame,
// the liveness check (liveness.ts: pings, and the end of a connection whose peer went silent),
// and reading that can be paused (flow control, aesthetics practice 4).
import { randomUUID } from 'node:crypto';
import { WebSocket, type RawData } from 'ws';
import { Connection } from './constants.js';
import { FrameBatch, type BatchSocket } from './frame-batch.js';
import { LivenessCheck, type PeriodicTimer } from './liveness.js';
import { readBinaryMessages } from './read-binary-messages.js';

export interface OpenDataChannelRequest {
  readonly streamUrl: string;
  readonly tokenValue: string;
  /** Generated once per session, reused on every re-open (§3.3). */
  readonly clientId: string;
  readonly clientVersion: string;
  /** Longest wait for the websocket upgrade (default Connection.DIAL_TIMEOUT_MS; the dial's deadline may leave less). */
  readonly dialTimeoutMs?: number;
  /** Drives the liveness check (liveness.ts); a real interval unless a test ticks it by hand. */
  readonly livenessTimer?: PeriodicTimer;
}

export interface SocketEvents {
  message(bytes: Uint8Array, isBinary: boolean): void;
  /** The socket is gone (closed by either side, or failed after opening). */
  closed(code: number, reason: string): void;
  /** Each 1 s tick of this connection's liveness check, from open until it closes (LivenessActions.tick). */
  tick?(): void;
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

/** The close reason given when the liveness check ended a connection. */
export function silentPeerReason(silentMs: number): string {
  return `no reply from the gateway for ${Math.round(silentMs / 1000)} s`;
}

export class DataSocket {
  private liveness: LivenessCheck | undefined;
  /** Set when the liveness check ended the socket: the reason `closed` reports. */
  private deadReason: string | undefined;
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
    const ws = new WebSocket(request.streamUrl, { handshakeTimeout: request.dialTimeoutMs ?? Connection.DIAL_TIMEOUT_MS, perMessageDeflate: false, maxPayload: Connection.MAX_PAYLOAD_BYTES });
    // The upgrade response carries the TCP (or TLS) socket the websocket writes to: where the batch goes.
    let tcp: BatchSocket | undefined;
    ws.once('upgrade', (response) => (tcp = response.socket));
    // Anything received is proof the peer is alive (liveness.ts); the check starts once open.
    const made: { socket?: DataSocket } = {};
    const heard = (): void => made.socket?.liveness?.heard();
    // Binary messages straight from the socket's bytes (MessageReader), from the first one on.
    ws.once('open', () => readBinaryMessages(ws, { maskedFromPeer: false, maxPayload: Connection.MAX_PAYLOAD_BYTES })?.setHandler((bytes) => { heard(); events.message(bytes, true); }));
    await new Promise<void>((resolve, reject) => {
      const fail = (error: Error) => { ws.off('open', ok); reject(new DialError(`cannot open the data channel websocket: ${error.message}`)); };
      const ok = () => { ws.off('error', fail); resolve(); };
      ws.once('open', ok);
      ws.once('error', fail);
    });
    const opened = new DataSocket(ws, tcp && new FrameBatch(tcp, true, () => ws.readyState === WebSocket.OPEN));
    made.socket = opened;
    // What the reader leaves to ws (text, and everything once it stepped aside) comes this way.
    ws.on('message', (data: RawData, isBinary: boolean) => { heard(); events.message(toBytes(data), isBinary); });
    // A pong also shows this peer answers pings: its probes are judged by the short limit from now on.
    ws.on('pong', () => made.socket?.liveness?.pongSeen());
    ws.on('ping', heard); // ws answers it
    ws.on('error', () => ws.terminate()); // 'close' follows and reports it
    ws.on('close', (code, reason) => {
      opened.liveness?.stop();
      if (opened.ended) return;
      opened.ended = true;
      events.closed(code, opened.deadReason ?? reason.toString());
    });
    const json = openDataChannelJson(request);
    ws.send(json, { binary: false });
    onOpenText?.(json);
    opened.startLiveness(request.livenessTimer, events.tick && (() => events.tick?.()));
    return opened;
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
    this.liveness?.pause();
    this.ws.pause();
  }

  resumeReading(): void {
    // A pong that arrived while paused is only read now: the peer gets a fresh interval.
    this.liveness?.resume();
    this.ws.resume();
  }

  /** Bytes queued in the socket (or this tick's batch) but not yet written. */
  get bufferedAmount(): number {
    return this.ws.bufferedAmount + (this.batch?.pendingBytes ?? 0);
  }

  /** Close without a Close handshake, as the plugin does (§3.6); no `closed` event follows. */
  close(): void {
    this.ended = true;
    this.liveness?.stop();
    this.ws.terminate();
  }

  /** Drop the connection as if the network failed (`closed` event follows). For resume tests. */
  kill(): void {
    this.ws.terminate();
  }

  private startLiveness(timer: PeriodicTimer | undefined, tick: (() => void) | undefined): void {
    this.liveness = new LivenessCheck(
      {
        // Pings go on while reading is paused (they keep the path alive); the check judges nothing then.
        ping: () => { if (this.ws.readyState === WebSocket.OPEN) this.ws.ping(Connection.PING_PAYLOAD); },
        backlog: () => this.bufferedAmount,
        // Ended like a network failure: `closed` follows with this reason, and resume takes over.
        dead: (silentMs) => { this.deadReason = silentPeerReason(silentMs); this.ws.terminate(); },
        ...(tick ? { tick } : {}),
      },
      timer,
    );
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}
