// Small fixed payloads that ride in frames: acknowledge JSON (§4.1), PayloadType 10 flags (§2.4),
// channel_closed JSON (§3.6). Parsers match keys case-insensitively like Go's decoder (§15).
import { FrameError } from './errors.js';
import { Offset } from './constants.js';

export interface AcknowledgeContent {
  readonly acknowledgedMessageType: string;
  readonly acknowledgedMessageId: string;
  readonly acknowledgedMessageSequenceNumber: number;
}

export interface ChannelClosedContent {
  readonly messageId: string;
  readonly createdDate: string;
  readonly destinationId: string;
  readonly sessionId: string;
  readonly schemaVersion: number;
  /** Empty on a normal end; otherwise a human-readable failure from the agent or gateway. */
  readonly output: string;
}

const FLAG_PAYLOAD_BYTES = 4;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Acknowledge payload bytes with Go's field order; IsSequentialMessage is always true. */
export function encodeAcknowledge(ack: AcknowledgeContent): Uint8Array {
  return encoder.encode(
    `{"AcknowledgedMessageType":${JSON.stringify(ack.acknowledgedMessageType)},` +
      `"AcknowledgedMessageId":${JSON.stringify(ack.acknowledgedMessageId)},` +
      `"AcknowledgedMessageSequenceNumber":${ack.acknowledgedMessageSequenceNumber},"IsSequentialMessage":true}`,
  );
}

/**
 * The exact text both official senders (and Porthole) write, with strings JSON keeps verbatim:
 * for such a payload the fields are read without JSON.parse, which was the larger part of
 * handling each ack. Anything else (other key case or order, escapes, spacing) is parsed in full.
 */
const CANONICAL_ACK =
  /^\{"AcknowledgedMessageType":"([\x20\x21\x23-\x5b\x5d-\x7e]*)","AcknowledgedMessageId":"([\x20\x21\x23-\x5b\x5d-\x7e]*)","AcknowledgedMessageSequenceNumber":(-?(?:0|[1-9][0-9]*)),"IsSequentialMessage":(?:true|false)\}$/;
/** Longest canonical ack worth matching: a 32-byte type, a 36-byte id, a 17-digit number, with margin. */
const CANONICAL_ACK_MAX_BYTES = 256;

export function decodeAcknowledge(payload: Uint8Array): AcknowledgeContent {
  if (payload.length <= CANONICAL_ACK_MAX_BYTES) {
    // latin1 maps each byte to one character: a payload with any non-ASCII byte cannot match.
    const m = CANONICAL_ACK.exec(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('latin1'));
    const seq = m ? Number(m[3]) : NaN;
    if (m && Number.isSafeInteger(seq)) {
      return { acknowledgedMessageType: m[1] ?? '', acknowledgedMessageId: m[2] ?? '', acknowledgedMessageSequenceNumber: seq };
    }
  }
  const json = parseObject(payload);
  const seq = json['acknowledgedmessagesequencenumber'];
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq)) {
    throw new FrameError('Payload', Offset.Payload, 'acknowledge without a numeric AcknowledgedMessageSequenceNumber');
  }
  return {
    acknowledgedMessageType: stringField(json, 'acknowledgedmessagetype'),
    acknowledgedMessageId: stringField(json, 'acknowledgedmessageid'),
    acknowledgedMessageSequenceNumber: seq,
  };
}

/** 4-byte big-endian PayloadTypeFlag payload. */
export function encodeFlag(flag: number): Uint8Array {
  const out = new Uint8Array(FLAG_PAYLOAD_BYTES);
  new DataView(out.buffer).setUint32(0, flag);
  return out;
}

export function decodeFlag(payload: Uint8Array): number {
  if (payload.length !== FLAG_PAYLOAD_BYTES) {
    throw new FrameError('Payload', Offset.Payload, `a flag payload is ${FLAG_PAYLOAD_BYTES} bytes, got ${payload.length}`);
  }
  return new DataView(payload.buffer, payload.byteOffset, payload.byteLength).getUint32(0);
}

/** channel_closed JSON in the plugin's struct order. */
export function encodeChannelClosed(content: ChannelClosedContent): Uint8Array {
  return encoder.encode(
    JSON.stringify({
      MessageId: content.messageId,
      CreatedDate: content.createdDate,
      DestinationId: content.destinationId,
      SessionId: content.sessionId,
      MessageType: 'channel_closed',
      SchemaVersion: content.schemaVersion,
      Output: content.output,
    }),
  );
}

/** Tolerant: every field optional except that the payload must be a JSON object. */
export function decodeChannelClosed(payload: Uint8Array): ChannelClosedContent {
  const json = parseObject(payload);
  const schema = json['schemaversion'];
  return {
    messageId: optionalString(json, 'messageid'),
    createdDate: optionalString(json, 'createddate'),
    destinationId: optionalString(json, 'destinationid'),
    sessionId: optionalString(json, 'sessionid'),
    schemaVersion: typeof schema === 'number' ? schema : 1,
    output: optionalString(json, 'output'),
  };
}

/** Parse a JSON object payload with lower-cased keys (Go matches keys case-insensitively). */
export function parseObject(payload: Uint8Array): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(payload));
  } catch {
    throw new FrameError('Payload', Offset.Payload, 'is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FrameError('Payload', Offset.Payload, 'is not a JSON object');
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key.toLowerCase()] = v;
  return out;
}

function stringField(json: Record<string, unknown>, key: string): string {
  const v = json[key];
  if (typeof v !== 'string') throw new FrameError('Payload', Offset.Payload, `missing string field ${key}`);
  return v;
}

function optionalString(json: Record<string, unknown>, key: string): string {
  const v = json[key];
  return typeof v === 'string' ? v : '';
}
