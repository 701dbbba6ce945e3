import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, encodeUtf8 } from './utf8.js';

describe('utf8', () => {
  it('encodes exactly as Node does for well-formed strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }), (s) => {
        expect(Buffer.from(encodeUtf8(s)).equals(Buffer.from(s, 'utf8'))).toBe(true);
        expect(decodeUtf8(encodeUtf8(s))).toBe(s);
      }),
    );
  });

  it('turns invalid and truncated sequences into U+FFFD', () => {
    expect(decodeUtf8(Uint8Array.of(0x61, 0xff, 0x62))).toBe('a\ufffdb');
    expect(decodeUtf8(Uint8Array.of(0xe2, 0x82))).toBe('\ufffd\ufffd');
    expect(decodeUtf8(Uint8Array.of(0xc0, 0x80))).toBe('\ufffd\ufffd'); // overlong NUL
  });
});
