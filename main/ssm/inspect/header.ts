// Describes the 116-byte data-channel header field by field (protocol §1.1), tolerating what real
// senders vary (§1.5: NUL or space padding, the 112-byte channel_closed header) and reporting, not
// throwing on, anything malformed: a describer must explain broken frames too.
import { Flags, FrameLayout, Offset, uuidFromWire } from '../frame/index.js';
import { hex } from './hexdump.js';
import { payloadTypeName } from './names.js';
import type { FieldDescription } from './types.js';

/** What the payload describer needs from the header. */
export interface HeaderFacts {
  headerLength: number;
  messageType: string;
  sequenceNumber: number;
  flags: number;
  messageId: string;
  /** undefined when the header is the short (112) layout. */
  payloadType: number | undefined;
  payloadLengthField: number;
  payloadStart: number;
  storedDigest: Uint8Array;
}

export interface HeaderDescription {
  fields: FieldDescription[];
  problems: string[];
  /** Absent when the frame is too broken to locate its payload. */
  facts?: HeaderFacts;
}

const FLAG_NAMES: Record<number, string> = { [Flags.Data]: 'data', [Flags.Syn]: 'SYN', [Flags.Fin]: 'FIN', [Flags.SynFin]: 'SYN|FIN' };
const HALF = FrameLayout.UUID_BYTES / 2;

function field(name: string, raw: Uint8Array, offset: number, length: number, value: string, notes: string[] = []): FieldDescription {
  return { name, offset, length, hex: hex(raw.subarray(offset, offset + length)), value, notes };
}

function describeMessageType(raw: Uint8Array): { value: string; note: string } {
  const area = raw.subarray(Offset.MessageType, Offset.MessageType + FrameLayout.MESSAGE_TYPE_BYTES);
  const text = Buffer.from(area).toString('latin1');
  const value = text.replace(/^[\0\s]+|[\0\s]+$/g, '');
  const pad = FrameLayout.MESSAGE_TYPE_BYTES - value.length;
  const padChars = text.slice(value.length);
  const kind = /^ *$/.test(padChars) ? 'spaces' : /^\0*$/.test(padChars) ? 'NULs' : 'spaces/NULs';
  return { value, note: pad > 0 ? `padded with ${pad} ${kind}` : 'no padding' };
}

export function describeHeader(raw: Uint8Array): HeaderDescription {
  const fields: FieldDescription[] = [];
  const problems: string[] = [];
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const fits = (name: string, offset: number, length: number): boolean => {
    if (offset + length <= raw.length) return true;
    problems.push(`frame ends at byte ${raw.length}, inside ${name} (offset ${offset}, ${length} bytes)`);
    return false;
  };

  if (!fits('HeaderLength', Offset.HeaderLength, 4)) return { fields, problems };
  const headerLength = view.getUint32(Offset.HeaderLength);
  const payloadStart = headerLength + 4;
  const hlNotes = [`payload starts at ${payloadStart} (HeaderLength + 4)`];
  if (headerLength === FrameLayout.SHORT_HEADER_LENGTH) hlNotes.push('short header: no PayloadType field (MGS-built channel_closed, §1.5)');
  else if (headerLength !== FrameLayout.STANDARD_HEADER_LENGTH) hlNotes.push(`official senders write ${FrameLayout.STANDARD_HEADER_LENGTH}`);
  fields.push(field('HeaderLength', raw, Offset.HeaderLength, 4, String(headerLength), hlNotes));
  if (headerLength === 0) problems.push('HeaderLength is 0 (receivers reject it)');

  if (!fits('MessageType', Offset.MessageType, FrameLayout.MESSAGE_TYPE_BYTES)) return { fields, problems };
  const type = describeMessageType(raw);
  fields.push(field('MessageType', raw, Offset.MessageType, FrameLayout.MESSAGE_TYPE_BYTES, JSON.stringify(type.value), [type.note]));
  if (type.value === '') problems.push('MessageType is empty');

  if (!fits('SchemaVersion', Offset.SchemaVersion, 4)) return { fields, problems };
  fields.push(field('SchemaVersion', raw, Offset.SchemaVersion, 4, String(view.getUint32(Offset.SchemaVersion))));

  if (!fits('CreatedDate', Offset.CreatedDate, 8)) return { fields, problems };
  const created = view.getBigUint64(Offset.CreatedDate);
  const createdMs = Number(created);
  const iso = createdMs > 0 && createdMs < 8.64e15 ? new Date(createdMs).toISOString() : 'not a valid date';
  fields.push(field('CreatedDate', raw, Offset.CreatedDate, 8, String(created), [`${iso} (Unix ms)`]));
  if (created === 0n) problems.push('CreatedDate is 0 (receivers reject it)');

  if (!fits('SequenceNumber', Offset.SequenceNumber, 8)) return { fields, problems };
  const seq = view.getBigInt64(Offset.SequenceNumber);
  fields.push(field('SequenceNumber', raw, Offset.SequenceNumber, 8, String(seq)));

  if (!fits('Flags', Offset.Flags, 8)) return { fields, problems };
  const flags = Number(view.getBigUint64(Offset.Flags));
  fields.push(field('Flags', raw, Offset.Flags, 8, `${flags} (${FLAG_NAMES[flags] ?? 'non-standard'})`));

  if (!fits('MessageId', Offset.MessageId, FrameLayout.UUID_BYTES)) return { fields, problems };
  const wire = raw.subarray(Offset.MessageId, Offset.MessageId + FrameLayout.UUID_BYTES);
  const messageId = uuidFromWire(wire);
  fields.push(
    field('MessageId', raw, Offset.MessageId, FrameLayout.UUID_BYTES, messageId, [
      `wire ${hex(wire.subarray(0, HALF))} ${hex(wire.subarray(HALF))}: the UUID's halves swapped (§1.3)`,
      `UUID bytes ${hex(wire.subarray(HALF))} ${hex(wire.subarray(0, HALF))} = ${messageId}`,
    ]),
  );

  if (!fits('PayloadDigest', Offset.PayloadDigest, FrameLayout.DIGEST_BYTES)) return { fields, problems };
  const storedDigest = raw.subarray(Offset.PayloadDigest, Offset.PayloadDigest + FrameLayout.DIGEST_BYTES);
  fields.push(field('PayloadDigest', raw, Offset.PayloadDigest, FrameLayout.DIGEST_BYTES, 'SHA-256 of the payload (raw bytes)'));

  let payloadType: number | undefined;
  if (headerLength >= FrameLayout.STANDARD_HEADER_LENGTH) {
    if (!fits('PayloadType', Offset.PayloadType, 4)) return { fields, problems };
    payloadType = view.getUint32(Offset.PayloadType);
    fields.push(field('PayloadType', raw, Offset.PayloadType, 4, `${payloadType} (${payloadTypeName(payloadType)})`));
  }
  // PayloadLength sits just before the payload in both layouts (HL is its offset); senders that
  // wrote a longer header still have it at the fixed offset 116, where receivers read it.
  const lengthOffset = headerLength === FrameLayout.SHORT_HEADER_LENGTH ? FrameLayout.SHORT_HEADER_LENGTH : Offset.PayloadLength;
  if (headerLength < FrameLayout.SHORT_HEADER_LENGTH) {
    problems.push(`HeaderLength ${headerLength} is shorter than the fixed header: the payload would start inside it`);
    return { fields, problems };
  }
  if (headerLength > FrameLayout.SHORT_HEADER_LENGTH && headerLength < FrameLayout.STANDARD_HEADER_LENGTH) {
    problems.push(`HeaderLength ${headerLength} puts the payload inside the PayloadLength field`);
  }
  if (!fits('PayloadLength', lengthOffset, 4)) return { fields, problems };
  const payloadLengthField = view.getUint32(lengthOffset);
  fields.push(field('PayloadLength', raw, lengthOffset, 4, String(payloadLengthField)));
  if (payloadStart > raw.length) {
    problems.push(`payload would start at ${payloadStart} (HeaderLength + 4) but the frame is ${raw.length} bytes`);
    return { fields, problems };
  }
  if (payloadStart > lengthOffset + 4) {
    const extra = lengthOffset + 4;
    fields.push(field('(header padding)', raw, extra, payloadStart - extra, `${payloadStart - extra} bytes`, ['HeaderLength leaves room no receiver reads']));
  }
  const actual = raw.length - payloadStart;
  if (actual !== payloadLengthField) {
    problems.push(`PayloadLength says ${payloadLengthField} but ${actual} bytes follow the header`);
  }
  return {
    fields,
    problems,
    facts: {
      headerLength,
      messageType: type.value,
      sequenceNumber: Number(seq),
      flags,
      messageId,
      payloadType,
      payloadLengthField,
      payloadStart,
      storedDigest,
    },
  };
}
