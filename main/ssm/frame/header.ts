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

const SPACE = 0x20;

/** Validate one websocket binary message's header (and digest). Throws FrameError like decodeFrame. */
export function readHeader(bytes: Uint8Array, options: DecodeOptions = {}): FrameHeader {
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
  const payloadType = hl >= FrameLayout.STANDARD_HEADER_LENGTH ? view.getUint32(Offset.PayloadType) : 0;
  // PayloadLength sits just before the payload in both known layouts (offset 116, or 112 short).
  const payloadLength = view.getUint32(Math.min(hl, Offset.PayloadLength));
  // The payload runs from HeaderLength + 4 to the end, whatever PayloadLength says: neither real
  // peer compares the two (§1.5 steps 3-4), and MGS frames in other layouts must still parse.
  const payloadStart = hl + 4;
  // Like the plugin, the digest is checked when the word at the fixed PayloadLength offset (116)
  // is non-zero; a frame too short to hold it reads as 0 there, as the plugin's failed read does.
  const digestGate = bytes.length >= Offset.PayloadLength + 4 ? view.getUint32(Offset.PayloadLength) : 0;
  if ((options.verifyDigest ?? true) && digestGate !== 0 && !skipValidation) {
    if (!payloadDigestMatches(bytes, Offset.PayloadDigest, bytes.subarray(payloadStart))) {
      throw new FrameError('PayloadDigest', Offset.PayloadDigest, 'does not match SHA-256 of the payload');
    }
  }
  return { headerLength: hl, messageType, schemaVersion: view.getUint32(Offset.SchemaVersion), createdDate, sequenceNumber, flags, payloadType, payloadLength, payloadStart };
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
