// Random and mutated JSON-like values for schema fuzzing. Keys and string values come from a
// dictionary (every property name and enum value in the contract) mixed with hostile strings,
// so random objects often get past the first checks and reach the deeper ones.
import type { Rng } from './prng.js';

export type Json = null | boolean | number | string | Uint8Array | Json[] | { [key: string]: Json };

/** Nesting limit for random values: deeper than any contract schema. */
const MAX_DEPTH = 5;
/** Members per random object or array. */
const MAX_MEMBERS = 6;

const NUMBERS = [0, -0, 1, -1, 0.5, 80, 24, 65_535, 65_536, 2 ** 31, 2 ** 32, -(2 ** 31), Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, Number.MIN_SAFE_INTEGER, 1e308, -1e-308, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
const HOSTILE = ['', ' ', '__proto__', 'constructor', 'prototype', 'toString', '\u0000', '\ud800', '😀', 'a'.repeat(300), '../../etc/passwd', '127.0.0.1', '::1', 'i-0123456789abcdef0', 'arn:aws:ecs:us-east-1:123456789012:task/c/t', 'true', '1', '{}'];

/** Own property even for "__proto__" (as JSON.parse makes it), never a prototype change. */
function setOwn(obj: { [key: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

export class JsonGen {
  constructor(private readonly dictionary: readonly string[]) {}

  string(rng: Rng): string {
    const r = rng.int(10);
    if (r < 6 && this.dictionary.length > 0) return rng.pick(this.dictionary);
    if (r < 9) return rng.pick(HOSTILE);
    return String.fromCharCode(...Array.from({ length: rng.int(12) }, () => rng.int(0x3000)));
  }

  value(rng: Rng, depth = 0): Json {
    const kinds = depth >= MAX_DEPTH ? 5 : 8;
    switch (rng.int(kinds)) {
      case 0: return null;
      case 1: return rng.chance(0.5);
      case 2: return rng.chance(0.7) ? rng.pick(NUMBERS) : rng.int(1000) - 100;
      case 3: return this.string(rng);
      case 4: return rng.bytes(rng.int(16));
      case 5: return Array.from({ length: rng.int(MAX_MEMBERS) }, () => this.value(rng, depth + 1));
      default: return this.object(rng, depth);
    }
  }

  object(rng: Rng, depth = 0): { [key: string]: Json } {
    const out: { [key: string]: Json } = {};
    const n = rng.int(MAX_MEMBERS);
    for (let i = 0; i < n; i++) setOwn(out, this.string(rng), this.value(rng, depth + 1));
    return out;
  }

  /** Replaces, removes or adds one member somewhere in `seed` (a structural copy is returned). */
  mutate(seed: Json, other: Json, rng: Rng): Json {
    return this.mutateAt(structuredClone(seed), other, rng, 0);
  }

  private mutateAt(v: Json, other: Json, rng: Rng, depth: number): Json {
    const container = typeof v === 'object' && v !== null && !(v instanceof Uint8Array);
    // Descend into a child most of the time, so deep fields get mutated too.
    if (container && depth < MAX_DEPTH && rng.chance(0.7)) {
      if (Array.isArray(v)) {
        if (v.length === 0 || rng.chance(0.2)) v.push(this.value(rng, depth + 1));
        else {
          const i = rng.int(v.length);
          if (rng.chance(0.15)) v.splice(i, 1);
          else v[i] = this.mutateAt(v[i] ?? null, other, rng, depth + 1);
        }
        return v;
      }
      const keys = Object.keys(v);
      if (keys.length === 0 || rng.chance(0.2)) setOwn(v, this.string(rng), this.value(rng, depth + 1));
      else {
        const k = rng.pick(keys);
        if (rng.chance(0.15)) delete v[k];
        else setOwn(v, k, this.mutateAt(v[k] ?? null, other, rng, depth + 1));
      }
      return v;
    }
    if (rng.chance(0.1)) return structuredClone(other);
    if (typeof v === 'number' && rng.chance(0.5)) return rng.pick(NUMBERS);
    if (typeof v === 'string' && rng.chance(0.5)) return rng.chance(0.5) ? v + this.string(rng) : v.slice(0, rng.int(v.length + 1));
    return this.value(rng, depth);
  }
}

/** Every property name and string enum/const value in JSON Schemas, for the dictionary. */
export function collectWords(schema: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(schema)) {
    for (const s of schema) collectWords(s, out);
  } else if (typeof schema === 'object' && schema !== null) {
    for (const [k, v] of Object.entries(schema as Record<string, unknown>)) {
      if (k === 'properties' && typeof v === 'object' && v !== null) for (const name of Object.keys(v)) out.add(name);
      const values: unknown[] = Array.isArray(v) ? v : [v];
      if ((k === 'enum' || k === 'const') && values.every((x) => typeof x === 'string')) for (const x of values) out.add(x);
      collectWords(v, out);
    }
  }
  return out;
}

export function showJson(v: Json): string {
  const s = JSON.stringify(v, (_k, x: unknown) => (x instanceof Uint8Array ? `<bytes ${Buffer.from(x).toString('hex')}>` : typeof x === 'number' && !Number.isFinite(x) ? String(x) : x));
  return s.length > 600 ? `${s.slice(0, 600)}…` : s;
}
