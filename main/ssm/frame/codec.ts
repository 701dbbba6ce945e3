// Binary frame codec (protocol §1, §15). Encodes exactly as the official senders do and decodes
// tolerantly (NUL or space padding, payload at HeaderLength+4, the 112-byte-header variant),
// but strictly enough that no malformed frame reaches the reliability layer.
import { allocFrame, writeRandomMessageId } from './alloc.js';
import { FrameLayout, Offset } from './constants.js';
import { FrameError } from './errors.js';
import { writePayloadDigest } from './digest.js';
import { readHeader, type DecodeOptions, type FrameHeader } from './header.js';
import { uuidFromWire, writeUuid } from './uuid.js';

/** A decoded frame (ClientMessage == AgentMessage, §1): the header fields plus id, digest and payload. */
export interface ClientMessage extends Omit<FrameHeader, 'payloadStart'> {
  readonly messageId: string;
  readonly payloadDigest: Uint8Array;
  readonly payload: Uint8Array;
}

/** What encodeFrame needs; the rest of the header is derived. */
export interface FrameFields {
  readonly messageType: string;
  readonly sequenceNumber: number;
  readonly flags: number;
  /** Defaults to a fresh random v4 id, written straight into the frame (as newMessageId() would make). */
  readonly messageId?: string;
  readonly payloadType: number;
  readonly payload: Uint8Array;
  /** Defaults to Date.now(). */
  readonly createdDate?: number;
  /** Defaults to 1. */
  readonly schemaVersion?: number;
}

export interface EncodeOptions {
  /** 116 (every official sender) or 112 (MGS-style channel_closed, for robustness tests). */
  readonly headerLength?: 116 | 112;
  /** Space (official senders) or NUL (MGS-style) padding of the MessageType field. */
  readonly padding?: 'space' | 'nul';
}

export type { DecodeOptions } from './header.js';

const SPACE = 0x20;
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;
const UINT32_MAX = 0xffff_ffff;

export { payloadDigest } from './digest.js';

/** Serialize one frame. Throws FrameError when a field cannot be represented. */
export function encodeFrame(fields: FrameFields, options: EncodeOptions = {}): Uint8Array {
  return encode(fields, options, true);
}

/**
 * The frame's bytes up to its payload (the header and PayloadLength, digest of `fields.payload`
 * included): followed by the payload's bytes, exactly what encodeFrame returns. For a sender that
 * keeps the payload as it was given instead of a copy of it (ChannelOptions.lendOutgoing).
 */
export function encodeFrameHead(fields: FrameFields, options: EncodeOptions = {}): Uint8Array {
  return encode(fields, options, false);
}

function encode(fields: FrameFields, options: EncodeOptions, withPayload: boolean): Uint8Array {
  const hl = options.headerLength ?? FrameLayout.STANDARD_HEADER_LENGTH;
  const typeBytes = messageTypeBytes(fields.messageType);
  const schema = fields.schemaVersion ?? FrameLayout.SCHEMA_VERSION;
  checkUint(schema, UINT32_MAX, 'SchemaVersion', Offset.SchemaVersion);
  const created = fields.createdDate ?? Date.now();
  checkUint(created, Number.MAX_SAFE_INTEGER, 'CreatedDate', Offset.CreatedDate);
  if (!Number.isSafeInteger(fields.sequenceNumber)) {
    throw new FrameError('SequenceNumber', Offset.SequenceNumber, `not a safe integer: ${fields.sequenceNumber}`);
  }
  checkUint(fields.flags, Number.MAX_SAFE_INTEGER, 'Flags', Offset.Flags);
  checkUint(fields.payloadType, UINT32_MAX, 'PayloadType', Offset.PayloadType);
  if (fields.payload.length > UINT32_MAX) {
    throw new FrameError('PayloadLength', hl, `payload of ${fields.payload.length} bytes exceeds uint32`);
  }

  const frame = allocFrame(hl + 4 + (withPayload ? fields.payload.length : 0));
  // The MessageId is validated first so a bad one throws before anything else is written.
  if (fields.messageId === undefined) writeRandomMessageId(frame, Offset.MessageId);
  else writeUuid(frame, Offset.MessageId, fields.messageId, true);
  // Plain byte writes rather than a DataView: no object per frame on the hot path.
  putUint32(frame, Offset.HeaderLength, hl);
  frame.set(options.padding === 'nul' ? typeBytes.nul : typeBytes.space, Offset.MessageType);
  putUint32(frame, Offset.SchemaVersion, schema);
  putInt64(frame, Offset.CreatedDate, created);
  putInt64(frame, Offset.SequenceNumber, fields.sequenceNumber);
  putInt64(frame, Offset.Flags, fields.flags);
  writePayloadDigest(frame, Offset.PayloadDigest, fields.payload);
  if (hl >= FrameLayout.STANDARD_HEADER_LENGTH) putUint32(frame, Offset.PayloadType, fields.payloadType);
  putUint32(frame, hl, fields.payload.length);
  if (withPayload) frame.set(fields.payload, hl + 4);
  return frame;
}

/**
 * The digest and the payload of a received frame, copied out together (one allocation). Decoded
 * fields are copies so they never keep a whole websocket read buffer (often 64 KB) alive, e.g.
 * while waiting in the out-of-order buffer; consumers of payloads copy or release them soon.
 */
function copyDigestAndPayload(bytes: Uint8Array, payloadStart: number): { digest: Uint8Array; payload: Uint8Array } {
  const out = allocFrame(FrameLayout.DIGEST_BYTES + bytes.length - payloadStart);
  out.set(bytes.subarray(Offset.PayloadDigest, Offset.PayloadType));
  out.set(bytes.subarray(payloadStart), FrameLayout.DIGEST_BYTES);
  return { digest: out.subarray(0, FrameLayout.DIGEST_BYTES), payload: out.subarray(FrameLayout.DIGEST_BYTES) };
}

/** A MessageType's whole 32-byte field, padded either way (§1.5). */
interface TypeField {
  readonly space: Uint8Array;
  readonly nul: Uint8Array;
}

/** Validated MessageType fields; a sender uses a handful of types, so they are cached. */
const typeFieldCache = new Map<string, TypeField>();
/** Bound on the cache so arbitrary caller-supplied types cannot grow it without limit. */
const TYPE_CACHE_LIMIT = 64;

function messageTypeBytes(messageType: string): TypeField {
  const cached = typeFieldCache.get(messageType);
  if (cached) return cached;
  const bytes = Buffer.from(messageType, 'latin1');
  if (bytes.length === 0 || bytes.length > FrameLayout.MESSAGE_TYPE_BYTES || !PRINTABLE_ASCII.test(messageType)) {
    throw new FrameError('MessageType', Offset.MessageType, `must be 1-32 printable ASCII characters, got ${JSON.stringify(messageType)}`);
  }
  const field = (pad: number) => {
    const f = new Uint8Array(FrameLayout.MESSAGE_TYPE_BYTES).fill(pad);
    f.set(bytes);
    return f;
  };
  const entry = { space: field(SPACE), nul: field(0) };
  if (typeFieldCache.size < TYPE_CACHE_LIMIT) typeFieldCache.set(messageType, entry);
  return entry;
}

/**
 * Parse one websocket binary message. Throws FrameError (field + offset) on anything malformed;
 * callers drop such frames without an ack (§1.5 step 5). The returned payload is a copy.
 */
export function decodeFrame(bytes: Uint8Array, options: DecodeOptions = {}): ClientMessage {
  return frameFromHeader(bytes, readHeader(bytes, options));
}

/** The ClientMessage of a frame whose header readHeader validated: MessageId text, payload copy. */
export function frameFromHeader(bytes: Uint8Array, h: FrameHeader): ClientMessage {
  const { digest, payload } = copyDigestAndPayload(bytes, h.payloadStart);
  return {
    headerLength: h.headerLength,
    messageType: h.messageType,
    schemaVersion: h.schemaVersion,
    createdDate: h.createdDate,
    sequenceNumber: h.sequenceNumber,
    flags: h.flags,
    messageId: uuidFromWire(bytes.subarray(Offset.MessageId, Offset.PayloadDigest)),
    payloadDigest: digest,
    payloadType: h.payloadType,
    payloadLength: h.payloadLength,
    payload,
  };
}

/** Result-union form of decodeFrame for callers that prefer no try/catch. */
export type DecodeResult = { readonly ok: true; readonly frame: ClientMessage } | { readonly ok: false; readonly error: FrameError };

export function tryDecodeFrame(bytes: Uint8Array, options: DecodeOptions = {}): DecodeResult {
  try {
    return { ok: true, frame: decodeFrame(bytes, options) };
  } catch (error) {
    if (error instanceof FrameError) return { ok: false, error };
    throw error;
  }
}

// 64-bit fields as two 32-bit halves: exact for every safe integer and without BigInt costs.
const TWO_32 = 2 ** 32;

/** Big-endian uint32 write. */
function putUint32(target: Uint8Array, offset: number, value: number): void {
  target[offset] = value >>> 24;
  target[offset + 1] = value >>> 16;
  target[offset + 2] = value >>> 8;
  target[offset + 3] = value;
}

/** Two's-complement 64-bit big-endian write of a safe integer. */
function putInt64(target: Uint8Array, offset: number, value: number): void {
  const high = Math.floor(value / TWO_32);
  putUint32(target, offset, high >>> 0);
  putUint32(target, offset + 4, value - high * TWO_32);
}

function checkUint(value: number, max: number, field: 'SchemaVersion' | 'CreatedDate' | 'Flags' | 'PayloadType', offset: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new FrameError(field, offset, `${value} is not an integer in 0..${max}`);
  }
}
