import { describe, expect, it } from 'vitest';
import { chunk, Limiter, mapBounded } from './bounded.js';

describe('chunk', () => {
  it('splits into batches no larger than the limit, preserving order', () => {
    const ids = Array.from({ length: 250 }, (_, i) => i);
    const batches = chunk(ids, 100);
    expect(batches.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(batches.flat()).toEqual(ids);
    expect(chunk([], 10)).toEqual([]);
  });
  it('rejects a non-positive size', () => {
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});

describe('mapBounded', () => {
  it('never runs more than the limit at once and keeps result order', async () => {
    const gate = new Limiter(3);
    let running = 0;
    let maxRunning = 0;
    const out = await mapBounded(Array.from({ length: 20 }, (_, i) => i), gate, async (n) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((r) => setTimeout(r, (n % 4) * 3));
      running--;
      return n * 2;
    });
    expect(out).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
    expect(maxRunning).toBe(3);
    expect(gate.peak).toBe(3);
  });
  it('rejects with the first failure and still releases the gate', async () => {
    const gate = new Limiter(2);
    await expect(mapBounded([1, 2, 3], gate, async (n) => { if (n === 2) throw new Error('boom'); return n; })).rejects.toThrow('boom');
    await expect(gate.run(async () => 'free')).resolves.toBe('free');
  });
});
