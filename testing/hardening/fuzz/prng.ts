// A small seeded generator (xorshift32 with a splitmix-style seed scramble) so every fuzz input
// can be regenerated from (seed, index) and a crash replayed exactly.

export class Rng {
  private state: number;

  constructor(seed: number) {
    // Scramble so nearby seeds give unrelated streams; xorshift must not start at zero.
    let s = (seed ^ 0x9e37_79b9) >>> 0;
    s = Math.imul(s ^ (s >>> 16), 0x85eb_ca6b) >>> 0;
    s = Math.imul(s ^ (s >>> 13), 0xc2b2_ae35) >>> 0;
    this.state = (s ^ (s >>> 16)) >>> 0 || 1;
  }

  /** Next uint32. */
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return n <= 0 ? 0 : this.next() % n;
  }

  chance(p: number): boolean {
    return this.next() / 0x1_0000_0000 < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.next() & 0xff;
    return out;
  }
}
