/**
 * Test support: a deliberately plain protocol client over a real `ws` socket, built on the
 * shared frame codec only (no reliability layer), so gateway/agent tests see exactly what the
 * agent puts on the wire. It acks stream frames like the plugin (unless told not to), keeps
 * every frame it received, and reassembles the in-order stream.
 */
import { WebSocket } from 'ws';
import {
  Flags,
  MessageType,
  PayloadType,
  decodeAcknowledge,
  decodeFrame,
  encodeAcknowledge,
  encodeFrame,
  newMessageId,
  type ClientMessage,
} from '../../../main/ssm/frame/index.js';
import { WAIT_BOUND_MS } from '../../vitest/bounded.js';
import { ActionStatus, ActionType, buildHandshakeResponse, parseHandshakeRequest } from '../../../main/ssm/handshake/messages.js';

export interface Received {
  at: number;
  raw: Uint8Array;
  text: boolean;
  frame?: ClientMessage;
  error?: Error;
}

export interface WireClientOptions {
  clientVersion?: string;
  /** Ack every output_stream_data on receipt (default true). */
  autoAck?: boolean;
  /** Resume: continue the counters of a previous socket (our next input seq, next expected output seq). */
  resumeFrom?: { inputSeq: number; outputSeq: number };
  /** Re-send our unacked frames every RESEND_MS like a real client (default true). */
  retransmit?: boolean;
  /** Answer a HandshakeRequest as the plugin does: SessionType accepted, anything else (KMS) unsupported (default false). */
  answerHandshake?: boolean;
}

/** Resend period of the test client: the RTO floor of a loopback session is about this. */
export const RESEND_MS = 200;

/**
 * Bound of a wait for a test condition: a guard against a stall, not a target. It was 15 s, which
 * a healthy 3 MB command output overran at load ~35 on 2 cores (37 s, every frame arriving).
 */
export const WAIT_MS = WAIT_BOUND_MS;

export class WireClient {
  readonly received: Received[] = [];
  /** In-order output_stream_data frames, each sequence number once. */
  readonly stream: ClientMessage[] = [];
  private readonly pending = new Map<number, ClientMessage>();
  private nextSeq = 0;
  /** Sequence number of `stream[0]` (non-zero after a resume). */
  private readonly base: number;
  autoAck: boolean;
  private readonly answerHandshake: boolean;
  /** Called once per output_stream_data as it joins the in-order stream. */
  onStreamFrame: ((frame: ClientMessage) => void) | undefined;
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: Array<() => void> = [];
  private readonly unacked = new Map<number, Uint8Array>();
  private readonly resendTimer: NodeJS.Timeout | undefined;
  /** How many frames were re-sent. */
  resent = 0;

  private constructor(
    readonly ws: WebSocket,
    options: WireClientOptions,
  ) {
    this.autoAck = options.autoAck ?? true;
    this.answerHandshake = options.answerHandshake ?? false;
    this.nextSeq = options.resumeFrom?.inputSeq ?? 0;
    this.base = options.resumeFrom?.outputSeq ?? 0;
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    ws.on('message', (data, isBinary) => this.onMessage(data as Buffer, isBinary));
    ws.on('error', () => undefined);
    if (options.retransmit ?? true) {
      this.resendTimer = setInterval(() => {
        if (this.ws.readyState !== WebSocket.OPEN) return;
        for (const bytes of this.unacked.values()) {
          this.resent++;
          this.ws.send(bytes);
        }
      }, RESEND_MS);
    }
    ws.on('close', () => clearInterval(this.resendTimer));
  }

  /** Connects and sends the OpenDataChannel text frame (§3.3). */
  static async open(url: string, token: string, options: WireClientOptions = {}): Promise<WireClient> {
    const ws = new WebSocket(url);
    const client = new WireClient(ws, options);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const open: Record<string, string> = { MessageSchemaVersion: '1.0', RequestId: newMessageId(), TokenValue: token, ClientId: newMessageId() };
    if (options.clientVersion !== undefined) open['ClientVersion'] = options.clientVersion;
    ws.send(JSON.stringify(open));
    return client;
  }

  /** Sends one input_stream_data with the next sequence number; returns the frame bytes. */
  send(payloadType: number, payload: Uint8Array | string): Uint8Array {
    const frame = this.build(payloadType, payload);
    this.ws.send(frame);
    return frame;
  }

  /** Builds (and tracks for retransmission) the next input frame without sending it. */
  build(payloadType: number, payload: Uint8Array | string): Uint8Array {
    const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
    const seq = this.nextSeq++;
    const frame = encodeFrame({ messageType: MessageType.InputStreamData, sequenceNumber: seq, flags: Flags.Data, messageId: newMessageId(), payloadType, payload: bytes });
    this.unacked.set(seq, frame);
    return frame;
  }

  sendRaw(bytes: Uint8Array): void {
    this.ws.send(bytes);
  }

  ack(frame: ClientMessage): void {
    const payload = encodeAcknowledge({ acknowledgedMessageType: frame.messageType, acknowledgedMessageId: frame.messageId, acknowledgedMessageSequenceNumber: frame.sequenceNumber });
    this.ws.send(encodeFrame({ messageType: MessageType.Acknowledge, sequenceNumber: 0, flags: Flags.SynFin, messageId: newMessageId(), payloadType: PayloadType.Unset, payload }));
  }

  /** Decoded frames of one type, in arrival order (duplicates included). */
  frames(type: string): ClientMessage[] {
    return this.received.flatMap((r) => (r.frame && r.frame.messageType === type ? [r.frame] : []));
  }

  /** Acks the agent sent for our input sequence numbers. */
  ackedSeqs(): number[] {
    return this.frames(MessageType.Acknowledge).map((f) => decodeAcknowledge(f.payload).acknowledgedMessageSequenceNumber);
  }

  /** The in-order stream's PT 1 bytes as text. */
  outputText(payloadType: number = PayloadType.Output): string {
    return Buffer.concat(this.stream.filter((f) => f.payloadType === payloadType).map((f) => f.payload)).toString('utf8');
  }

  async waitFor(cond: () => boolean, what: string, timeoutMs: number = WAIT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!cond()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  close(): void {
    clearInterval(this.resendTimer);
    this.ws.terminate();
  }

  private answer(request: ClientMessage): void {
    const processed = parseHandshakeRequest(request.payload).actions.map((a) =>
      a.actionType === ActionType.SessionType
        ? { actionType: a.actionType, actionStatus: ActionStatus.Success, actionResult: null, error: '' }
        : { actionType: a.actionType, actionStatus: ActionStatus.Unsupported, actionResult: null, error: `${a.actionType} is not supported by this test client` },
    );
    this.send(PayloadType.HandshakeResponse, buildHandshakeResponse('test-client', processed, []));
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    const raw = new Uint8Array(data);
    const r: Received = { at: Date.now(), raw, text: !isBinary };
    try {
      r.frame = decodeFrame(raw);
    } catch (error) {
      r.error = error as Error;
    }
    this.received.push(r);
    const f = r.frame;
    if (f?.messageType === MessageType.Acknowledge) {
      this.unacked.delete(decodeAcknowledge(f.payload).acknowledgedMessageSequenceNumber);
    }
    if (f?.messageType === MessageType.OutputStreamData) {
      if (this.autoAck) this.ack(f);
      if (f.sequenceNumber >= this.base + this.stream.length) this.pending.set(f.sequenceNumber, f);
      for (let next = this.pending.get(this.base + this.stream.length); next; next = this.pending.get(this.base + this.stream.length)) {
        this.pending.delete(next.sequenceNumber);
        this.stream.push(next);
        if (this.answerHandshake && next.payloadType === PayloadType.HandshakeRequest) this.answer(next);
        this.onStreamFrame?.(next);
      }
    }
    const w = this.waiters;
    this.waiters = [];
    for (const wake of w) wake();
  }
}
