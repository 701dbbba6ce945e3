// The two forms a received frame takes inside the channel (ChannelOptions.lendPayloads): a
// ReceivedFrame owns one copy of what it keeps, a LentFrame lends the socket's bytes for one
// delivery. Both are built once per received frame on the channel's hot path.
//
// Each class restates the FrameHeader fields and copies them one by one on purpose: plain own
// fields assigned in the constructor keep the construction to one object and no call beyond it.
// A shared base class would add a super() call per frame, and an interface merged into the class
// is refused by lint (no-unsafe-declaration-merging) and cannot assign its readonly fields; holding
// the header instead would alias the channel's reused scratch header.
import { allocFrame } from './alloc.js';
import type { ClientMessage } from './codec.js';
import { FrameLayout, Offset } from './constants.js';
import type { FrameHeader } from './header.js';
import { uuidFromWire } from './uuid.js';

/** MessageId (16) then PayloadDigest (32), contiguous from Offset.MessageId (§1.1). */
const ID_AND_DIGEST_BYTES = Offset.PayloadType - Offset.MessageId;

/**
 * A received frame as the reliability layer keeps it until delivered: the MessageId's wire bytes,
 * the digest and the payload share one copy, and the MessageId text is only built if something
 * asks for it (the ack is written from the wire bytes, encodeAcknowledgeFrameFromWire). Only for
 * the channel's own use: a spread of it (`{ ...frame }`) would leave the id out, so every public
 * decoder returns plain objects.
 */
export class ReceivedFrame implements ClientMessage {
  private idText: string | undefined;
  readonly headerLength: number;
  readonly messageType: string;
  readonly schemaVersion: number;
  readonly createdDate: number;
  readonly sequenceNumber: number;
  readonly flags: number;
  readonly payloadType: number;
  readonly payloadLength: number;
  /**
   * The copy: the frame from its MessageId on — MessageId's 16 wire bytes (halves exchanged,
   * §1.3), PayloadDigest, the header's last field(s) up to the payload (PayloadType and
   * PayloadLength: 8 bytes, 4 in the short layout), then the payload. Its first 16 bytes are
   * what encodeAcknowledgeFrameFromWire reads.
   */
  readonly idDigestPayload: Uint8Array;
  readonly payload: Uint8Array;

  constructor(bytes: Uint8Array, h: FrameHeader) {
    // MessageId, PayloadDigest and the payload in one contiguous copy: the few header bytes
    // between digest and payload cost less than a second view and copy call per frame.
    const out = allocFrame(bytes.length - Offset.MessageId);
    out.set(bytes.subarray(Offset.MessageId));
    this.headerLength = h.headerLength;
    this.messageType = h.messageType;
    this.schemaVersion = h.schemaVersion;
    this.createdDate = h.createdDate;
    this.sequenceNumber = h.sequenceNumber;
    this.flags = h.flags;
    this.payloadType = h.payloadType;
    this.payloadLength = h.payloadLength;
    this.idDigestPayload = out;
    this.payload = out.subarray(h.payloadStart - Offset.MessageId);
  }

  /** The 16 MessageId bytes as sent (a view made on demand: acks read idDigestPayload directly). */
  get messageIdWire(): Uint8Array {
    return this.idDigestPayload.subarray(0, FrameLayout.UUID_BYTES);
  }

  get payloadDigest(): Uint8Array {
    return this.idDigestPayload.subarray(FrameLayout.UUID_BYTES, ID_AND_DIGEST_BYTES);
  }

  get messageId(): string {
    return (this.idText ??= uuidFromWire(this.idDigestPayload));
  }
}

/**
 * A received stream frame delivered in order the moment it arrives, without ReceivedFrame's copy:
 * the payload is a view of the received message (the socket's bytes), for handlers that take
 * what they need before returning (ChannelOptions.lendPayloads). Anything the channel keeps (a
 * refused frame it holds) is `copy()`'d first. One copy of 1 KB and one slab share less per
 * frame, which is most of a forward's received bytes.
 */
export class LentFrame implements ClientMessage, FrameHeader {
  readonly headerLength: number;
  readonly messageType: string;
  readonly schemaVersion: number;
  readonly createdDate: number;
  readonly sequenceNumber: number;
  readonly flags: number;
  readonly payloadType: number;
  readonly payloadLength: number;
  readonly payloadStart: number;
  readonly payload: Uint8Array;

  constructor(
    /** The whole received message (its MessageId's wire bytes start at Offset.MessageId). */
    readonly bytes: Uint8Array,
    h: FrameHeader,
  ) {
    this.headerLength = h.headerLength;
    this.messageType = h.messageType;
    this.schemaVersion = h.schemaVersion;
    this.createdDate = h.createdDate;
    this.sequenceNumber = h.sequenceNumber;
    this.flags = h.flags;
    this.payloadType = h.payloadType;
    this.payloadLength = h.payloadLength;
    this.payloadStart = h.payloadStart;
    this.payload = bytes.subarray(h.payloadStart);
  }

  /** MessageId's 16 wire bytes then the digest, as ReceivedFrame.idDigestPayload begins (a view). */
  get idDigestPayload(): Uint8Array {
    return this.bytes.subarray(Offset.MessageId, Offset.PayloadType);
  }

  get payloadDigest(): Uint8Array {
    return this.bytes.subarray(Offset.PayloadDigest, Offset.PayloadType);
  }

  get messageId(): string {
    return uuidFromWire(this.bytes.subarray(Offset.MessageId, Offset.PayloadDigest));
  }

  /** The same frame as a ReceivedFrame, which owns its bytes (for anything kept past the delivery). */
  copy(): ReceivedFrame {
    return new ReceivedFrame(this.bytes, this);
  }
}
