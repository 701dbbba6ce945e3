// What a fuzz target is: inputs (valid seeds, random inputs, mutations of seeds) and a check
// that returns whether the input was accepted or rejected with the expected typed error.
// Anything else it throws is a crash.
import type { Rng } from './prng.js';

export type Outcome = 'accepted' | 'rejected';

export interface FuzzTarget<T> {
  readonly name: string;
  /** Valid inputs the mutator starts from. */
  readonly seeds: readonly T[];
  /** An input built from nothing (no seed). */
  random(rng: Rng): T;
  mutate(seed: T, other: T, rng: Rng): T;
  /** Returns the outcome; throws only on a crash (an untyped error or a broken invariant). */
  check(input: T): Outcome;
  /** Printable form of an input for a crash report. */
  show(input: T): string;
}

/** A property that must hold for accepted inputs (e.g. a round trip) did not. */
export class InvariantError extends Error {
  override readonly name = 'InvariantError';
}

/** Wraps a decode call: the expected typed error is a rejection, anything else propagates. */
export function expectTyped(run: () => void, isTyped: (e: unknown) => boolean): Outcome {
  try {
    run();
    return 'accepted';
  } catch (error) {
    if (isTyped(error)) return 'rejected';
    throw error;
  }
}

/** Hex of the first bytes of an input, for crash reports. */
export function hexPreview(bytes: Uint8Array, max = 256): string {
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, max)).toString('hex');
  return bytes.byteLength > max ? `${hex}… (${bytes.byteLength} bytes)` : hex;
}
