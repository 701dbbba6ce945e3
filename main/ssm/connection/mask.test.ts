import { describe, expect, it } from 'vitest';
import { MASK, copyMasked, maskWords, nativeMasking } from './mask.js';

/** RFC 6455 §5.3 as written: byte i XOR key byte i mod 4. */
function reference(payload: Uint8Array, key: Uint8Array): Uint8Array {
  return payload.map((b, i) => b ^ (key[i & 3] ?? 0));
}

function bytes(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 131 + seed * 7) & 0xff);
}

/** A target buffer with its word view, as FrameBatch keeps them. */
function target(size: number): { b: Uint8Array; words: Int32Array } {
  const memory = new ArrayBuffer(size);
  return { b: new Uint8Array(memory).fill(0xee), words: new Int32Array(memory, 0, size >>> 2) };
}

// Both sides of the native threshold, word-sized edges, and a full PT 1 frame.
const LENGTHS = [0, 1, 3, 4, 5, MASK.NATIVE_FROM_BYTES - 1, MASK.NATIVE_FROM_BYTES, MASK.NATIVE_FROM_BYTES + 1, 300, 1023, 1144, 4099];

describe('websocket masking', () => {
  it('uses bufferutil’s native helper here (its prebuilt binary loads on this platform)', () => {
    expect(nativeMasking).toBe(true);
  });

  it('copies and masks every length at every offset alignment exactly as §5.3 defines it, leaving the bytes around untouched', () => {
    const keyBytes = Uint8Array.from([0x00, 0x11, 0x80, 0xff, 0x37, 0xa5, 0x5a, 0xc3]);
    for (const length of LENGTHS) {
      for (let offset = 0; offset < 8; offset++) {
        for (const keyAt of [0, 4]) {
          const payload = bytes(length, length + offset);
          const { b, words } = target(length + 16);
          copyMasked(payload, keyBytes, keyAt, b, words, offset);
          expect(Array.from(b.subarray(offset, offset + length))).toEqual(Array.from(reference(payload, keyBytes.subarray(keyAt, keyAt + 4))));
          expect(b.subarray(0, offset).every((x) => x === 0xee)).toBe(true);
          expect(b.subarray(offset + length).every((x) => x === 0xee)).toBe(true);
          // The source is read, never changed.
          expect(payload).toEqual(bytes(length, length + offset));
        }
      }
    }
  });

  it('the word loop (used below the threshold, and where the native build is missing) matches §5.3 at every alignment', () => {
    const keyBytes = Uint8Array.from([0xde, 0xad, 0xbe, 0xef]);
    for (const length of LENGTHS) {
      for (let offset = 0; offset < 8; offset++) {
        const payload = bytes(length, offset);
        const { b, words } = target(length + 16);
        b.set(payload, offset);
        maskWords(b, words, offset, length, keyBytes, 0);
        expect(Array.from(b.subarray(offset, offset + length))).toEqual(Array.from(reference(payload, keyBytes)));
        expect(b.subarray(offset + length).every((x) => x === 0xee)).toBe(true);
      }
    }
  });
});
