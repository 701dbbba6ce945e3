/**
 * Websocket masking (RFC 6455 §5.3) of a payload copied into a frame: byte i of the payload is
 * XORed with key byte i mod 4. bufferutil's native helper (a dependency; ws uses it to unmask)
 * copies and masks in one pass, about five times faster than a 32-bit-word loop in JavaScript for
 * a 1 KB frame (0.07 against 0.35 µs), and the client masks every frame it sends. Where its native
 * build does not load, bufferutil silently falls back to a byte loop slower than ours, so that
 * case keeps the word loop (`maskWords`).
 */
import { createRequire } from 'node:module';

/** What bufferutil exports (it ships no type definitions). */
interface BufferUtil {
  mask(source: Uint8Array, key: Uint8Array, output: Uint8Array, offset: number, length: number): void;
}

export const MASK = {
  /**
   * Below this many bytes the word loop is as fast as the native call's own cost (ws draws the
   * line at 48 for the same helper); acks (~300 bytes) and data frames are far above it.
   */
  NATIVE_FROM_BYTES: 48,
} as const;

/** The native masker, or undefined when bufferutil is missing or only its JavaScript fallback loaded. */
function loadNative(): BufferUtil['mask'] | undefined {
  try {
    const util = createRequire(import.meta.url)('bufferutil') as Partial<BufferUtil>;
    const mask = util.mask;
    // N-API functions print as native code; the fallback is a JavaScript arrow function.
    return typeof mask === 'function' && /\[native code\]/.test(Function.prototype.toString.call(mask)) ? mask : undefined;
  } catch {
    return undefined;
  }
}

const native = loadNative();

/** True when masking runs in bufferutil's native code (for tests and diagnostics). */
export const nativeMasking: boolean = native !== undefined;

/** The key's 4 bytes for the native call (one scratch array: no object per frame). */
const scratchKey = new Uint8Array(4);

/**
 * Copies `source` into `target` at `offset`, masked with `keyBytes[keyAt .. keyAt + 4)`.
 * `words` is `target`'s whole buffer as 32-bit words (target must start at offset 0 of it).
 */
export function copyMasked(source: Uint8Array, keyBytes: Uint8Array, keyAt: number, target: Uint8Array, words: Int32Array, offset: number): void {
  const length = source.length;
  if (native !== undefined && length >= MASK.NATIVE_FROM_BYTES) {
    for (let i = 0; i < 4; i++) scratchKey[i] = keyBytes[keyAt + i] ?? 0;
    native(source, scratchKey, target, offset, length);
    return;
  }
  target.set(source, offset);
  maskWords(target, words, offset, length, keyBytes, keyAt);
}

/** A scratch word for a key rotated to the buffer's word alignment (see maskWords). */
const rotatedBytes = new Uint8Array(4);
const rotatedWord = new Int32Array(rotatedBytes.buffer);

/**
 * XORs target[start, start + length) with the key, byte i with key byte i mod 4, in place.
 * Whole aligned words in the middle take the key rotated to the buffer's alignment: in memory
 * order, word-aligned byte m of the buffer gets key byte (m − start) mod 4, whatever the
 * machine's endianness, because the rotated word is read from those bytes in memory order.
 */
export function maskWords(target: Uint8Array, words: Int32Array, start: number, length: number, keyBytes: Uint8Array, keyAt: number): void {
  const end = start + length;
  const firstWord = Math.min((start + 3) & ~3, end);
  let i = start;
  for (; i < firstWord; i++) target[i] = (target[i] ?? 0) ^ (keyBytes[keyAt + ((i - start) & 3)] ?? 0);
  const lastWord = end & ~3;
  if (lastWord > i) {
    for (let m = 0; m < 4; m++) rotatedBytes[m] = keyBytes[keyAt + ((m - start) & 3)] ?? 0;
    const word = rotatedWord[0] ?? 0;
    for (let j = i >>> 2, stop = lastWord >>> 2; j < stop; j++) words[j] = (words[j] ?? 0) ^ word;
    i = lastWord;
  }
  for (; i < end; i++) target[i] = (target[i] ?? 0) ^ (keyBytes[keyAt + ((i - start) & 3)] ?? 0);
}
