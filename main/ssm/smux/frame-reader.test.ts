import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SmuxCmd } from './constants.js';
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
});
