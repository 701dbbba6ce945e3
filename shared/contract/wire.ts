// Binary form of data-plane messages for the web host's WebSocket (Electron passes objects
// through MessagePorts instead). Layout, big-endian:
//   u8 type | u8 idLength | id (ASCII) | body
//   output_stream_data / input_stream_data: body = the bytes (pasted input has a type of its own,
//   WIRE_PASTE_CODE, so a keystroke's frame stays as small as it was)
//   ack: u32 bytes    resize: u16 cols, u16 rows
//   status: u8 state, u8 flags (bit 0: exit code present; bits 1-3: ending, 0 = none, else 1 + its
//           index in SessionEndingSchema; bit 4: detail present), i32 exit code, then UTF-8 reason
//           (empty = none) to the end, or with a detail: u16 reason byte length, reason, UTF-8 detail
// Decoding checks structure here and values with the schemas in data.ts, except on the hot path:
// a stream-data frame (terminal output, keystrokes) is checked by hand against the same rules
// (IdSchema's, the chunk bound), with no schema parse, and its bytes are a view into the frame.
import { CONTRACT_LIMITS, ID_RULE } from './common.js';
import { ContractError } from './errors.js';
import { DATA_LIMITS, DataMessageSchema, type DataMessage } from './data.js';
import { describeIssues } from './errors.js';
import { SESSION_ENDINGS, SESSION_STATES, type SessionEnding, type SessionState, type SessionStatus } from './sessions.js';

/** The platform's UTF-8 codec for status reasons: invalid bytes become U+FFFD, as everywhere else. */
const TEXT = { encoder: new TextEncoder(), decoder: new TextDecoder() } as const;

export const WIRE_TYPE = { output_stream_data: 1, input_stream_data: 2, ack: 3, resize: 4, status: 5 } as const;
/** input_stream_data with kind 'paste'. */
export const WIRE_PASTE_CODE = 6;
const TYPE_BY_CODE = new Map<number, DataMessage['type']>(Object.entries(WIRE_TYPE).map(([k, v]) => [v, k as DataMessage['type']]));
const STATES: readonly SessionState[] = SESSION_STATES;
const FLAG_EXIT_CODE = 1;
const ENDINGS: readonly SessionEnding[] = SESSION_ENDINGS;
/** Where the ending sits in the flags byte (three bits: none or one of the endings, room for three more). */
const ENDING_SHIFT = 1;
const ENDING_MASK = 0b111;
/** The status carries a detail (SessionStatus.detail) after its reason, which is then length-prefixed. */
const FLAG_DETAIL = 1 << 4;
const KNOWN_FLAGS = FLAG_EXIT_CODE | (ENDING_MASK << ENDING_SHIFT) | FLAG_DETAIL;
/** The reason's length prefix when a detail follows it. */
const REASON_LENGTH_BYTES = 2;
/** The longest reason that prefix can say (a u16). */
const MAX_PREFIXED_REASON_BYTES = 0xffff;
/** Fixed part of a status body: state, flags, exit code. */
const STATUS_FIXED_BYTES = 6;

function header(type: DataMessage['type'], sessionId: string, bodyLength: number): { buf: Uint8Array<ArrayBuffer>; view: DataView; at: number } {
  const buf = new Uint8Array(2 + sessionId.length + bodyLength);
  buf[0] = WIRE_TYPE[type];
  buf[1] = sessionId.length;
  for (let i = 0; i < sessionId.length; i++) buf[2 + i] = sessionId.charCodeAt(i); // ids are ASCII (IdSchema)
  return { buf, view: new DataView(buf.buffer), at: 2 + sessionId.length };
}

/** Encodes a message that already passed its schema (ids are ASCII and at most 128 characters). */
export function encodeDataFrame(msg: DataMessage): Uint8Array<ArrayBuffer> {
  switch (msg.type) {
    case 'output_stream_data':
    case 'input_stream_data': {
      const { buf, at } = header(msg.type, msg.sessionId, msg.bytes.byteLength);
      buf.set(msg.bytes, at);
      if (msg.type === 'input_stream_data' && msg.kind === 'paste') buf[0] = WIRE_PASTE_CODE;
      return buf;
    }
    case 'ack': {
      const { buf, view, at } = header(msg.type, msg.sessionId, 4);
      view.setUint32(at, msg.bytes);
      return buf;
    }
    case 'resize': {
      const { buf, view, at } = header(msg.type, msg.sessionId, 4);
      view.setUint16(at, msg.cols);
      view.setUint16(at + 2, msg.rows);
      return buf;
    }
    case 'status': {
      const reason = TEXT.encoder.encode(msg.status.reason ?? '');
      const detail = msg.status.detail === undefined ? null : TEXT.encoder.encode(msg.status.detail);
      const prefix = detail === null ? 0 : REASON_LENGTH_BYTES;
      const { buf, view, at } = header(msg.type, msg.sessionId, STATUS_FIXED_BYTES + prefix + reason.byteLength + (detail?.byteLength ?? 0));
      view.setUint8(at, STATES.indexOf(msg.status.state));
      const ending = msg.status.ending === undefined ? 0 : ENDINGS.indexOf(msg.status.ending) + 1;
      view.setUint8(at + 1, (msg.status.exitCode === undefined ? 0 : FLAG_EXIT_CODE) | (ending << ENDING_SHIFT) | (detail === null ? 0 : FLAG_DETAIL));
      view.setInt32(at + 2, msg.status.exitCode ?? 0);
      // TextSchema bounds a reason far below 64 KiB; one past the u16 would wrap into a frame that
      // decodes as a different reason and detail, so it is refused here rather than sent corrupt.
      if (detail !== null && reason.byteLength > MAX_PREFIXED_REASON_BYTES) throw new ContractError('malformed', `A session status reason of ${reason.byteLength} bytes is too long to send with a detail (at most ${MAX_PREFIXED_REASON_BYTES})`);
      if (detail !== null) view.setUint16(at + STATUS_FIXED_BYTES, reason.byteLength);
      buf.set(reason, at + STATUS_FIXED_BYTES + prefix);
      if (detail !== null) buf.set(detail, at + STATUS_FIXED_BYTES + prefix + reason.byteLength);
      return buf;
    }
  }
}

function fail(detail: string): never {
  throw new ContractError('malformed', `Malformed binary data message: ${detail}`);
}

/** For each byte value: whether IdSchema allows it in an id (built from the schema's own character class). */
const ID_BYTE_OK: readonly boolean[] = (() => {
  const one = new RegExp(`^[${ID_RULE.CHARACTER_CLASS}]$`);
  return Array.from({ length: 256 }, (_, b) => one.test(String.fromCharCode(b)));
})();

/** The session id at frame[2 .. 2 + length), checked as IdSchema checks it, in its words. */
function sessionIdAt(frame: Uint8Array, length: number): string {
  if (length === 0) fail(`sessionId: ${ID_RULE.EMPTY}`);
  if (length > CONTRACT_LIMITS.MAX_ID_LENGTH) fail(`sessionId: ${ID_RULE.TOO_LONG} (it has ${length})`);
  let id = '';
  for (let at = 2; at < 2 + length; at++) {
    const b = frame[at] ?? 0;
    if (ID_BYTE_OK[b] !== true) fail(`sessionId: ${ID_RULE.CHARACTERS} (byte 0x${b.toString(16).padStart(2, '0')} at offset ${at})`);
    id += String.fromCharCode(b);
  }
  return id;
}

/**
 * Decodes and validates one binary frame; throws ContractError naming what was wrong. The bytes of
 * a stream-data message are a view into `frame`, not a copy: pass a frame nothing writes to later.
 */
export function decodeDataFrame(frame: Uint8Array<ArrayBuffer>): DataMessage {
  if (frame.byteLength < 2) fail(`${frame.byteLength} bytes is shorter than the 2-byte header`);
  const pasted = frame[0] === WIRE_PASTE_CODE;
  const type = pasted ? 'input_stream_data' : (TYPE_BY_CODE.get(frame[0] ?? 0) ?? fail(`unknown type code ${frame[0]} at offset 0`));
  const idLength = frame[1] ?? 0;
  const at = 2 + idLength;
  if (frame.byteLength < at) fail(`session id of ${idLength} bytes runs past the end of a ${frame.byteLength}-byte frame`);
  if (type === 'output_stream_data' || type === 'input_stream_data') {
    // The hot path: every rule of the stream-data schemas, checked by hand (wire.test.ts holds them equal).
    const sessionId = sessionIdAt(frame, idLength);
    const bytes = frame.subarray(at);
    if (bytes.byteLength > DATA_LIMITS.MAX_CHUNK_BYTES) fail(`bytes: must be at most ${DATA_LIMITS.MAX_CHUNK_BYTES} bytes (it has ${bytes.byteLength})`);
    return pasted ? { type: 'input_stream_data', sessionId, bytes, kind: 'paste' } : { type, sessionId, bytes };
  }
  const sessionId = String.fromCharCode(...frame.subarray(2, at));
  const body = frame.subarray(at);
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const needs = (n: number, exact: boolean): void => {
    if (exact ? body.byteLength !== n : body.byteLength < n) fail(`${type} body is ${body.byteLength} bytes, expected ${exact ? '' : 'at least '}${n} (offset ${at})`);
  };
  let raw: unknown;
  switch (type) {
    case 'ack':
      needs(4, true);
      raw = { type, sessionId, bytes: view.getUint32(0) };
      break;
    case 'resize':
      needs(4, true);
      raw = { type, sessionId, cols: view.getUint16(0), rows: view.getUint16(2) };
      break;
    case 'status': {
      needs(STATUS_FIXED_BYTES, false);
      const state = STATES[view.getUint8(0)] ?? fail(`unknown session state ${view.getUint8(0)} at offset ${at}`);
      const status: SessionStatus = { state };
      const flags = view.getUint8(1);
      if ((flags & ~KNOWN_FLAGS) !== 0) fail(`unknown status flags 0x${flags.toString(16)} at offset ${at + 1}`);
      if ((flags & FLAG_EXIT_CODE) !== 0) status.exitCode = view.getInt32(2);
      const ending = (flags >> ENDING_SHIFT) & ENDING_MASK;
      if (ending !== 0) status.ending = ENDINGS[ending - 1] ?? fail(`unknown session ending ${ending} at offset ${at + 1}`);
      let text = body.subarray(STATUS_FIXED_BYTES);
      if ((flags & FLAG_DETAIL) !== 0) {
        needs(STATUS_FIXED_BYTES + REASON_LENGTH_BYTES, false);
        const reasonBytes = view.getUint16(STATUS_FIXED_BYTES);
        needs(STATUS_FIXED_BYTES + REASON_LENGTH_BYTES + reasonBytes, false);
        const start = STATUS_FIXED_BYTES + REASON_LENGTH_BYTES;
        text = body.subarray(start, start + reasonBytes);
        status.detail = TEXT.decoder.decode(body.subarray(start + reasonBytes));
      }
      if (text.byteLength > 0) status.reason = TEXT.decoder.decode(text);
      raw = { type, sessionId, status };
      break;
    }
  }
  // Acks, resizes and statuses are few: their values go through the schemas as before.
  const parsed = DataMessageSchema.safeParse(raw);
  if (!parsed.success) fail(describeIssues(parsed.error, ''));
  return parsed.data;
}
