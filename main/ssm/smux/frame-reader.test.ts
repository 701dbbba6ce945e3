import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SmuxCmd } from './constants.js';
import { SmuxError } from './errors.js';
import { encodeFrame } from './frame.js';
import { SmuxFrameReader } from './frame-reader.js';

const frameArb = fc.oneof(
  fc.record({ cmd: fc.constantFrom(SmuxCmd.SYN, SmuxCmd.FIN, SmuxCmd.NOP), streamId: fc.nat(), data: fc.constant(new Uint8Array(0)) }),
  fc.record({ cmd: fc.constant(SmuxCmd.PSH), streamId: fc.nat(), data: fc.uint8Array({ maxLength: 3000 }) }),
  fc.record({ cmd: fc.constant(SmuxCmd.UPD), streamId: fc.nat(), data: fc.uint8Array({ minLength: 8, maxLength: 8 }) }),
);

/** Cuts `bytes` at the given positions (sorted, deduplicated). */
function cut(bytes: Buffer, at: number[]): Buffer[] {
  const points = [...new Set(at.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  return out;
}

describe('SmuxFrameReader', () => {
  it('round-trips random frame sequences split at random boundaries', () => {
    fc.assert(
      fc.property(fc.array(frameArb, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 60 }), (frames, cuts) => {
        const wire = Buffer.concat(frames.map((f) => encodeFrame(f.cmd, f.streamId, f.data)));
        const reader = new SmuxFrameReader();
        const parsed = cut(wire, cuts).flatMap((chunk) => reader.push(chunk));
        expect(parsed.map((f) => ({ cmd: f.cmd, streamId: f.streamId, data: Buffer.from(f.data) }))).toEqual(
          frames.map((f) => ({ cmd: f.cmd, streamId: f.streamId, data: Buffer.from(f.data) })),
        );
        expect(reader.buffered).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('delivers a frame only once it is complete, even byte by byte', () => {
    const wire = encodeFrame(SmuxCmd.PSH, 7, Buffer.from('abcdef'));
    const reader = new SmuxFrameReader();
    for (let i = 0; i < wire.length - 1; i++) expect(reader.push(wire.subarray(i, i + 1))).toEqual([]);
    const [frame] = reader.push(wire.subarray(wire.length - 1));
    expect(Buffer.from(frame!.data).toString()).toBe('abcdef');
  });

  it('returns the good frames of a push that ends in a bad header, then reports the error', () => {
    const good = [encodeFrame(SmuxCmd.SYN, 3), encodeFrame(SmuxCmd.PSH, 3, Buffer.from('first')), encodeFrame(SmuxCmd.PSH, 3, Buffer.from('second'))];
    const badAt = Buffer.concat(good).length;
    const reader = new SmuxFrameReader();
    const frames = reader.push(Buffer.concat([...good, Buffer.from('0903000003000000', 'hex'), encodeFrame(SmuxCmd.FIN, 3)]));
    expect(frames.map((f) => Buffer.from(f.data).toString())).toEqual(['', 'first', 'second']);
    expect(reader.failure).toBeInstanceOf(SmuxError);
    expect(reader.failure).toMatchObject({ code: 'bad-version', offset: badAt });
    // The stream is over: later bytes are refused with the same error, nothing more is framed.
    expect(() => reader.push(encodeFrame(SmuxCmd.FIN, 3))).toThrow(reader.failure!);
    expect(reader.buffered).toBe(0);
  });

  it('throws at once when a push meets the bad header before completing any frame', () => {
    const reader = new SmuxFrameReader();
    const whole = Buffer.concat([encodeFrame(SmuxCmd.PSH, 5, Buffer.from('abc')), Buffer.from('0107000005000000', 'hex')]);
    // The first piece completes nothing; the second completes the PSH and then meets cmd 7.
    expect(reader.push(whole.subarray(0, 6))).toEqual([]);
    const frames = reader.push(whole.subarray(6));
    expect(frames).toHaveLength(1);
    expect(reader.failure?.code).toBe('bad-command');
    const fresh = new SmuxFrameReader();
    let thrown: unknown;
    try {
      fresh.push(Buffer.from('0107000005000000', 'hex'));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SmuxError);
    expect(fresh.failure).toBe(thrown);
  });
});
