// The reliability layer of one data channel (protocol §4, §5), role-neutral: sequence numbers,
// acks, in-order delivery, retransmission and publication pause. Survives transport swaps
// (attach/detach), which is what resume (§9) needs: buffers and counters stay intact. A pause
// is honoured but probed (sender.ts), so it can never deadlock. This file reads each message and
// hands it on: acks and pauses to the sender (sender.ts), stream frames to the receiver
// (receiver.ts); both put frames on the wire through one FrameOutput (frame-output.ts).
import {
  FrameError,
  MessageType,
  emptyHeader,
  LentFrame,
  ReceivedFrame,
  frameFromHeader,
  readHeader,
  type DecodeOptions,
  type MutableFrameHeader,
  type FrameHeader,
} from '../frame/index.js';
import { Reliability } from './constants.js';
import { FrameOutput } from './frame-output.js';
import type { IncomingGap } from './incoming.js';
import type { ChannelOptions } from './channel-options.js';
import type { ChannelPolicy } from './policy.js';
import { ChannelReceiver } from './receiver.js';
import { ChannelSender } from './sender.js';
import type { ChannelHooks, ChannelStats, FrameTransport } from './types.js';

export type { ChannelOptions } from './channel-options.js';

export class ReliableChannel {
  readonly stats: ChannelStats = { framesIn: 0, framesOut: 0, acksIn: 0, acksOut: 0, retransmits: 0, duplicates: 0, malformed: 0, overflowDrops: 0, fastRetransmits: 0, passedResends: 0 };
  private readonly policy: ChannelPolicy;
  private readonly hooks: ChannelHooks;
  /** readHeader's options, made once (an object literal per message otherwise). */
  private readonly decodeOptions: DecodeOptions;
  private readonly lendPayloads: boolean;
  /**
   * readHeader's output, reused for every message: receive reads it only until the frame is built
   * (or the ack parsed), before anything it calls could feed this channel again.
   */
  private readonly header: MutableFrameHeader = emptyHeader();
  private readonly out: FrameOutput;
  private readonly sender: ChannelSender;
  private readonly receiver: ChannelReceiver;
  private closed = false;
  private readonly timer: NodeJS.Timeout;

  constructor(options: ChannelOptions) {
    this.policy = options.policy;
    this.hooks = options.hooks;
    this.decodeOptions = { verifyDigest: options.verifyDigest ?? true };
    this.lendPayloads = options.lendPayloads ?? false;
    this.out = new FrameOutput(this.stats, this.hooks);
    const now = options.now ?? (() => performance.now());
    this.sender = new ChannelSender(this.policy, this.hooks, this.stats, this.out, now, options.lendOutgoing ?? false);
    this.receiver = new ChannelReceiver(this.policy, this.hooks, this.stats, this.out);
    this.timer = setInterval(() => this.sender.resendTick(), Reliability.RESEND_TICK_MS);
    this.timer.unref();
  }

  /** Use this transport from now on and transmit everything unacked (go-back-N on reconnect). */
  attach(transport: FrameTransport): void {
    this.out.transport = transport;
    this.sender.resendAll();
  }

  /** The transport is gone; frames sent from now on are buffered until the next attach. */
  detach(): void {
    this.out.transport = undefined;
  }

  /** Send one stream frame. Returns its sequence number (undefined: empty payload skipped). */
  send(payloadType: number, payload: Uint8Array): number | undefined {
    if (this.closed) throw new Error('channel is closed');
    return this.sender.send(payloadType, payload);
  }

  /** True while a send would be accepted without ChannelFullError. */
  get writable(): boolean {
    return this.sender.writable;
  }

  get unackedFrames(): number {
    return this.sender.outgoing.size;
  }

  get unackedBytes(): number {
    return this.sender.outgoing.bytes;
  }

  /**
   * Sequence numbers from the oldest unacked frame to the next one to be sent: how far ahead of
   * the peer's next expected frame this side may be, i.e. what the peer may have to buffer.
   */
  get unackedSpan(): number {
    return this.sender.unackedSpan;
  }

  /** Payload bytes of the unacked frames (every frame we encode has the standard header, §1.1). */
  get unackedPayloadBytes(): number {
    return this.sender.unackedPayloadBytes;
  }

  /**
   * Payload bytes from the oldest unacked frame through the newest: what the peer may have to
   * hold for us. Frames it acked out of order count too, because it cannot deliver them before
   * the oldest one (§4.3), so a sender that bounds this (and not just the unacked bytes) keeps a
   * peer whose reader refuses or holds that frame from buffering without bound.
   */
  get unackedSpanPayloadBytes(): number {
    return this.sender.unackedSpanPayloadBytes;
  }

  /** Peer frames held behind a missing one (undefined when none): output not delivered yet. */
  get incomingGap(): IncomingGap | undefined {
    return this.receiver.gap;
  }

  get rtoMs(): number {
    return this.sender.rto.rtoMs;
  }

  get isPaused(): boolean {
    return this.sender.paused;
  }

  get expectedSequenceNumber(): number {
    return this.receiver.expectedSeq;
  }

  /** Agent policy: from now on deliver all stream data (before this it is acked and dropped). */
  markHandshakeComplete(): void {
    this.receiver.markHandshakeComplete();
  }

  /** A handler that answered 'not-ready' is ready now: deliver what is waiting in order. */
  retryDelivery(): void {
    this.receiver.pump();
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
    if (header.messageType === MessageType.Acknowledge && !this.hooks.tap) return this.sender.onAck(bytes, header.payloadStart);
    // Without a tap nothing outside the channel sees the frame but its handler: keep the lean form,
    // and lend the payload of the frame that is delivered at once (in order) when allowed.
    const frame = this.hooks.tap
      ? frameFromHeader(bytes, header)
      : this.lendPayloads && header.messageType === this.policy.incomingType && header.sequenceNumber === this.receiver.expectedSeq
        ? new LentFrame(bytes, header)
        : new ReceivedFrame(bytes, header);
    this.hooks.tap?.({ direction: 'in', at: Date.now(), bytes, frame });
    switch (frame.messageType) {
      case MessageType.Acknowledge:
        this.sender.onAck(frame.payload, 0);
        return;
      case this.policy.incomingType:
        this.sender.resumePublication();
        this.receiver.onStream(frame);
        return;
      case MessageType.PausePublication:
        this.sender.pausePublication();
        break;
      case MessageType.StartPublication:
        this.sender.resumePublication();
        break;
    }
    this.hooks.control?.(frame);
  }

  /** Stop timers and drop buffers. Idempotent. */
  close(): void {
    this.closed = true;
    this.receiver.close();
    clearInterval(this.timer);
    this.sender.outgoing.clear();
    this.out.transport = undefined;
  }
}
