// Per-message helpers between a session's websocket and its fault shapers: the bytes of a ws
// message, and the class of a frame that the shapers' knobs are matched against.
import type { WebSocket } from 'ws';
import { tryDecodeFrame } from '../../ssm/frame/index.js';
import type { FrameClass } from '../faults/shaper.js';

/** The message's bytes; a Buffer (what ws gives) is already a Uint8Array, so no view is made per message. */
export function toBytes(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}

/**
 * The class given to a shaper without knobs for that direction: it passes every frame through
 * untouched and never looks at the class, so the per-frame decode that classify costs is skipped.
 */
export const UNSHAPED: FrameClass = { type: '', payloadType: undefined };

export function classify(bytes: Uint8Array): FrameClass {
  const r = tryDecodeFrame(bytes, { verifyDigest: false });
  return r.ok ? { type: r.frame.messageType, payloadType: r.frame.payloadType } : { type: 'malformed', payloadType: undefined };
}
