// Binary frame codec (protocol §1, §15). Encodes exactly as the official senders do and decodes
// tolerantly (NUL or space padding, payload at HeaderLength+4, the 112-byte-header variant),
// but strictly enough that no malformed frame reaches the reliability layer.
import { hash } from 'node:crypto';
import { allocFrame, writeRandomMessageId } from './alloc.js';
import { FrameLayout, MessageType, Offset } from './constants.js';
import { FrameError } from './errors.js';
import { uuidFromWire, writeUuid } from './uuid.js';

/** A decoded frame (ClientMessage == AgentMessage, §1). */
export interface ClientMessage {
  readonly headerLength: number;
  readonly messageType: string;
  readonly schemaVersion: number;
  /** Unix epoch milliseconds. */
  readonly createdDate: number;
  readonly sequenceNumber: number;
  readonly flags: number;
  readonly messageId: string;
  readonly payloadDigest: Uint8Array;
  /** 0 when the header is the short 112-byte layout, which has no PayloadType field. */
  readonly payloadType: number;
  readonly payloadLength: number;
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

export interface DecodeOptions {
  /** Check SHA-256(payload) against PayloadDigest like the plugin (§1.5). The agent does not. */
  readonly verifyDigest?: boolean;
}

const SPACE = 0x20;
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;
const UINT32_MAX = 0xffff_ffff;

/** Raw 32-byte SHA-256 of a payload. */
export function payloadDigest(payload: Uint8Array): Uint8Array {
  // One-shot hash: several times cheaper than createHash() for 1 KB payloads.
  return hash('sha256', payload, 'buffer');
}

/** Serialize one frame. Throws FrameError when a field cannot be represented. */
export function encodeFrame(fields: FrameFields, options: EncodeOptions = {}): Uint8Array {
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

  const frame = allocFrame(hl + 4 + fields.payload.length);
  // The MessageId is validated first so a bad one throws before anything else is written.
  if (fields.messageId === undefined) writeRandomMessageId(frame, Offset.MessageId);
  else writeUuid(frame, Offset.MessageId, fields.messageId, true);
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  view.setUint32(Offset.HeaderLength, hl);
  frame.fill(options.padding === 'nul' ? 0 : SPACE, Offset.MessageType, Offset.SchemaVersion);
  frame.set(typeBytes, Offset.MessageType);
  view.setUint32(Offset.SchemaVersion, schema);
  writeInt64(view, Offset.CreatedDate, created);
  writeInt64(view, Offset.SequenceNumber, fields.sequenceNumber);
  writeInt64(view, Offset.Flags, fields.flags);
  frame.set(payloadDigest(fields.payload), Offset.PayloadDigest);
  if (hl >= FrameLayout.STANDARD_HEADER_LENGTH) view.setUint32(Offset.PayloadType, fields.payloadType);
  view.setUint32(hl, fields.payload.length);
  frame.set(fields.payload, hl + 4);
  return frame;
}

/**
 * The digest and the payload of a received frame, copied out together (one allocation) into
 * Node's shared pool. Decoded fields are copies so they never keep a whole websocket read buffer
 * (often 64 KB) alive; Node's 8 KB pool rather than the encoder's slab because a payload may be
 * kept by its consumer for long.
 */
function copyDigestAndPayload(bytes: Uint8Array, payloadStart: number): { digest: Uint8Array; payload: Uint8Array } {
  const payloadLength = bytes.length - payloadStart;
  const pooled = Buffer.allocUnsafe(FrameLayout.DIGEST_BYTES + payloadLength);
  const out = new Uint8Array(pooled.buffer, pooled.byteOffset, pooled.length);
  out.set(bytes.subarray(Offset.PayloadDigest, Offset.PayloadType));
  out.set(bytes.subarray(payloadStart), FrameLayout.DIGEST_BYTES);
  return { digest: out.subarray(0, FrameLayout.DIGEST_BYTES), payload: out.subarray(FrameLayout.DIGEST_BYTES) };
}

/** Validated MessageType bytes; a sender uses a handful of types, so they are cached. */
const typeBytesCache = new Map<string, Uint8Array>();
/** Bound on the cache so arbitrary caller-supplied types cannot grow it without limit. */
const TYPE_CACHE_LIMIT = 64;

function messageTypeBytes(messageType: string): Uint8Array {
  const cached = typeBytesCache.get(messageType);
  if (cached) return cached;
  const bytes = Buffer.from(messageType, 'latin1');
  if (bytes.length === 0 || bytes.length > FrameLayout.MESSAGE_TYPE_BYTES || !PRINTABLE_ASCII.test(messageType)) {
    throw new FrameError('MessageType', Offset.MessageType, `must be 1-32 printable ASCII characters, got ${JSON.stringify(messageType)}`);
  }
  if (typeBytesCache.size < TYPE_CACHE_LIMIT) typeBytesCache.set(messageType, bytes);
  return bytes;
}

/**
 * Parse one websocket binary message. Throws FrameError (field + offset) on anything malformed;
 * callers drop such frames without an ack (§1.5 step 5). The returned payload is a copy.
 */
export function decodeFrame(bytes: Uint8Array, options: DecodeOptions = {}): ClientMessage {
  if (bytes.length < Offset.PayloadType) {
    throw new FrameError('Frame', bytes.length, `truncated: ${bytes.length} bytes, a header needs at least ${Offset.PayloadType}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hl = view.getUint32(Offset.HeaderLength);
  if (hl < FrameLayout.SHORT_HEADER_LENGTH) {
    throw new FrameError('HeaderLength', Offset.HeaderLength, `${hl} is shorter than the fixed header (${FrameLayout.SHORT_HEADER_LENGTH})`);
  }
  if (hl + 4 > bytes.length) {
    throw new FrameError('HeaderLength', Offset.HeaderLength, `${hl} + 4 exceeds the frame length ${bytes.length}`);
  }
  const messageType = readType(bytes);
  const skipValidation = messageType === MessageType.StartPublication || messageType === MessageType.PausePublication;
  if (messageType === '') {
    throw new FrameError('MessageType', Offset.MessageType, 'empty after trimming NUL and space padding');
  }
  const createdDate = readUint64(view, Offset.CreatedDate, 'CreatedDate');
  if (createdDate === 0 && !skipValidation) {
    throw new FrameError('CreatedDate', Offset.CreatedDate, 'is zero');
  }
  const sequenceNumber = readInt64(view, Offset.SequenceNumber);
  const flags = readUint64(view, Offset.Flags, 'Flags');
  const messageId = uuidFromWire(bytes.subarray(Offset.MessageId, Offset.PayloadDigest));
  const payloadType = hl >= FrameLayout.STANDARD_HEADER_LENGTH ? view.getUint32(Offset.PayloadType) : 0;
  // PayloadLength sits just before the payload in both known layouts (offset 116, or 112 short).
  const lengthOffset = Math.min(hl, Offset.PayloadLength);
  const payloadLength = view.getUint32(lengthOffset);
  // The payload runs from HeaderLength + 4 to the end, whatever PayloadLength says: neither real
  // peer compares the two (§1.5 steps 3-4), and MGS frames in other layouts must still parse.
  const { digest, payload } = copyDigestAndPayload(bytes, hl + 4);
  // Like the plugin, the digest is checked when the word at the fixed PayloadLength offset (116)
  // is non-zero; a frame too short to hold it reads as 0 there, as the plugin's failed read does.
  const digestGate = bytes.length >= Offset.PayloadLength + 4 ? view.getUint32(Offset.PayloadLength) : 0;
  if ((options.verifyDigest ?? true) && digestGate !== 0 && !skipValidation && !sameBytes(digest, payloadDigest(payload))) {
    throw new FrameError('PayloadDigest', Offset.PayloadDigest, 'does not match SHA-256 of the payload');
  }
  return {
    headerLength: hl,
    messageType,
    schemaVersion: view.getUint32(Offset.SchemaVersion),
    createdDate,
    sequenceNumber,
    flags,
    messageId,
    payloadDigest: digest,
    payloadType,
    payloadLength,
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

/** MessageType with NUL and whitespace padding trimmed from both ends (§1.5 step 1). */
function readType(bytes: Uint8Array): string {
  let start = Offset.MessageType;
  let end = Offset.SchemaVersion;
  while (start < end && isPad(bytes[start] ?? 0)) start++;
  while (end > start && isPad(bytes[end - 1] ?? 0)) end--;
  // Nearly every frame carries one of the protocol's own types: return its constant string.
  for (const [name, known] of KNOWN_TYPES) {
    if (known.length === end - start && bytes[start] === known[0] && bytesAt(bytes, start, known)) return name;
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}

/** The MessageType strings of §2.1 with their bytes, for readType's allocation-free match. */
const KNOWN_TYPES: ReadonlyArray<readonly [string, Uint8Array]> = Object.values(MessageType).map((t) => [t, Buffer.from(t, 'latin1')] as const);

function bytesAt(bytes: Uint8Array, at: number, expected: Uint8Array): boolean {
  for (let i = 0; i < expected.length; i++) if (bytes[at + i] !== expected[i]) return false;
  return true;
}

/** NUL, or whitespace as Go's strings.TrimSpace sees it in ASCII (\t \n \v \f \r space). */
function isPad(byte: number): boolean {
  return byte === 0 || byte === SPACE || (byte >= 0x09 && byte <= 0x0d);
}

// 64-bit fields as two 32-bit halves: exact for every safe integer and without BigInt costs.
const TWO_32 = 2 ** 32;
/** High word limit of a safe integer (2^53 − 1 → high word < 2^21). */
const SAFE_HIGH_WORD = 0x1f_ffff;

function readUint64(view: DataView, offset: number, field: 'CreatedDate' | 'Flags'): number {
  const high = view.getUint32(offset);
  if (high > SAFE_HIGH_WORD) throw new FrameError(field, offset, `${view.getBigUint64(offset)} is beyond the safe integer range`);
  return high * TWO_32 + view.getUint32(offset + 4);
}

function readInt64(view: DataView, offset: number): number {
  const high = view.getInt32(offset);
  if (high > SAFE_HIGH_WORD || high < -SAFE_HIGH_WORD - 1 || (high === -SAFE_HIGH_WORD - 1 && view.getUint32(offset + 4) === 0)) {
    throw new FrameError('SequenceNumber', offset, `${view.getBigInt64(offset)} is beyond the safe integer range`);
  }
  return high * TWO_32 + view.getUint32(offset + 4);
}

/** Two's-complement 64-bit big-endian write of a safe integer. */
function writeInt64(view: DataView, offset: number, value: number): void {
  const high = Math.floor(value / TWO_32);
  view.setInt32(offset, high);
  view.setUint32(offset + 4, value - high * TWO_32);
}

function checkUint(value: number, max: number, field: 'SchemaVersion' | 'CreatedDate' | 'Flags' | 'PayloadType', offset: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new FrameError(field, offset, `${value} is not an integer in 0..${max}`);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
