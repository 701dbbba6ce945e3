// The sending half of a ReliableChannel (protocol §4.2, §4.4, §5): sequence numbers, the outgoing
// buffer, acks from the peer (RTO samples, fast retransmit, drain), the 100 ms resend tick and
// publication pause. Frames go out through the channel's FrameOutput.
import { ackSequenceNumber, encodeFrame, encodeFrameHead, Flags, FrameError, Offset } from '../frame/index.js';
import { Reliability } from './constants.js';
import type { FrameOutput } from './frame-output.js';
import { fastRetransmit, resendPassed } from './loss-recovery.js';
import { OutgoingBuffer, type OutgoingEntry } from './outgoing.js';
import type { ChannelPolicy } from './policy.js';
import { RtoEstimator } from './rto.js';
import { ChannelFullError, type ChannelHooks, type ChannelStats } from './types.js';

/** After a refused send, `drain` fires once the buffer is back below this share of capacity. */
const DRAIN_FRACTION = 0.5;
/**
 * Policy choice: pause_publication is honoured (the plugin ignores it, §5), but while paused the
 * oldest unacked frame still goes out this often, so a lost start_publication cannot wedge the
 * session: the peer's ack for it resumes publication. The maximum RTO, the slowest normal resend.
 */
const PAUSED_PROBE_MS = Reliability.MAX_RTO_MS;

export class ChannelSender {
  readonly outgoing: OutgoingBuffer;
  readonly rto = new RtoEstimator();
  private nextSeq = 0;
  /** Payload bytes of every buffered stream frame sent so far (see unackedSpanPayloadBytes). */
  private payloadSent = 0;
  /** Highest sequence number the peer has acked (-1: none): frames below it that are still unacked were passed. */
  private highestAcked = -1;
  paused = false;
  /** When the paused channel last sent (or began to hold) its oldest frame; see PAUSED_PROBE_MS. */
  private pausedProbeAt = 0;
  private wantDrain = false;

  constructor(
    private readonly policy: ChannelPolicy,
    private readonly hooks: ChannelHooks,
    private readonly stats: ChannelStats,
    private readonly out: FrameOutput,
    private readonly now: () => number,
    /** ChannelOptions.lendOutgoing. */
    private readonly lendOutgoing: boolean,
  ) {
    this.outgoing = new OutgoingBuffer(policy.outgoingCapacity);
  }

  /** A transport was attached: unpaused, transmit everything unacked (go-back-N on reconnect). */
  resendAll(): void {
    this.paused = false;
    for (const entry of this.outgoing.all()) {
      if (!this.out.transmit(entry.bytes, entry.lastSentAt !== undefined, entry.tail)) break;
      entry.lastSentAt = this.now();
    }
  }

  /** Send one stream frame. Returns its sequence number (undefined: empty payload skipped). */
  send(payloadType: number, payload: Uint8Array): number | undefined {
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
    if (!this.paused && this.out.transmit(bytes, false, tail)) entry.lastSentAt = this.now();
    return seq;
  }

  /** True while a send would be accepted without ChannelFullError. */
  get writable(): boolean {
    return !this.outgoing.full || this.policy.onOutgoingFull !== 'refuse';
  }

  /** See ReliableChannel.unackedSpan. */
  get unackedSpan(): number {
    const oldest = this.outgoing.oldest();
    return oldest ? this.nextSeq - oldest.seq : 0;
  }

  /** Payload bytes of the unacked frames (every frame we encode has the standard header, §1.1). */
  get unackedPayloadBytes(): number {
    return this.outgoing.bytes - this.outgoing.size * Offset.Payload;
  }

  /** See ReliableChannel.unackedSpanPayloadBytes. */
  get unackedSpanPayloadBytes(): number {
    const oldest = this.outgoing.oldest();
    return oldest ? this.payloadSent - oldest.payloadStart : 0;
  }

  /** The ack's payload is bytes[start..]; `bytes` may be the websocket's buffer: parsed here, not kept. */
  onAck(bytes: Uint8Array, start: number): void {
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
    if (!entry) return this.drainIfWanted();
    // One clock read per ack, for the RTO sample and loss recovery alike (an ack per 1 KB sent).
    const now = this.now();
    if (entry.lastSentAt !== undefined) this.rto.sample(now - entry.lastSentAt);
    if (entry.seq > this.highestAcked) this.highestAcked = entry.seq;
    this.hooks.acked?.();
    // Loss recovery beyond §4.4 (loss-recovery.ts), never while paused or without a transport.
    const threshold = this.policy.fastRetransmitAcks;
    if (threshold > 0 && !this.paused && this.out.transport && fastRetransmit(this.outgoing, entry, threshold, this.rto.srttMs, now, this.out.resend)) this.stats.fastRetransmits++;
    this.drainIfWanted();
  }

  private drainIfWanted(): void {
    if (this.wantDrain && this.outgoing.size <= this.policy.outgoingCapacity * DRAIN_FRACTION) {
      this.wantDrain = false;
      this.hooks.drain?.();
    }
  }

  /** The peer asked to pause publication (§5): frames are held back (but probed, PAUSED_PROBE_MS). */
  pausePublication(): void {
    if (!this.paused) this.pausedProbeAt = this.now();
    this.paused = true;
  }

  /** Leave the paused state and transmit the frames held back meanwhile (§5). */
  resumePublication(): void {
    if (!this.paused) return;
    this.paused = false;
    for (const entry of this.outgoing.all()) {
      if (entry.lastSentAt !== undefined) continue;
      if (!this.out.transmit(entry.bytes, false, entry.tail)) return;
      entry.lastSentAt = this.now();
    }
  }

  /** Every 100 ms: resend the oldest unacked frame if its RTO has passed (§4.4). */
  resendTick(): void {
    if (!this.out.transport) return;
    const oldest = this.outgoing.oldest();
    if (!oldest) return;
    const now = this.now();
    if (this.paused) {
      if (now - this.pausedProbeAt < PAUSED_PROBE_MS) return;
      if (this.out.transmit(oldest.bytes, oldest.lastSentAt !== undefined, oldest.tail)) oldest.lastSentAt = this.pausedProbeAt = now;
      return;
    }
    if (oldest.lastSentAt === undefined || now - oldest.lastSentAt > this.rto.rtoMs) {
      if (!this.out.transmit(oldest.bytes, oldest.lastSentAt !== undefined, oldest.tail)) return;
      oldest.lastSentAt = now;
      oldest.laterAcks = 0;
    }
    this.stats.passedResends += resendPassed(this.outgoing, this.highestAcked, this.policy.passedResendsPerTick, this.rto.rtoMs, now, this.out.resend);
  }
}
