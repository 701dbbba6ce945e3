import { describe, expect, it } from 'vitest';
import { ChunkQueue } from './chunk-queue.js';

describe('ChunkQueue', () => {
  it('gives items back in order across compactions, interleaved with pushes', () => {
    const q = new ChunkQueue<number>();
    const out: number[] = [];
    let next = 0;
    // Enough items that the consumed head is compacted away several times.
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 3000; i++) q.push(next++);
      for (let i = 0; i < 2000; i++) out.push(q.shift() as number);
    }
    expect(q.length).toBe(next - out.length);
    while (q.length > 0) out.push(q.shift() as number);
    expect(out).toEqual(Array.from({ length: next }, (_, i) => i));
    expect(q.shift()).toBeUndefined();
  });

  it('is empty after clear', () => {
    const q = new ChunkQueue<string>();
    q.push('a');
    q.push('b');
    q.clear();
    expect(q.length).toBe(0);
    expect(q.shift()).toBeUndefined();
    q.push('c');
    expect(q.shift()).toBe('c');
  });
});
