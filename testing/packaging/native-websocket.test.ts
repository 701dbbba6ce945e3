// bufferutil is ws's optional native helper: with it, ws unmasks what clients send (every PT 1 frame
// and ack a gateway or the web host receives) in C++ instead of a byte-at-a-time JavaScript loop.
// bufferutil falls back to JavaScript silently when its native build does not load, so a broken
// install would only show as a slower sandbox; this test makes it show here instead.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

interface MaskHelpers {
  readonly mask: (source: Buffer, mask: Buffer, output: Buffer, offset: number, length: number) => void;
  readonly unmask: (buffer: Buffer, mask: Buffer) => void;
}

describe('native websocket helpers', () => {
  it('bufferutil loads its native build, and its unmask undoes a masking', () => {
    const helpers = require('bufferutil') as MaskHelpers;
    expect(String(helpers.unmask)).toContain('[native code]');
    const key = Buffer.from([0x12, 0x34, 0x56, 0x78]);
    const plain = Buffer.from('the quick brown fox jumps over the lazy dog, twice over: 0123456789');
    const masked = Buffer.alloc(plain.length);
    helpers.mask(plain, key, masked, 0, plain.length);
    expect(masked.equals(plain)).toBe(false);
    expect(masked[0]).toBe(plain[0]! ^ 0x12);
    helpers.unmask(masked, key);
    expect(masked.equals(plain)).toBe(true);
  });
});
