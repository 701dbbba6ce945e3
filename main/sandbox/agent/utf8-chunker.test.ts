import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Utf8Chunker } from './utf8-chunker.js';

const enc = new TextEncoder();

describe('Utf8Chunker', () => {
  it('never emits a chunk above the limit nor one that splits a code point', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 3000 }), fc.array(fc.nat(700), { maxLength: 20 }), (text, cuts) => {
        const bytes = enc.encode(text);
        const chunker = new Utf8Chunker(1024);
        const chunks: Uint8Array[] = [];
        let at = 0;
        for (const c of cuts) {
          const end = Math.min(bytes.length, at + c);
          chunks.push(...chunker.push(bytes.subarray(at, end)));
          at = end;
        }
        chunks.push(...chunker.push(bytes.subarray(at)), ...chunker.flush());
        const dec = new TextDecoder('utf-8', { fatal: true });
        for (const ch of chunks) {
          expect(ch.length).toBeLessThanOrEqual(1024);
          expect(ch.length).toBeGreaterThan(0);
          expect(() => dec.decode(ch)).not.toThrow();
        }
        expect(Buffer.concat(chunks).toString('utf8')).toBe(text);
      }),
    );
  });

  it('holds back an incomplete trailing sequence until the rest arrives', () => {
    const euro = enc.encode('a€'); // 61 e2 82 ac
    const chunker = new Utf8Chunker(1024);
    expect(chunker.push(euro.subarray(0, 3)).map((c) => [...c])).toEqual([[0x61]]);
    expect(chunker.push(euro.subarray(3)).map((c) => [...c])).toEqual([[0xe2, 0x82, 0xac]]);
  });

  it('passes binary (non-UTF-8) bytes through in full-size chunks', () => {
    const bin = new Uint8Array(2500).fill(0x80);
    const chunker = new Utf8Chunker(1024);
    expect(chunker.push(bin).map((c) => c.length)).toEqual([1024, 1024, 452]);
  });
  it('keeps its own copy of a held-back partial sequence, so the caller may reuse its buffer', () => {
    const chunker = new Utf8Chunker(1024);
    const reused = Buffer.alloc(4);
    const euro = Buffer.from('€'); // e2 82 ac
    reused.set([0x61, euro[0] as number, euro[1] as number]);
    const first = chunker.push(reused.subarray(0, 3)).map((c) => Buffer.from(c)); // sent (copied) before the reuse
    reused.set([euro[2] as number, 0x62, 0x63]); // the next read lands in the same bytes
    const second = chunker.push(reused.subarray(0, 3));
    expect(Buffer.concat([...first, ...second]).toString()).toBe('a€bc');
  });
});
