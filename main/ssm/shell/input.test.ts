import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inputChunks, parseExitCode, ShellInput, sizePayload } from './input.js';

describe('shell input shaping (§7.2)', () => {
  it('rewrites a lone LF keystroke to CR, and only that', () => {
    expect([...inputChunks(Uint8Array.of(0x0a))[0]!]).toEqual([0x0d]);
    expect([...inputChunks(Uint8Array.of(0x61, 0x0a))[0]!]).toEqual([0x61, 0x0a]);
  });

  it('splits any write into ≤ 1024-byte chunks that concatenate back to it', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 2, maxLength: 5000 }), (data) => {
        const chunks = inputChunks(data);
        expect(chunks.every((c) => c.length > 0 && c.length <= ShellInput.MAX_CHUNK_BYTES)).toBe(true);
        expect(Buffer.concat(chunks).equals(Buffer.from(data))).toBe(true);
      }),
    );
  });

  it('builds the size payload and parses exit codes', () => {
    expect(new TextDecoder().decode(sizePayload(120, 40))).toBe('{"cols":120,"rows":40}');
    expect(parseExitCode(new TextEncoder().encode('EXIT_CODE: 7'))).toBe(7);
    expect(parseExitCode(new TextEncoder().encode('EXIT_CODE: -1\n'))).toBe(-1);
    expect(parseExitCode(new TextEncoder().encode('nothing'))).toBeUndefined();
  });
});
