// The acknowledge frame (§4.1) built in one pass: every stream frame received costs one ack
// sent, so this is half of all frames on the wire. The header comes from a template, the JSON
// payload is written straight into the frame (no intermediate string-to-bytes copy) and hashed
// once. The bytes are exactly what encodeFrame(encodeAcknowledge(...)) produces; anything the
// template cannot write verbatim takes that general path instead.
import { encodeFrame } from './codec.js';
import { payloadDigest } from './digest.js';
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

/** Characters JSON.stringify leaves as they are inside a string: printable ASCII but `"` and `\`. */
const VERBATIM = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const SPACE = 0x20;
const TWO_32 = 2 ** 32;

/** Header bytes 0..Offset.Payload that are the same in every ack (type, schema, seq 0, flags). */
const TEMPLATE = buildTemplate();

export function encodeAcknowledgeFrame(ack: AcknowledgeContent, options: AckFrameOptions = {}): Uint8Array {
  const type = ack.acknowledgedMessageType;
  const id = ack.acknowledgedMessageId;
  const created = options.createdDate ?? Date.now();
  if (!VERBATIM.test(type) || !VERBATIM.test(id) || !Number.isSafeInteger(created) || created < 0) return generalPath(ack, options);
  // The same text encodeAcknowledge writes; with verbatim strings JSON.stringify adds only quotes.
  const json =
    `{"AcknowledgedMessageType":"${type}","AcknowledgedMessageId":"${id}",` +
    `"AcknowledgedMessageSequenceNumber":${ack.acknowledgedMessageSequenceNumber},"IsSequentialMessage":true}`;
  const frame = allocFrame(Offset.Payload + json.length);
  frame.set(TEMPLATE);
  if (options.messageId === undefined) writeRandomMessageId(frame, Offset.MessageId);
  else writeUuid(frame, Offset.MessageId, options.messageId, true);
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const high = Math.floor(created / TWO_32);
  view.setUint32(Offset.CreatedDate, high);
  view.setUint32(Offset.CreatedDate + 4, created - high * TWO_32);
  view.setUint32(Offset.PayloadLength, json.length);
  // Every character is ASCII (checked above; the number is digits and '-'): one byte each.
  for (let i = 0; i < json.length; i++) frame[Offset.Payload + i] = json.charCodeAt(i);
  frame.set(payloadDigest(frame.subarray(Offset.Payload)), Offset.PayloadDigest);
  return frame;
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
