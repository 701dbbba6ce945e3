// Reading and validating a frame's fixed header (protocol §1.1, §1.5) without copying anything:
// decodeFrame builds its ClientMessage on this, and the reliability layer reads acks with it
// alone (an ack's payload is parsed at once and never kept, so it needs no copy).
import { payloadDigestMatches } from './digest.js';
import { FrameLayout, MessageType, Offset } from './constants.js';
import { FrameError } from './errors.js';

export interface DecodeOptions {
  /** Check SHA-256(payload) against PayloadDigest like the plugin (§1.5). The agent does not. */
  readonly verifyDigest?: boolean;
}

/** The header fields of a valid frame; the payload is bytes[payloadStart, end). */
export interface FrameHeader {
  readonly headerLength: number;
  readonly messageType: string;
  readonly schemaVersion: number;
  /** Unix epoch milliseconds. */
  readonly createdDate: number;
  readonly sequenceNumber: number;
  readonly flags: number;
  /** 0 when the header is the short 112-byte layout, which has no PayloadType field. */
  readonly payloadType: number;
  readonly payloadLength: number;
  readonly payloadStart: number;
}

/** A FrameHeader readHeader may fill in place (a receiver's scratch: no object per message). */
export type MutableFrameHeader = { -readonly [K in keyof FrameHeader]: FrameHeader[K] };

/** A zeroed header to pass to readHeader as its `into`. */
export function emptyHeader(): MutableFrameHeader {
  return { headerLength: 0, messageType: '', schemaVersion: 0, createdDate: 0, sequenceNumber: 0, flags: 0, payloadType: 0, payloadLength: 0, payloadStart: 0 };
}

const SPACE = 0x20;

/**
 * Validate one websocket binary message's header (and digest). Throws FrameError like
 * decodeFrame. With `into`, the fields are written there and it is returned (valid until the next
 * call with it); otherwise a new object.
 */
export function readHeader(bytes: Uint8Array, options: DecodeOptions = {}, into?: MutableFrameHeader): FrameHeader {
  if (bytes.length < Offset.PayloadType) {
    throw new FrameError('Frame', bytes.length, `truncated: ${bytes.length} bytes, a header needs at least ${Offset.PayloadType}`);
  }
  // Plain byte reads rather than a DataView: no object per message on the hot path.
  const hl = u32(bytes, Offset.HeaderLength);
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
  const createdDate = readUint64(bytes, Offset.CreatedDate, 'CreatedDate');
  if (createdDate === 0 && !skipValidation) {
    throw new FrameError('CreatedDate', Offset.CreatedDate, 'is zero');
  }
  const sequenceNumber = readInt64(bytes, Offset.SequenceNumber);
  const flags = readUint64(bytes, Offset.Flags, 'Flags');
  const payloadType = hl >= FrameLayout.STANDARD_HEADER_LENGTH ? u32(bytes, Offset.PayloadType) : 0;
  // PayloadLength sits just before the payload in both known layouts (offset 116, or 112 short).
  const payloadLength = u32(bytes, Math.min(hl, Offset.PayloadLength));
  // The payload runs from HeaderLength + 4 to the end, whatever PayloadLength says: neither real
  // peer compares the two (§1.5 steps 3-4), and MGS frames in other layouts must still parse.
  const payloadStart = hl + 4;
  // Like the plugin, the digest is checked when the word at the fixed PayloadLength offset (116)
  // is non-zero; a frame too short to hold it reads as 0 there, as the plugin's failed read does.
  const digestGate = bytes.length >= Offset.PayloadLength + 4 ? u32(bytes, Offset.PayloadLength) : 0;
  if ((options.verifyDigest ?? true) && digestGate !== 0 && !skipValidation) {
    if (!payloadDigestMatches(bytes, Offset.PayloadDigest, bytes.subarray(payloadStart))) {
      throw new FrameError('PayloadDigest', Offset.PayloadDigest, 'does not match SHA-256 of the payload');
    }
  }
  const schemaVersion = u32(bytes, Offset.SchemaVersion);
  if (!into) return { headerLength: hl, messageType, schemaVersion, createdDate, sequenceNumber, flags, payloadType, payloadLength, payloadStart };
  into.headerLength = hl;
  into.messageType = messageType;
  into.schemaVersion = schemaVersion;
  into.createdDate = createdDate;
  into.sequenceNumber = sequenceNumber;
  into.flags = flags;
  into.payloadType = payloadType;
  into.payloadLength = payloadLength;
  into.payloadStart = payloadStart;
  return into;
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

/** Big-endian uint32 at `offset` (the caller has checked the bounds). */
function u32(bytes: Uint8Array, offset: number): number {
  return (((bytes[offset] ?? 0) << 24) | ((bytes[offset + 1] ?? 0) << 16) | ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0)) >>> 0;
}

/** The same bytes as a signed int32 (the high word of a two's-complement int64). */
function i32(bytes: Uint8Array, offset: number): number {
  return u32(bytes, offset) | 0;
}

/** The exact 64-bit value of the bytes at `offset`, for error messages only. */
function bigAt(bytes: Uint8Array, offset: number, signed: boolean): bigint {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, 8);
  return signed ? view.getBigInt64(0) : view.getBigUint64(0);
}

function readUint64(bytes: Uint8Array, offset: number, field: 'CreatedDate' | 'Flags'): number {
  const high = u32(bytes, offset);
  if (high > SAFE_HIGH_WORD) throw new FrameError(field, offset, `${bigAt(bytes, offset, false)} is beyond the safe integer range`);
  return high * TWO_32 + u32(bytes, offset + 4);
}

function readInt64(bytes: Uint8Array, offset: number): number {
  const high = i32(bytes, offset);
  if (high > SAFE_HIGH_WORD || high < -SAFE_HIGH_WORD - 1 || (high === -SAFE_HIGH_WORD - 1 && u32(bytes, offset + 4) === 0)) {
    throw new FrameError('SequenceNumber', offset, `${bigAt(bytes, offset, true)} is beyond the safe integer range`);
  }
  return high * TWO_32 + u32(bytes, offset + 4);
}
