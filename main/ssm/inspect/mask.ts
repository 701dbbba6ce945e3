// Masks secrets in captured frames: the OpenDataChannel TokenValue, and the KMS material of the
// handshake (KMSCipherTextKey/Hash) and of the encryption challenge (Challenge). Each value is
// overwritten with '*' of the same byte length, so every offset and length in the capture stays
// the real one; only the digest of a masked payload no longer matches (capture records the check
// made before masking). Input is masked too: the payload of every input_stream_data frame of
// type Output (keystrokes, pasted text, a port forward's outgoing bytes — passwords typed at a
// no-echo prompt included) is '*' of the same length; size and flag messages stay readable.
import { MessageType, Offset, PayloadType } from '../frame/index.js';

/** JSON keys whose string values are secrets (matched case-insensitively, as Go decodes JSON). */
export const SECRET_KEYS = ['TokenValue', 'KMSCipherTextKey', 'KMSCipherTextHash', 'Challenge'] as const;

/** Payload types whose JSON can carry KMS material (§6.2, §6.3, §6.5). */
const SECRET_PAYLOAD_TYPES: ReadonlySet<number> = new Set([
  PayloadType.HandshakeRequest,
  PayloadType.HandshakeResponse,
  PayloadType.EncChallengeRequest,
  PayloadType.EncChallengeResponse,
]);

const MASK_CHAR = 0x2a; // '*'
const SECRET_VALUE = new RegExp(`"(${SECRET_KEYS.join('|')})"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)"`, 'gi');

export interface MaskResult {
  bytes: Uint8Array;
  /** Keys whose values were masked, in order of appearance (may repeat). */
  masked: string[];
}

/** Masks secret string values inside a JSON text held as bytes, in place on a copy. */
export function maskJsonBytes(json: Uint8Array): MaskResult {
  // latin1 maps bytes 1:1 to UTF-16 units, so regex indices are byte offsets.
  const text = Buffer.from(json.buffer, json.byteOffset, json.byteLength).toString('latin1');
  const out = Uint8Array.from(json);
  const masked: string[] = [];
  for (const m of text.matchAll(SECRET_VALUE)) {
    const value = m[2] ?? '';
    if (value.length === 0) continue;
    const start = (m.index ?? 0) + m[0].length - 1 - value.length;
    out.fill(MASK_CHAR, start, start + value.length);
    masked.push(m[1] ?? '');
  }
  return { bytes: masked.length > 0 ? out : json, masked };
}

/** Listed in `masked` for an input payload that was masked. */
export const MASKED_INPUT = 'input';

function messageTypeOf(raw: Uint8Array): string {
  return Buffer.from(raw.buffer, raw.byteOffset + Offset.MessageType, Offset.SchemaVersion - Offset.MessageType)
    .toString('latin1')
    .replace(/^[\0 ]+|[\0 ]+$/g, '');
}

/** Masks the payload of an input frame (input_stream_data, payload type Output); others are left as they are. */
export function maskInputFrame(raw: Uint8Array): MaskResult {
  if (raw.length < Offset.Payload) return { bytes: raw, masked: [] };
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const headerLength = view.getUint32(Offset.HeaderLength);
  const payloadStart = headerLength + 4;
  if (headerLength < Offset.PayloadLength || payloadStart >= raw.length) return { bytes: raw, masked: [] };
  if (view.getUint32(Offset.PayloadType) !== PayloadType.Output || messageTypeOf(raw) !== MessageType.InputStreamData) return { bytes: raw, masked: [] };
  const out = Uint8Array.from(raw);
  out.fill(MASK_CHAR, payloadStart);
  return { bytes: out, masked: [MASKED_INPUT] };
}

/** Masks a websocket text frame (the OpenDataChannel JSON). */
export function maskTextFrame(raw: Uint8Array): MaskResult {
  return maskJsonBytes(raw);
}

/** Masks a binary data-channel frame; frames too short to hold a header are left as they are. */
export function maskBinaryFrame(raw: Uint8Array): MaskResult {
  if (raw.length < Offset.Payload) return { bytes: raw, masked: [] };
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const headerLength = view.getUint32(Offset.HeaderLength);
  const payloadStart = headerLength + 4;
  if (headerLength < Offset.PayloadLength || payloadStart > raw.length) return { bytes: raw, masked: [] };
  if (!SECRET_PAYLOAD_TYPES.has(view.getUint32(Offset.PayloadType))) return { bytes: raw, masked: [] };
  const inner = maskJsonBytes(raw.subarray(payloadStart));
  if (inner.masked.length === 0) return { bytes: raw, masked: [] };
  const out = Uint8Array.from(raw);
  out.set(inner.bytes, payloadStart);
  return { bytes: out, masked: inner.masked };
}
