// Decodes a payload for display according to its message type and payload type (protocol §2.2):
// JSON pretty-printed for control payloads, flags by name, bytes as text where printable.
import { MessageType, PayloadType } from '../frame/index.js';
import { hex, spacedHex } from './hexdump.js';
import { payloadTypeFlagName } from './names.js';
import type { PayloadDescription } from './types.js';

export const PAYLOAD_DISPLAY = {
  /** Text previews are cut here; the hexdump always shows every byte. */
  MAX_TEXT_CHARS: 2000,
  /** Share of control characters above which bytes are shown as binary rather than text. */
  MAX_CONTROL_RATIO: 0.1,
  /** AES-GCM framing of KMS sessions (§6.6). */
  GCM_NONCE_BYTES: 12,
  GCM_TAG_BYTES: 16,
} as const;

const JSON_PAYLOAD_TYPES: ReadonlySet<number> = new Set([
  PayloadType.Size,
  PayloadType.HandshakeRequest,
  PayloadType.HandshakeResponse,
  PayloadType.HandshakeComplete,
  PayloadType.EncChallengeRequest,
  PayloadType.EncChallengeResponse,
]);

const JSON_MESSAGE_TYPES: ReadonlySet<string> = new Set([
  MessageType.Acknowledge,
  MessageType.ChannelClosed,
  MessageType.AgentSessionState,
  MessageType.StartPublication,
  MessageType.PausePublication,
]);

const STREAM_TYPES: ReadonlySet<string> = new Set([MessageType.InputStreamData, MessageType.OutputStreamData]);

/** Text with control characters escaped (\r, \n, \x1b…), or null when the bytes are not text. */
export function printableText(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex -- counting control characters is the point of this pattern
  const controls = [...text].filter((c) => /[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f]/.test(c)).length;
  if (text.length > 0 && controls / text.length > PAYLOAD_DISPLAY.MAX_CONTROL_RATIO) return null;
  const escaped = JSON.stringify(text).slice(1, -1);
  return escaped.length > PAYLOAD_DISPLAY.MAX_TEXT_CHARS ? `${escaped.slice(0, PAYLOAD_DISPLAY.MAX_TEXT_CHARS)}…` : escaped;
}

function tryJson(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(Buffer.from(bytes).toString('utf8')) };
  } catch {
    return { ok: false };
  }
}

function bytesOrText(offset: number, payload: Uint8Array, label: string): PayloadDescription {
  const text = printableText(payload);
  if (text !== null) return { offset, length: payload.length, kind: 'text', lines: [`${label} as text: "${text}"`] };
  return { offset, length: payload.length, kind: 'binary', lines: [`${label}: ${payload.length} bytes, not text (see hexdump)`] };
}

export interface PayloadContext {
  messageType: string;
  payloadType: number | undefined;
  /** This payload is AES-GCM ciphertext (KMS session, §6.6). */
  encrypted: boolean;
}

export function describePayload(offset: number, payload: Uint8Array, ctx: PayloadContext): PayloadDescription {
  if (payload.length === 0) return { offset, length: 0, kind: 'empty', lines: ['(empty payload)'] };
  const pt = ctx.payloadType;
  const isStream = STREAM_TYPES.has(ctx.messageType);
  if (JSON_MESSAGE_TYPES.has(ctx.messageType) || (isStream && pt !== undefined && JSON_PAYLOAD_TYPES.has(pt))) {
    const parsed = tryJson(payload);
    if (parsed.ok) {
      return { offset, length: payload.length, kind: 'json', json: parsed.value, lines: JSON.stringify(parsed.value, null, 2).split('\n') };
    }
    return bytesOrText(offset, payload, 'expected JSON but it does not parse; bytes');
  }
  if (isStream && pt === PayloadType.Flag) {
    if (payload.length !== 4) return bytesOrText(offset, payload, `flag payload should be 4 bytes, got ${payload.length}`);
    const value = new DataView(payload.buffer, payload.byteOffset, 4).getUint32(0);
    return { offset, length: 4, kind: 'flag', lines: [`PayloadTypeFlag ${value} (${payloadTypeFlagName(value)}), uint32 big-endian ${spacedHex(payload)}`] };
  }
  if (ctx.encrypted) {
    const { GCM_NONCE_BYTES: n, GCM_TAG_BYTES: tag } = PAYLOAD_DISPLAY;
    const body = payload.length - n - tag;
    if (body < 0) return bytesOrText(offset, payload, `too short for AES-GCM (nonce ${n} + tag ${tag}); bytes`);
    return {
      offset,
      length: payload.length,
      kind: 'encrypted',
      lines: [
        `AES-256-GCM (KMS session, §6.6): nonce ${hex(payload.subarray(0, n))}`,
        `ciphertext ${body} bytes at ${offset + n}, tag ${hex(payload.subarray(n + body))}`,
      ],
    };
  }
  if (isStream && pt === PayloadType.ExitCode) {
    const text = Buffer.from(payload).toString('utf8');
    const m = /^EXIT_CODE:\s*(-?\d+)/.exec(text);
    return { offset, length: payload.length, kind: 'exit-code', lines: [m ? `remote exit code ${m[1]} ("${text.trim()}")` : `"${text}"`] };
  }
  const label = pt === PayloadType.StdErr ? 'stderr' : 'bytes';
  return bytesOrText(offset, payload, label);
}
