// MessageId encoding: the two 8-byte halves of the UUID are exchanged on the wire (protocol §1.3).
import { randomUUID } from 'node:crypto';
import { FrameError } from './errors.js';
import { FrameLayout, Offset } from './constants.js';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HALF = FrameLayout.UUID_BYTES / 2;

/** Canonical RFC 4122 bytes of a hyphenated UUID string. Throws FrameError on a bad string. */
export function uuidToBytes(uuid: string): Uint8Array {
  if (!UUID_PATTERN.test(uuid)) {
    throw new FrameError('MessageId', Offset.MessageId, `not a hyphenated UUID: ${JSON.stringify(uuid)}`);
  }
  return Uint8Array.from(Buffer.from(uuid.replaceAll('-', ''), 'hex'));
}

/** Lower-case hyphenated 8-4-4-4-12 string of 16 canonical bytes. */
export function uuidFromBytes(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The 16 wire bytes of a UUID string: second half first, then first half. */
export function uuidToWire(uuid: string): Uint8Array {
  const canonical = uuidToBytes(uuid);
  const wire = new Uint8Array(FrameLayout.UUID_BYTES);
  wire.set(canonical.subarray(HALF), 0);
  wire.set(canonical.subarray(0, HALF), HALF);
  return wire;
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
