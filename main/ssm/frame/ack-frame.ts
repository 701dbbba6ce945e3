// The acknowledge frame (§4.1) built in one pass: every stream frame received costs one ack
// sent, so this is half of all frames on the wire. The header comes from a template, the JSON
// payload is written straight into the frame (no intermediate string-to-bytes copy) and hashed
// once. The bytes are exactly what encodeFrame(encodeAcknowledge(...)) produces; anything the
// template cannot write verbatim takes that general path instead.
import { encodeFrame } from './codec.js';
import { writePayloadDigest } from './digest.js';
import { allocFrame, writeRandomMessageId } from './alloc.js';
import { Flags, FrameLayout, MessageType, Offset, PayloadType } from './constants.js';
import { encodeAcknowledge, type AcknowledgeContent } from './payloads.js';
import { uuidFromWire, writeUuid } from './uuid.js';

export interface AckFrameOptions {
  /** Defaults to Date.now(). */
  readonly createdDate?: number;
  /** Defaults to a fresh random v4 id. */
  readonly messageId?: string;
}

const SPACE = 0x20;
const TWO_32 = 2 ** 32;
const HYPHEN = 0x2d;
const UUID_HALF = FrameLayout.UUID_BYTES / 2;
/** Length of the hyphenated 8-4-4-4-12 text. */
const UUID_TEXT_LENGTH = 36;
/** 1 at the canonical byte indexes the 8-4-4-4-12 text puts a hyphen before (4, 6, 8, 10). */
const HYPHEN_BEFORE_BYTE = Uint8Array.from({ length: FrameLayout.UUID_BYTES }, (_, k) => (k === 4 || k === 6 || k === 8 || k === 10 ? 1 : 0));
/** Lower-case hex digits as bytes, as Buffer's 'hex' encoding writes them. */
const HEX_DIGITS = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** Header bytes 0..Offset.Payload that are the same in every ack (type, schema, seq 0, flags). */
const TEMPLATE = buildTemplate();

// The payload's fixed text around the three values, as bytes (JSON field order of §4.1).
const ascii = (text: string): Uint8Array => Buffer.from(text, 'latin1');
const TYPE_KEY = ascii('{"AcknowledgedMessageType":"');
const ID_KEY = ascii('","AcknowledgedMessageId":"');
const SEQ_KEY = ascii('","AcknowledgedMessageSequenceNumber":');
const TAIL = ascii(',"IsSequentialMessage":true}');
/** Header template and payload text before the MessageId, per acknowledged type seen (a peer uses two or three). */
const typeHeads = new Map<string, Uint8Array>();
/** The default options: one object for every ack rather than a fresh `{}` per call. */
const NO_OPTIONS: AckFrameOptions = {};
/** Bound on typeHeads so a peer inventing types cannot grow it: others take the slower path. */
const TYPE_PREFIX_LIMIT = 16;

export function encodeAcknowledgeFrame(ack: AcknowledgeContent, options: AckFrameOptions = NO_OPTIONS): Uint8Array {
  return assemble(ack.acknowledgedMessageType, ack.acknowledgedMessageId, ack.acknowledgedMessageSequenceNumber, options) ?? generalPath(ack, options);
}

/**
 * The ack of a received frame from its MessageId's 16 wire bytes (halves exchanged, §1.3; the
 * first 16 bytes of `idWire`, which may be longer, like ReceivedFrame.idDigestPayload), as
 * encodeAcknowledgeFrame would write it for uuidFromWire(idWire): the lower-case hyphenated text
 * is written straight into the payload, so no id string is built on either side's receive path.
 * `idOffset`: where those 16 bytes start in `idWire` (a whole received message: Offset.MessageId),
 * so the receive path needs no view of them per ack.
 */
export function encodeAcknowledgeFrameFromWire(acknowledgedMessageType: string, idWire: Uint8Array, sequenceNumber: number, options: AckFrameOptions = NO_OPTIONS, idOffset = 0): Uint8Array {
  return (
    assemble(acknowledgedMessageType, idWire, sequenceNumber, options, idOffset) ??
    generalPath({ acknowledgedMessageType, acknowledgedMessageId: uuidFromWire(idWire.subarray(idOffset)), acknowledgedMessageSequenceNumber: sequenceNumber }, options)
  );
}

/**
 * The one-pass ack: template header, the payload's fixed text around the type, the id (text, or
 * the 16 wire bytes of a received MessageId) and the sequence number, then the digest.
 * Undefined when only the general path can write it.
 */
function assemble(type: string, id: string | Uint8Array, sequenceNumber: number, options: AckFrameOptions, idOffset = 0): Uint8Array | undefined {
  const created = options.createdDate ?? Date.now();
  const head = typeHead(type);
  if (head === undefined || !Number.isSafeInteger(created) || created < 0) return undefined;
  const idLength = typeof id === 'string' ? id.length : UUID_TEXT_LENGTH;
  const digitCount = decimalLength(sequenceNumber);
  const digits = digitCount === 0 ? String(sequenceNumber) : undefined;
  const payloadLength = head.length - Offset.Payload + idLength + SEQ_KEY.length + (digits?.length ?? digitCount) + TAIL.length;
  const frame = allocFrame(Offset.Payload + payloadLength);
  // Header template and the payload's text up to the id in one copy; the variable fields follow.
  frame.set(head);
  let at = head.length;
  if (typeof id !== 'string') writeWireId(frame, at, id, idOffset);
  else if (!writeTextId(frame, at, id)) return undefined;
  at += idLength;
  if (options.messageId === undefined) writeRandomMessageId(frame, Offset.MessageId);
  else writeUuid(frame, Offset.MessageId, options.messageId, true);
  const high = Math.floor(created / TWO_32);
  putUint32(frame, Offset.CreatedDate, high);
  putUint32(frame, Offset.CreatedDate + 4, created - high * TWO_32);
  putUint32(frame, Offset.PayloadLength, payloadLength);
  frame.set(SEQ_KEY, at);
  at += SEQ_KEY.length;
  if (digits === undefined) {
    // Written from the last digit back: no string per ack.
    let n = sequenceNumber;
    for (let i = at + digitCount - 1; i >= at; i--) {
      const next = Math.floor(n / 10);
      frame[i] = DIGIT_ZERO + (n - next * 10);
      n = next;
    }
    at += digitCount;
  } else {
    // Anything else as JSON.stringify writes the number: its text is ASCII (digits, '-', '.', 'e', '+').
    for (let i = 0; i < digits.length; i++) frame[at++] = digits.charCodeAt(i);
  }
  frame.set(TAIL, at);
  writePayloadDigest(frame, Offset.PayloadDigest, frame.subarray(Offset.Payload));
  return frame;
}

const DIGIT_ZERO = 0x30;

/** Decimal digits of a non-negative safe integer (as String() writes it); 0 for anything else. */
function decimalLength(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) return 0;
  let count = 1;
  for (let limit = 10; n >= limit && count < 16; limit *= 10) count++;
  return count;
}

/**
 * The id's characters straight into the frame; false for one that JSON would escape (or a
 * non-ASCII one): the whole ack then takes the general path.
 */
function writeTextId(frame: Uint8Array, at: number, id: string): boolean {
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (!verbatim(c)) return false;
    frame[at++] = c;
  }
  return true;
}

/** uuidFromWire's text (lower-case 8-4-4-4-12) of the 16 wire bytes at idWire[from], written into the frame. */
function writeWireId(frame: Uint8Array, at: number, idWire: Uint8Array, from: number): void {
  for (let k = 0; k < FrameLayout.UUID_BYTES; k++) {
    if (HYPHEN_BEFORE_BYTE[k] === 1) frame[at++] = HYPHEN;
    // Canonical byte k sits at wire position (k + 8) mod 16.
    const byte = idWire[from + ((k + UUID_HALF) % FrameLayout.UUID_BYTES)] ?? 0;
    frame[at++] = HEX_DIGITS[byte >>> 4] ?? 0;
    frame[at++] = HEX_DIGITS[byte & 0x0f] ?? 0;
  }
}

/**
 * The ack header template followed by `{"AcknowledgedMessageType":"<type>","AcknowledgedMessageId":"`
 * as bytes (everything before the id); undefined if JSON would escape the type.
 */
function typeHead(type: string): Uint8Array | undefined {
  const cached = typeHeads.get(type);
  if (cached) return cached;
  for (let i = 0; i < type.length; i++) if (!verbatim(type.charCodeAt(i))) return undefined;
  const head = new Uint8Array(Offset.Payload + TYPE_KEY.length + type.length + ID_KEY.length);
  head.set(TEMPLATE);
  head.set(TYPE_KEY, Offset.Payload);
  head.set(ascii(type), Offset.Payload + TYPE_KEY.length);
  head.set(ID_KEY, Offset.Payload + TYPE_KEY.length + type.length);
  if (typeHeads.size < TYPE_PREFIX_LIMIT) typeHeads.set(type, head);
  return head;
}

/** Characters JSON.stringify leaves as they are inside a string: printable ASCII but `"` and `\`. */
function verbatim(c: number): boolean {
  return c >= 0x20 && c <= 0x7e && c !== 0x22 && c !== 0x5c;
}

/** Big-endian uint32 write (no DataView object per ack). */
function putUint32(target: Uint8Array, offset: number, value: number): void {
  target[offset] = value >>> 24;
  target[offset + 1] = value >>> 16;
  target[offset + 2] = value >>> 8;
  target[offset + 3] = value;
}

function generalPath(ack: AcknowledgeContent, options: AckFrameOptions): Uint8Array {
  return encodeFrame({
    messageType: MessageType.Acknowledge,
    sequenceNumber: 0,
    flags: Flags.SynFin,
    payloadType: PayloadType.Unset,
    payload: encodeAcknowledge(ack),
    ...(options.messageId === undefined ? {} : { messageId: options.messageId }),
    ...(options.createdDate === undefined ? {} : { createdDate: options.createdDate }),
  });
}

function buildTemplate(): Uint8Array {
  const t = new Uint8Array(Offset.Payload);
  const view = new DataView(t.buffer);
  view.setUint32(Offset.HeaderLength, FrameLayout.STANDARD_HEADER_LENGTH);
  t.fill(SPACE, Offset.MessageType, Offset.SchemaVersion);
  t.set(Buffer.from(MessageType.Acknowledge, 'latin1'), Offset.MessageType);
  view.setUint32(Offset.SchemaVersion, FrameLayout.SCHEMA_VERSION);
  // SequenceNumber 0 (already zero), Flags SYN|FIN.
  view.setUint32(Offset.Flags + 4, Flags.SynFin);
  view.setUint32(Offset.PayloadType, PayloadType.Unset);
  return t;
}
