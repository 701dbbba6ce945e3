// Memory for encoded frames and decoded payloads. Every data frame and every ack is one
// allocation, so its cost is on the hot path of both ends: frames are carved from a shared slab
// (one ArrayBuffer per SLAB_BYTES instead of one per frame, or per seven with Node's 8 KB pool),
// handed out uninitialised, and callers write every byte.
import { randomFillSync } from 'node:crypto';

export const FRAME_ALLOC = {
  /** One slab serves ~57 full 1 KB frames: far fewer ArrayBuffers than Node's 8 KB pool makes. */
  SLAB_BYTES: 64 * 1024,
  /** Larger requests get their own buffer, so one big frame never strands most of a slab. */
  MAX_FROM_SLAB: 8 * 1024,
  /** Random bytes fetched per refill for MessageIds (256 ids): amortises the crypto call. */
  RANDOM_POOL_BYTES: 4096,
} as const;

/** Keep views 8-byte aligned so DataView and typed reads stay on the fast path. */
const ALIGN = 8;

let slab = new ArrayBuffer(0);
let used = 0;

/**
 * An uninitialised plain Uint8Array of `length` bytes that shares no bytes with any other.
 * A retained view keeps its slab alive; frames live until acked and payloads until delivered,
 * so slabs are short-lived (the same trade Node's own Buffer pool makes, at 8× the size).
 */
export function allocFrame(length: number): Uint8Array {
  if (length > FRAME_ALLOC.MAX_FROM_SLAB) return new Uint8Array(length);
  if (used + length > slab.byteLength) {
    slab = newSlab();
    used = 0;
  }
  const view = new Uint8Array(slab, used, length);
  used += (length + ALIGN - 1) & ~(ALIGN - 1);
  return view;
}

function newSlab(): ArrayBuffer {
  // allocUnsafeSlow: a fresh ArrayBuffer without zero-filling (every byte is written by the caller).
  const b = Buffer.allocUnsafeSlow(FRAME_ALLOC.SLAB_BYTES);
  return b.buffer;
}

let randomPool = new Uint8Array(0);
let randomUsed = 0;

/** UUID bytes (canonical order) of the version nibble and variant bits of a random v4 id. */
const VERSION_BYTE = 6;
const VARIANT_BYTE = 8;
const UUID_BYTES = 16;
const HALF = UUID_BYTES / 2;

/**
 * Writes a fresh random v4 MessageId straight into its wire position (halves exchanged, §1.3),
 * the same kind of id newMessageId() makes, without building and re-parsing its string.
 */
export function writeRandomMessageId(target: Uint8Array, offset: number): void {
  if (randomUsed + UUID_BYTES > randomPool.length) {
    randomPool = randomFillSync(new Uint8Array(FRAME_ALLOC.RANDOM_POOL_BYTES));
    randomUsed = 0;
  }
  // Byte by byte: a subarray for set() would be one more object per frame.
  for (let i = 0; i < UUID_BYTES; i++) target[offset + i] = randomPool[randomUsed + i] ?? 0;
  randomUsed += UUID_BYTES;
  // Canonical byte k sits at wire position (k + 8) mod 16.
  const version = offset + ((VERSION_BYTE + HALF) % UUID_BYTES);
  const variant = offset + ((VARIANT_BYTE + HALF) % UUID_BYTES);
  target[version] = ((target[version] ?? 0) & 0x0f) | 0x40;
  target[variant] = ((target[variant] ?? 0) & 0x3f) | 0x80;
}
