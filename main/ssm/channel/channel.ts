// The reliability layer of one data channel (protocol §4, §5), role-neutral: sequence numbers,
// acks, in-order delivery, retransmission and publication pause. Survives transport swaps
// (attach/detach), which is what resume (§9) needs: buffers and counters stay intact. A pause
// is honoured but probed (see PAUSED_PROBE_MS), so it can never deadlock.
import {
  Flags,
  FrameError,
  MessageType,
  Offset,
  PayloadType,
  ackSequenceNumber,
  emptyHeader,
  LentFrame,
  ReceivedFrame,
  encodeAcknowledgeFrame,
  encodeAcknowledgeFrameFromWire,
  encodeFrame,
  encodeFrameHead,
  frameFromHeader,
  readHeader,
  type ClientMessage,
  type DecodeOptions,
  type MutableFrameHeader,
  type FrameHeader,
} from '../frame/index.js';
import { Reliability } from './constants.js';
import { IncomingOrder, type IncomingGap } from './incoming.js';
import { fastRetransmit, resendPassed, type Transmit } from './loss-recovery.js';
import { OutgoingBuffer, type OutgoingEntry } from './outgoing.js';
import type { ChannelOptions } from './channel-options.js';
import type { ChannelPolicy } from './policy.js';
import { RtoEstimator } from './rto.js';
import { ChannelFullError, type ChannelHooks, type ChannelStats, type Delivery, type FrameTransport } from './types.js';

export type { ChannelOptions } from './channel-options.js';

/** Before the handshake, the agent only takes HandshakeResponse and EncChallengeResponse (§4.3). */
const HANDSHAKE_PAYLOAD_TYPES: ReadonlySet<number> = new Set([PayloadType.HandshakeResponse, PayloadType.EncChallengeResponse]);
/** After a refused send, `drain` fires once the buffer is back below this share of capacity. */
const DRAIN_FRACTION = 0.5;
/**
 * Policy choice: pause_publication is honoured (the plugin ignores it, §5), but while paused the
 * oldest unacked frame still goes out this often, so a lost start_publication cannot wedge the
 * session: the peer's ack for it resumes publication. The maximum RTO, the slowest normal resend.
 */
const PAUSED_PROBE_MS = Reliability.MAX_RTO_MS;

export class ReliableChannel {
  readonly stats: ChannelStats = { framesIn: 0, framesOut: 0, acksIn: 0, acksOut: 0, retransmits: 0, duplicates: 0, malformed: 0, overflowDrops: 0, fastRetransmits: 0, passedResends: 0 };
  private readonly policy: ChannelPolicy;
  private readonly hooks: ChannelHooks;
  private readonly now: () => number;
  /** readHeader's options, made once (an object literal per message otherwise). */
  private readonly decodeOptions: DecodeOptions;
  private readonly lendPayloads: boolean;
  private readonly lendOutgoing: boolean;
  /**
   * readHeader's output, reused for every message: receive reads it only until the frame is built
   * (or the ack parsed), before anything it calls could feed this channel again.
   */
  private readonly header: MutableFrameHeader = emptyHeader();
  private readonly outgoing: OutgoingBuffer;
  private readonly incoming: IncomingOrder;
  private readonly rto = new RtoEstimator();
  private transport: FrameTransport | undefined;
  private nextSeq = 0;
  /** Payload bytes of every buffered stream frame sent so far (see unackedSpanPayloadBytes). */
  private payloadSent = 0;
  /** Highest sequence number the peer has acked (-1: none): frames below it that are still unacked were passed. */
  private highestAcked = -1;
  private paused = false;
  /** When the paused channel last sent (or began to hold) its oldest frame; see PAUSED_PROBE_MS. */
  private pausedProbeAt = 0;
  private handshakeDone = false;
  private wantDrain = false;
  private closed = false;
  private readonly timer: NodeJS.Timeout;

  constructor(options: ChannelOptions) {
    this.policy = options.policy;
    this.hooks = options.hooks;
    this.now = options.now ?? (() => performance.now());
    this.decodeOptions = { verifyDigest: options.verifyDigest ?? true };
    this.lendPayloads = options.lendPayloads ?? false;
    this.lendOutgoing = options.lendOutgoing ?? false;
    this.outgoing = new OutgoingBuffer(this.policy.outgoingCapacity);
    this.incoming = new IncomingOrder(this.policy.incomingCapacity);
    this.timer = setInterval(() => this.resendTick(), Reliability.RESEND_TICK_MS);
    this.timer.unref();
  }

  /** Use this transport from now on and transmit everything unacked (go-back-N on reconnect). */
  attach(transport: FrameTransport): void {
    this.transport = transport;
    this.paused = false;
    for (const entry of this.outgoing.all()) {
      if (!this.transmit(entry.bytes, entry.lastSentAt !== undefined, entry.tail)) break;
      entry.lastSentAt = this.now();
    }
  }

  /** The transport is gone; frames sent from now on are buffered until the next attach. */
  detach(): void {
    this.transport = undefined;
  }

  /** Send one stream frame. Returns its sequence number (undefined: empty payload skipped). */
  send(payloadType: number, payload: Uint8Array): number | undefined {
    if (this.closed) throw new Error('channel is closed');
    if (payload.length === 0 && this.policy.skipEmptyPayloads) return undefined;
    const full = this.outgoing.full;
    if (full && this.policy.onOutgoingFull === 'refuse') {
      this.wantDrain = true;
      throw new ChannelFullError(this.policy.outgoingCapacity);
    }
    const seq = this.nextSeq++;
    const fields = {
      messageType: this.policy.outgoingType,
      sequenceNumber: seq,
      flags: seq === 0 && this.policy.firstFrameSyn ? Flags.Syn : Flags.Data,
      payloadType,
      payload,
    };
    const lent = this.lendOutgoing && payload.length > 0;
    const bytes = lent ? encodeFrameHead(fields) : encodeFrame(fields);
    const tail = lent ? payload : undefined;
    const entry: OutgoingEntry = { seq, bytes, tail, payloadStart: this.payloadSent, lastSentAt: undefined };
    if (!full) {
      this.outgoing.add(entry);
      this.payloadSent += payload.length;
    }
    if (!this.paused && this.transmit(bytes, false, tail)) entry.lastSentAt = this.now();
    return seq;
  }

  /** True while a send would be accepted without ChannelFullError. */
  get writable(): boolean {
    return !this.outgoing.full || this.policy.onOutgoingFull !== 'refuse';
  }

  get unackedFrames(): number {
    return this.outgoing.size;
  }

  get unackedBytes(): number {
    return this.outgoing.bytes;
  }

  /**
   * Sequence numbers from the oldest unacked frame to the next one to be sent: how far ahead of
   * the peer's next expected frame this side may be, i.e. what the peer may have to buffer.
   */
  get unackedSpan(): number {
    const oldest = this.outgoing.oldest();
    return oldest ? this.nextSeq - oldest.seq : 0;
  }

  /** Payload bytes of the unacked frames (every frame we encode has the standard header, §1.1). */
  get unackedPayloadBytes(): number {
    return this.outgoing.bytes - this.outgoing.size * Offset.Payload;
  }

  /**
   * Payload bytes from the oldest unacked frame through the newest: what the peer may have to
   * hold for us. Frames it acked out of order count too, because it cannot deliver them before
   * the oldest one (§4.3), so a sender that bounds this (and not just the unacked bytes) keeps a
   * peer whose reader refuses or holds that frame from buffering without bound.
   */
  get unackedSpanPayloadBytes(): number {
    const oldest = this.outgoing.oldest();
    return oldest ? this.payloadSent - oldest.payloadStart : 0;
  }

  /** Peer frames held behind a missing one (undefined when none): output not delivered yet. */
  get incomingGap(): IncomingGap | undefined {
    return this.incoming.gap();
  }

  get rtoMs(): number {
    return this.rto.rtoMs;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  get expectedSequenceNumber(): number {
    return this.incoming.expectedSeq;
  }

  /** Agent policy: from now on deliver all stream data (before this it is acked and dropped). */
  markHandshakeComplete(): void {
    this.handshakeDone = true;
  }

  /** A handler that answered 'not-ready' is ready now: deliver what is waiting in order. */
  retryDelivery(): void {
    this.pump();
  }

  /** Feed one binary websocket message. Never throws for bad input (reported via hooks). */
  receive(bytes: Uint8Array): void {
    if (this.closed) return;
    let header: FrameHeader;
    try {
      header = readHeader(bytes, this.decodeOptions, this.header);
    } catch (error) {
      if (!(error instanceof FrameError)) throw error;
      this.stats.malformed++;
      this.hooks.tap?.({ direction: 'in', at: Date.now(), bytes, error });
      this.hooks.malformed?.(error, bytes);
      return;
    }
    this.stats.framesIn++;
    // One ack arrives per frame sent: read it in place, without building a frame, unless a tap wants one.
    if (header.messageType === MessageType.Acknowledge && !this.hooks.tap) return this.onAck(bytes, header.payloadStart);
    // Without a tap nothing outside the channel sees the frame but its handler: keep the lean form,
    // and lend the payload of the frame that is delivered at once (in order) when allowed.
    const frame = this.hooks.tap
      ? frameFromHeader(bytes, header)
      : this.lendPayloads && header.messageType === this.policy.incomingType && header.sequenceNumber === this.incoming.expectedSeq
        ? new LentFrame(bytes, header)
        : new ReceivedFrame(bytes, header);
    this.hooks.tap?.({ direction: 'in', at: Date.now(), bytes, frame });
    switch (frame.messageType) {
      case MessageType.Acknowledge:
        this.onAck(frame.payload, 0);
        return;
      case this.policy.incomingType:
        this.onStream(frame);
        return;
      case MessageType.PausePublication:
        if (!this.paused) this.pausedProbeAt = this.now();
        this.paused = true;
        break;
      case MessageType.StartPublication:
        this.resumePublication();
        break;
    }
    this.hooks.control?.(frame);
  }

  /** Stop timers and drop buffers. Idempotent. */
  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    this.outgoing.clear();
    this.transport = undefined;
  }

  /** The ack's payload is bytes[start..]; `bytes` may be the websocket's buffer: parsed here, not kept. */
  private onAck(bytes: Uint8Array, start: number): void {
    this.stats.acksIn++;
    this.resumePublication();
    let seq: number;
    try {
      seq = ackSequenceNumber(bytes, start);
    } catch (error) {
      if (!(error instanceof FrameError)) throw error;
      this.stats.malformed++;
      this.hooks.malformed?.(error, bytes.slice(start));
      return;
    }
    const entry = this.outgoing.ack(seq);
    if (entry?.lastSentAt !== undefined) this.rto.sample(this.now() - entry.lastSentAt);
    if (entry && entry.seq > this.highestAcked) this.highestAcked = entry.seq;
    if (entry) {
      this.hooks.acked?.();
      // Loss recovery beyond §4.4 (loss-recovery.ts), never while paused or without a transport.
      const threshold = this.policy.fastRetransmitAcks;
      if (threshold > 0 && !this.paused && this.transport && fastRetransmit(this.outgoing, entry, threshold, this.rto.srttMs, this.now(), this.resend)) this.stats.fastRetransmits++;
    }
    if (this.wantDrain && this.outgoing.size <= this.policy.outgoingCapacity * DRAIN_FRACTION) {
      this.wantDrain = false;
      this.hooks.drain?.();
    }
  }

  private onStream(frame: ClientMessage): void {
    this.resumePublication();
    const arrival = this.incoming.classify(frame);
    switch (arrival.kind) {
      case 'in-order':
        if (this.deliverOne(frame) === 'accepted') {
          this.sendAck(frame);
          this.incoming.advance();
          this.pump();
        } else if (this.policy.holdRefusedFrame) {
          this.incoming.hold(frame instanceof LentFrame ? frame.copy() : frame);
        }
        return;
      case 'buffered':
      case 'buffered-duplicate':
        this.sendAck(frame);
        return;
      case 'duplicate':
        this.stats.duplicates++;
        if (this.policy.reackDuplicates) this.sendAck(frame);
        return;
      case 'overflow':
        this.stats.overflowDrops++;
        return;
    }
  }

  /** Deliver buffered frames that are now in sequence; stop at the first 'not-ready'. */
  private pump(): void {
    for (let next = this.incoming.next(); next && !this.closed; next = this.incoming.next()) {
      if (this.deliverOne(next) !== 'accepted') return;
      const unacked = this.incoming.headUnacked;
      this.incoming.advance();
      if (unacked) this.sendAck(next);
    }
  }

  private deliverOne(frame: ClientMessage): Delivery {
    if (this.policy.dropBeforeHandshake && !this.handshakeDone && !HANDSHAKE_PAYLOAD_TYPES.has(frame.payloadType)) {
      return 'accepted'; // acked and discarded, as the agent does (§4.3)
    }
    try {
      return this.hooks.deliver(frame);
    } catch (error) {
      this.hooks.handlerError?.(error, frame);
      return 'not-ready';
    }
  }

  private sendAck(frame: ClientMessage): void {
    const bytes =
      frame instanceof ReceivedFrame || frame instanceof LentFrame
        ? encodeAcknowledgeFrameFromWire(frame.messageType, frame.idDigestPayload, frame.sequenceNumber)
        : encodeAcknowledgeFrame({ acknowledgedMessageType: frame.messageType, acknowledgedMessageId: frame.messageId, acknowledgedMessageSequenceNumber: frame.sequenceNumber });
    if (this.transmit(bytes, false)) this.stats.acksOut++;
  }

  /** Leave the paused state and transmit the frames held back meanwhile (§5). */
  private resumePublication(): void {
    if (!this.paused) return;
    this.paused = false;
    for (const entry of this.outgoing.all()) {
      if (entry.lastSentAt !== undefined) continue;
      if (!this.transmit(entry.bytes, false, entry.tail)) return;
      entry.lastSentAt = this.now();
    }
  }

  /** Every 100 ms: resend the oldest unacked frame if its RTO has passed (§4.4). */
  private resendTick(): void {
    if (!this.transport) return;
    const oldest = this.outgoing.oldest();
    if (!oldest) return;
    const now = this.now();
    if (this.paused) {
      if (now - this.pausedProbeAt < PAUSED_PROBE_MS) return;
      if (this.transmit(oldest.bytes, oldest.lastSentAt !== undefined, oldest.tail)) oldest.lastSentAt = this.pausedProbeAt = now;
      return;
    }
    if (oldest.lastSentAt === undefined || now - oldest.lastSentAt > this.rto.rtoMs) {
      if (!this.transmit(oldest.bytes, oldest.lastSentAt !== undefined, oldest.tail)) return;
      oldest.lastSentAt = now;
      oldest.laterAcks = 0;
    }
    this.stats.passedResends += resendPassed(this.outgoing, this.highestAcked, this.policy.passedResendsPerTick, this.rto.rtoMs, now, this.resend);
  }

  /** A retransmission from loss-recovery.ts (transmit, bound once). */
  private readonly resend: Transmit = (bytes, retransmit, tail) => this.transmit(bytes, retransmit, tail);

  /** Sends a frame: `bytes`, followed by `tail` when the frame is kept as header and lent payload. */
  private transmit(bytes: Uint8Array, retransmit: boolean, tail?: Uint8Array): boolean {
    const t = this.transport;
    if (!t) return false;
    const sent = tail === undefined ? t.send(bytes) : t.sendParts ? t.sendParts(bytes, tail) : t.send(joined(bytes, tail));
    if (!sent) return false;
    this.stats.framesOut++;
    if (retransmit) this.stats.retransmits++;
    if (this.hooks.tap) this.hooks.tap({ direction: 'out', at: Date.now(), bytes: tail === undefined ? bytes : joined(bytes, tail), retransmit });
    return true;
  }
}

/** A frame kept as header and lent payload, as one buffer (transports without sendParts, the frame tap). */
function joined(head: Uint8Array, tail: Uint8Array): Uint8Array {
  const out = new Uint8Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}
