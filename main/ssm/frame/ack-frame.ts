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
import { writeUuid } from './uuid.js';

export interface AckFrameOptions {
  /** Defaults to Date.now(). */
  readonly createdDate?: number;
  /** Defaults to a fresh random v4 id. */
  readonly messageId?: string;
}

const SPACE = 0x20;
const TWO_32 = 2 ** 32;

/** Header bytes 0..Offset.Payload that are the same in every ack (type, schema, seq 0, flags). */
const TEMPLATE = buildTemplate();

// The payload's fixed text around the three values, as bytes (JSON field order of §4.1).
const ascii = (text: string): Uint8Array => Buffer.from(text, 'latin1');
const TYPE_KEY = ascii('{"AcknowledgedMessageType":"');
const ID_KEY = ascii('","AcknowledgedMessageId":"');
const SEQ_KEY = ascii('","AcknowledgedMessageSequenceNumber":');
const TAIL = ascii(',"IsSequentialMessage":true}');
/** The text before the MessageId for each acknowledged type seen (a peer uses two or three). */
const typePrefixes = new Map<string, Uint8Array>();
/** Bound on typePrefixes so a peer inventing types cannot grow it: others take the slower path. */
const TYPE_PREFIX_LIMIT = 16;

export function encodeAcknowledgeFrame(ack: AcknowledgeContent, options: AckFrameOptions = {}): Uint8Array {
  const id = ack.acknowledgedMessageId;
  const created = options.createdDate ?? Date.now();
  const prefix = typePrefix(ack.acknowledgedMessageType);
  if (prefix === undefined || !Number.isSafeInteger(created) || created < 0) return generalPath(ack, options);
  const digits = String(ack.acknowledgedMessageSequenceNumber);
  const payloadLength = prefix.length + id.length + SEQ_KEY.length + digits.length + TAIL.length;
  const frame = allocFrame(Offset.Payload + payloadLength);
  // The id's characters go straight into the frame; one that JSON would escape (or a non-ASCII
  // one) sends the whole ack down the general path instead.
  let at = Offset.Payload + prefix.length;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (!verbatim(c)) return generalPath(ack, options);
    frame[at++] = c;
  }
  frame.set(TEMPLATE);
  if (options.messageId === undefined) writeRandomMessageId(frame, Offset.MessageId);
  else writeUuid(frame, Offset.MessageId, options.messageId, true);
  const high = Math.floor(created / TWO_32);
  putUint32(frame, Offset.CreatedDate, high);
  putUint32(frame, Offset.CreatedDate + 4, created - high * TWO_32);
  putUint32(frame, Offset.PayloadLength, payloadLength);
  frame.set(prefix, Offset.Payload);
  frame.set(SEQ_KEY, at);
  at += SEQ_KEY.length;
  // A safe integer's decimal text is digits and '-': one byte each.
  for (let i = 0; i < digits.length; i++) frame[at++] = digits.charCodeAt(i);
  frame.set(TAIL, at);
  writePayloadDigest(frame, Offset.PayloadDigest, frame.subarray(Offset.Payload));
  return frame;
}

/** `{"AcknowledgedMessageType":"<type>","AcknowledgedMessageId":"` as bytes; undefined if JSON would escape the type. */
function typePrefix(type: string): Uint8Array | undefined {
  const cached = typePrefixes.get(type);
  if (cached) return cached;
  for (let i = 0; i < type.length; i++) if (!verbatim(type.charCodeAt(i))) return undefined;
  const prefix = new Uint8Array(TYPE_KEY.length + type.length + ID_KEY.length);
  prefix.set(TYPE_KEY);
  prefix.set(ascii(type), TYPE_KEY.length);
  prefix.set(ID_KEY, TYPE_KEY.length + type.length);
  if (typePrefixes.size < TYPE_PREFIX_LIMIT) typePrefixes.set(type, prefix);
  return prefix;
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
