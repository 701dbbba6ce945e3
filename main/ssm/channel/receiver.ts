// The receiving half of a ReliableChannel (protocol §4.3): the peer's stream frames in order, each
// delivered once, acked as the policy says (duplicates re-acked or not, a refused frame held or
// left for the peer to resend), and the agent's rule of dropping data before the handshake.
import { encodeAcknowledgeFrame, encodeAcknowledgeFrameFromWire, LentFrame, Offset, PayloadType, ReceivedFrame, type ClientMessage } from '../frame/index.js';
import type { FrameOutput } from './frame-output.js';
import { IncomingOrder, type IncomingGap } from './incoming.js';
import type { ChannelPolicy } from './policy.js';
import type { ChannelHooks, ChannelStats, Delivery } from './types.js';

/** Before the handshake, the agent only takes HandshakeResponse and EncChallengeResponse (§4.3). */
const HANDSHAKE_PAYLOAD_TYPES: ReadonlySet<number> = new Set([PayloadType.HandshakeResponse, PayloadType.EncChallengeResponse]);

export class ChannelReceiver {
  private readonly incoming: IncomingOrder;
  private handshakeDone = false;
  private closed = false;

  constructor(
    private readonly policy: ChannelPolicy,
    private readonly hooks: ChannelHooks,
    private readonly stats: ChannelStats,
    private readonly out: FrameOutput,
  ) {
    this.incoming = new IncomingOrder(policy.incomingCapacity);
  }

  /** The sequence number delivered next. */
  get expectedSeq(): number {
    return this.incoming.expectedSeq;
  }

  /** Peer frames held behind a missing one (undefined when none). */
  get gap(): IncomingGap | undefined {
    return this.incoming.gap();
  }

  /** Agent policy: from now on deliver all stream data (before this it is acked and dropped). */
  markHandshakeComplete(): void {
    this.handshakeDone = true;
  }

  /** Delivers nothing more (the channel closed). */
  close(): void {
    this.closed = true;
  }

  onStream(frame: ClientMessage): void {
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
  pump(): void {
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
    // From the MessageId's wire bytes where the frame has them, in place (no view per ack).
    const bytes =
      frame instanceof LentFrame
        ? encodeAcknowledgeFrameFromWire(frame.messageType, frame.bytes, frame.sequenceNumber, undefined, Offset.MessageId)
        : frame instanceof ReceivedFrame
          ? encodeAcknowledgeFrameFromWire(frame.messageType, frame.idDigestPayload, frame.sequenceNumber)
          : encodeAcknowledgeFrame({ acknowledgedMessageType: frame.messageType, acknowledgedMessageId: frame.messageId, acknowledgedMessageSequenceNumber: frame.sequenceNumber });
    if (this.out.transmit(bytes, false)) this.stats.acksOut++;
  }
}
