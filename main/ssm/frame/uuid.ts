// MessageId encoding: the two 8-byte halves of the UUID are exchanged on the wire (protocol §1.3).
// Encoding is on every frame's path (each data frame and each ack), so the string is parsed by
// hand straight into the destination bytes: no regex, no intermediate hex buffer.
import { randomUUID } from 'node:crypto';
import { FrameError } from './errors.js';
import { FrameLayout, Offset } from './constants.js';

const HALF = FrameLayout.UUID_BYTES / 2;
/** Length of the hyphenated 8-4-4-4-12 form. */
const UUID_TEXT_LENGTH = 36;
/** Positions of the hyphens in the hyphenated form. */
const HYPHENS: ReadonlySet<number> = new Set([8, 13, 18, 23]);

/** Canonical RFC 4122 bytes of a hyphenated UUID string. Throws FrameError on a bad string. */
export function uuidToBytes(uuid: string): Uint8Array {
  const out = new Uint8Array(FrameLayout.UUID_BYTES);
  writeUuid(out, 0, uuid, false);
  return out;
}

/** Lower-case hyphenated 8-4-4-4-12 string of 16 canonical bytes. */
export function uuidFromBytes(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The 16 wire bytes of a UUID string: second half first, then first half. */
export function uuidToWire(uuid: string): Uint8Array {
  const wire = new Uint8Array(FrameLayout.UUID_BYTES);
  writeUuid(wire, 0, uuid, true);
  return wire;
}

/**
 * Write the 16 bytes of a hyphenated UUID into `target` at `offset`, halves swapped when `wire`
 * (§1.3). Throws FrameError (and writes nothing useful) when the string is not a UUID.
 */
export function writeUuid(target: Uint8Array, offset: number, uuid: string, wire: boolean): void {
  if (uuid.length !== UUID_TEXT_LENGTH) throw notAUuid(uuid);
  let byte = 0;
  for (let i = 0; i < UUID_TEXT_LENGTH; i++) {
    if (HYPHENS.has(i)) {
      if (uuid.charCodeAt(i) !== 0x2d) throw notAUuid(uuid);
      continue;
    }
    const high = hexValue(uuid.charCodeAt(i));
    const low = hexValue(uuid.charCodeAt(++i));
    if (high < 0 || low < 0) throw notAUuid(uuid);
    // Canonical byte k sits at wire position k ± 8 (the halves are exchanged).
    const at = wire ? (byte + HALF) % FrameLayout.UUID_BYTES : byte;
    target[offset + at] = (high << 4) | low;
    byte++;
  }
}

/** The UUID string carried by 16 wire bytes (inverse of uuidToWire). */
export function uuidFromWire(wire: Uint8Array): string {
  // Hex of the wire bytes is second-half ‖ first-half; rotate by 16 digits and add hyphens.
  const w = Buffer.from(wire.buffer, wire.byteOffset, FrameLayout.UUID_BYTES).toString('hex');
  return `${w.slice(16, 24)}-${w.slice(24, 28)}-${w.slice(28, 32)}-${w.slice(0, 4)}-${w.slice(4, 16)}`;
}

/** A fresh random v4 MessageId, as the official senders use. */
export function newMessageId(): string {
  return randomUUID();
}

/** 0–15 for an ASCII hex digit (either case), −1 otherwise. */
function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

function notAUuid(uuid: string): FrameError {
  return new FrameError('MessageId', Offset.MessageId, `not a hyphenated UUID: ${JSON.stringify(uuid)}`);
}
