import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { payloadDigest, payloadDigestMatches, writePayloadDigest } from './digest.js';

const reference = (b: Uint8Array): Buffer => createHash('sha256').update(b).digest();

describe('payload digest (SHA-256 through a latin1 string)', () => {
  it('equals SHA-256 for any payload, including every byte value and the empty one', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (payload) => {
        expect(Buffer.from(payloadDigest(payload)).equals(reference(payload))).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(Buffer.from(payloadDigest(new Uint8Array(0))).toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('writes into a frame in place and recognises exactly the right digest there', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.nat(40), fc.nat(31), (payload, offset, flip) => {
        const frame = new Uint8Array(offset + 32 + 8).fill(0xee);
        writePayloadDigest(frame, offset, payload);
        expect(Buffer.from(frame.subarray(offset, offset + 32)).equals(reference(payload))).toBe(true);
        expect(frame[offset + 32]).toBe(0xee); // nothing written past the digest
        expect(payloadDigestMatches(frame, offset, payload)).toBe(true);
        frame[offset + flip] = (frame[offset + flip] ?? 0) ^ 1;
        expect(payloadDigestMatches(frame, offset, payload)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('does not match a digest cut short by the end of the frame', () => {
    const payload = new Uint8Array([1, 2, 3]);
    const frame = new Uint8Array(40);
    writePayloadDigest(frame, 8, payload);
    expect(payloadDigestMatches(frame.subarray(0, 39), 8, payload)).toBe(false);
  });
});
