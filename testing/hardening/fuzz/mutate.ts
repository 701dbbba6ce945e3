// Byte-level mutations of a valid seed: the classic set (bit flips, interesting values at
// aligned offsets, inserts, deletes, truncation, duplication, splicing with another seed).
import type { Rng } from './prng.js';

/** Mutations applied per input: one is often enough to pass a check, several reach deeper states. */
const MAX_MUTATIONS = 4;
/** Largest random insert: bigger than any header field, small enough to stay fast. */
const MAX_INSERT = 64;
/** Boundary values that trip length and offset arithmetic. */
const INTERESTING_32 = [0, 1, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x1_0000, 0x7fff_ffff, 0x8000_0000, 0xffff_ffff, 112, 116, 120] as const;

type Mutation = (b: Uint8Array, rng: Rng, other: Uint8Array) => Uint8Array;

const mutations: readonly Mutation[] = [
  function flipBit(b, rng) {
    if (b.length === 0) return b;
    const out = b.slice();
    const i = rng.int(out.length);
    out[i] = (out[i] ?? 0) ^ (1 << rng.int(8));
    return out;
  },
  function setByte(b, rng) {
    if (b.length === 0) return b;
    const out = b.slice();
    out[rng.int(out.length)] = rng.next() & 0xff;
    return out;
  },
  function interesting32(b, rng) {
    if (b.length < 4) return b;
    const out = b.slice();
    const at = rng.chance(0.5) ? rng.int(Math.floor(out.length / 4)) * 4 : rng.int(out.length - 3);
    const view = new DataView(out.buffer);
    const v = rng.pick(INTERESTING_32);
    if (rng.chance(0.5)) view.setUint32(at, v, false);
    else view.setUint32(at, v, true);
    return out;
  },
  function insert(b, rng) {
    const at = rng.int(b.length + 1);
    const extra = rng.bytes(1 + rng.int(MAX_INSERT));
    const out = new Uint8Array(b.length + extra.length);
    out.set(b.subarray(0, at));
    out.set(extra, at);
    out.set(b.subarray(at), at + extra.length);
    return out;
  },
  function remove(b, rng) {
    if (b.length === 0) return b;
    const at = rng.int(b.length);
    const n = 1 + rng.int(Math.min(MAX_INSERT, b.length - at));
    const out = new Uint8Array(b.length - n);
    out.set(b.subarray(0, at));
    out.set(b.subarray(at + n), at);
    return out;
  },
  function truncate(b, rng) {
    return b.slice(0, rng.int(b.length + 1));
  },
  function duplicate(b, rng) {
    if (b.length === 0) return b;
    const at = rng.int(b.length);
    const n = 1 + rng.int(b.length - at);
    const out = new Uint8Array(b.length + n);
    out.set(b.subarray(0, at + n));
    out.set(b.subarray(at), at + n);
    return out;
  },
  function splice(b, rng, other) {
    const cut = rng.int(b.length + 1);
    const from = rng.int(other.length + 1);
    const out = new Uint8Array(cut + other.length - from);
    out.set(b.subarray(0, cut));
    out.set(other.subarray(from), cut);
    return out;
  },
];

/** 1–MAX_MUTATIONS random mutations of `seed`; `other` is a second seed for splicing. */
export function mutate(seed: Uint8Array, other: Uint8Array, rng: Rng): Uint8Array {
  let out = seed;
  const n = 1 + rng.int(MAX_MUTATIONS);
  for (let i = 0; i < n; i++) out = rng.pick(mutations)(out, rng, other);
  return out;
}
