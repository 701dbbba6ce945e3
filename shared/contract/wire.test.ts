import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATA_LIMITS, OutputStreamDataSchema, type DataMessage } from './data.js';
import { ContractError } from './errors.js';
import { decodeDataFrame, encodeDataFrame, WIRE_PASTE_CODE, WIRE_TYPE } from './wire.js';

const idArb = fc.stringMatching(/^[A-Za-z0-9._:-]{1,128}$/);
const messageArb: fc.Arbitrary<DataMessage> = fc.oneof(
  fc.record({ type: fc.constant('output_stream_data' as const), sessionId: idArb, bytes: fc.uint8Array({ maxLength: 4096 }) }),
  fc.record({ type: fc.constant('input_stream_data' as const), sessionId: idArb, bytes: fc.uint8Array({ maxLength: 4096 }) }),
  fc.record({ type: fc.constant('input_stream_data' as const), sessionId: idArb, bytes: fc.uint8Array({ maxLength: 4096 }), kind: fc.constant('paste' as const) }),
  fc.record({ type: fc.constant('ack' as const), sessionId: idArb, bytes: fc.integer({ min: 1, max: 0xffff_ffff }) }),
  fc.record({ type: fc.constant('resize' as const), sessionId: idArb, cols: fc.integer({ min: 1, max: 2000 }), rows: fc.integer({ min: 1, max: 1000 }) }),
  fc.record({
    type: fc.constant('status' as const),
    sessionId: idArb,
    status: fc.record(
      { state: fc.constantFrom('connecting' as const, 'connected' as const, 'reconnecting' as const, 'closed' as const), reason: fc.string({ minLength: 1, maxLength: 200, unit: 'grapheme' }), detail: fc.string({ maxLength: 200, unit: 'grapheme' }), exitCode: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), ending: fc.constantFrom('exited' as const, 'stopped' as const, 'failed' as const, 'timed-out' as const) },
      { requiredKeys: ['state'] },
    ),
  }),
);

function rejection(frame: Uint8Array<ArrayBuffer>): string {
  try {
    decodeDataFrame(frame);
  } catch (err) {
    if (err instanceof ContractError && err.code === 'malformed') return err.message;
    throw err;
  }
  throw new Error('expected the frame to be rejected');
}

describe('data-plane wire codec', () => {
  it('round-trips every message kind exactly', () => {
    fc.assert(
      fc.property(messageArb, (msg) => {
        expect(decodeDataFrame(encodeDataFrame(msg))).toEqual(msg);
      }),
    );
  });

  it('lays out an input frame as type, id length, id, bytes', () => {
    const frame = encodeDataFrame({ type: 'input_stream_data', sessionId: 's1', bytes: Uint8Array.of(0x6c, 0x73, 0x0d) });
    expect([...frame]).toEqual([WIRE_TYPE.input_stream_data, 2, 0x73, 0x31, 0x6c, 0x73, 0x0d]);
  });

  it('gives pasted input a type code of its own, and reads it back as a paste', () => {
    const paste = { type: 'input_stream_data', sessionId: 's1', bytes: Uint8Array.of(0x6c, 0x73), kind: 'paste' } as const;
    const frame = encodeDataFrame(paste);
    expect([...frame]).toEqual([WIRE_PASTE_CODE, 2, 0x73, 0x31, 0x6c, 0x73]);
    expect(decodeDataFrame(frame)).toEqual(paste);
  });

  it('lays out resize and ack big-endian', () => {
    expect([...encodeDataFrame({ type: 'resize', sessionId: 'a', cols: 300, rows: 50 })]).toEqual([4, 1, 0x61, 0x01, 0x2c, 0x00, 0x32]);
    expect([...encodeDataFrame({ type: 'ack', sessionId: 'a', bytes: 65536 })]).toEqual([3, 1, 0x61, 0, 1, 0, 0]);
  });

  it('rejects frames that are too short, of unknown type or with a truncated id', () => {
    expect(rejection(Uint8Array.of(1))).toMatch(/shorter than the 2-byte header/);
    expect(rejection(Uint8Array.of(99, 1, 0x61))).toMatch(/unknown type code 99 at offset 0/);
    expect(rejection(Uint8Array.of(2, 10, 0x61))).toMatch(/runs past the end/);
  });

  it('rejects bodies of the wrong size and values out of range, naming the field', () => {
    expect(rejection(Uint8Array.of(3, 1, 0x61, 0, 0))).toMatch(/ack body is 2 bytes, expected 4/);
    expect(rejection(Uint8Array.of(4, 1, 0x61, 0, 0, 0, 24))).toMatch(/cols/);
    expect(rejection(Uint8Array.of(3, 1, 0x61, 0, 0, 0, 0))).toMatch(/bytes/);
    expect(rejection(Uint8Array.of(5, 1, 0x61, 9, 0, 0, 0, 0, 0))).toMatch(/unknown session state 9/);
  });

  it('rejects an empty or non-ASCII session id', () => {
    expect(rejection(Uint8Array.of(2, 0, 0x41))).toMatch(/sessionId/);
    expect(rejection(Uint8Array.of(2, 1, 0xe9, 0x41))).toMatch(/sessionId/);
  });

  it('never throws anything but a malformed ContractError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          decodeDataFrame(Uint8Array.from(bytes));
        } catch (err) {
          expect(err).toBeInstanceOf(ContractError);
        }
      }),
    );
  });

  it('carries how a session ended in the flags byte beside the exit code', () => {
    const frame = encodeDataFrame({ type: 'status', sessionId: 's', status: { state: 'closed', exitCode: 0, ending: 'exited' } });
    // type, id length, 's', state 3 (closed), flags: exit code present | (1 + index of 'exited') << 1.
    expect([...frame.subarray(0, 5)]).toEqual([WIRE_TYPE.status, 1, 0x73, 3, 0b011]);
    const idle = encodeDataFrame({ type: 'status', sessionId: 's', status: { state: 'closed', ending: 'timed-out' } });
    // The fourth ending needs the flags' third ending bit: (1 + 3) << 1.
    expect(idle[4]).toBe(0b1000);
    expect(decodeDataFrame(idle)).toEqual({ type: 'status', sessionId: 's', status: { state: 'closed', ending: 'timed-out' } });
    const bad = frame.slice();
    bad[4] = 0b100000; // a flag no encoder sets
    expect(rejection(bad)).toMatch(/unknown status flags 0x20 at offset 4/);
    bad[4] = 0b1010; // ending 5: no such ending
    expect(rejection(bad)).toMatch(/unknown session ending 5 at offset 4/);
  });

  it('carries a detail after the reason, the reason then prefixed with its byte length', () => {
    const status = { state: 'closed', reason: 'Lost it: restart the session.', detail: 'could not resume the session after 5 attempts: the connection closed (1006)', ending: 'failed' } as const;
    const frame = encodeDataFrame({ type: 'status', sessionId: 's', status });
    // flags: detail (bit 4) | (1 + index of 'failed') << 1.
    expect(frame[4]).toBe(0b10110);
    const reasonBytes = new TextEncoder().encode(status.reason).byteLength;
    expect(new DataView(frame.buffer).getUint16(3 + 6)).toBe(reasonBytes);
    expect(decodeDataFrame(frame)).toEqual({ type: 'status', sessionId: 's', status });
    // A reason length past the frame's end is refused, not read as a shorter reason.
    const cut = frame.slice(0, 3 + 6 + 2 + reasonBytes - 1);
    expect(rejection(cut)).toMatch(/status body is \d+ bytes, expected at least/);
    // Without a detail the frame is as before: the reason runs to the end, with no length prefix.
    const plain = encodeDataFrame({ type: 'status', sessionId: 's', status: { state: 'closed', reason: 'abc' } });
    expect(plain.byteLength).toBe(3 + 6 + 3);
  });

  it('refuses a reason too long for its u16 length prefix rather than sending a frame that wraps', () => {
    const detail = 'the connection closed (1006)';
    // 0xffff bytes still fit: the prefix says them all and the detail comes back whole.
    const most = encodeDataFrame({ type: 'status', sessionId: 's', status: { state: 'closed', reason: 'a'.repeat(0xffff), detail } });
    expect(new DataView(most.buffer).getUint16(3 + 6)).toBe(0xffff);
    expect(new TextDecoder().decode(most.subarray(3 + 6 + 2 + 0xffff))).toBe(detail);
    // One byte more (here a 3-byte character across the line) would wrap the prefix to 2.
    const over = { type: 'status', sessionId: 's', status: { state: 'closed', reason: `${'a'.repeat(0xffff - 2)}€`, detail } } as const;
    expect(() => encodeDataFrame(over)).toThrow(ContractError);
    expect(() => encodeDataFrame(over)).toThrow(/status reason of 65536 bytes is too long to send with a detail \(at most 65535\)/);
  });

  it('decodes a status reason as the platform TextDecoder does, malformed UTF-8 included', () => {
    const frame = encodeDataFrame({ type: 'status', sessionId: 's', status: { state: 'closed', reason: 'abc' } });
    for (const bad of [[0xe2, 0x82, 0x41], [0x61, 0xff, 0x62], [0xc0, 0x80, 0x41]]) {
      const patched = Uint8Array.from(frame);
      patched.set(bad, patched.length - 3);
      const decoded = decodeDataFrame(patched);
      expect(decoded.type === 'status' && decoded.status.reason).toBe(new TextDecoder().decode(Uint8Array.from(bad)));
    }
    expect(new TextDecoder().decode(Uint8Array.of(0xe2, 0x82, 0x41))).toBe('\ufffdA');
  });

  describe('the stream-data hot path (checked by hand, no schema parse, no copy)', () => {
    /** A stream frame with the given id bytes and body. */
    const streamFrame = (type: 1 | 2, id: readonly number[], body: Uint8Array): Uint8Array<ArrayBuffer> => {
      const frame = new Uint8Array(2 + id.length + body.byteLength);
      frame.set([type, id.length, ...id]);
      frame.set(body, 2 + id.length);
      return frame;
    };

    it('accepts exactly the frames the schema accepts, and names sessionId when it refuses one', () => {
      const idByte = fc.oneof(fc.constantFrom(...Array.from('Az09._:-', (c) => c.charCodeAt(0))), fc.integer({ min: 0, max: 255 }));
      fc.assert(
        fc.property(fc.constantFrom(1 as const, 2 as const), fc.array(idByte, { maxLength: 140 }), fc.uint8Array({ maxLength: 64 }), (type, id, body) => {
          const frame = streamFrame(type, id, body);
          const schemaSays = OutputStreamDataSchema.safeParse({ type: 'output_stream_data', sessionId: String.fromCharCode(...id), bytes: Uint8Array.from(body) }).success;
          if (schemaSays) expect(decodeDataFrame(frame)).toEqual({ type: type === 1 ? 'output_stream_data' : 'input_stream_data', sessionId: String.fromCharCode(...id), bytes: Uint8Array.from(body) });
          else expect(rejection(frame)).toMatch(/^Malformed binary data message: sessionId: /);
        }),
      );
    });

    it('gives the bytes as a view into the frame, not a copy', () => {
      const frame = streamFrame(1, [0x73, 0x31], Uint8Array.of(0x68, 0x69));
      const decoded = decodeDataFrame(frame);
      if (decoded.type !== 'output_stream_data') throw new Error(`decoded as ${decoded.type}`);
      expect(decoded.bytes.buffer).toBe(frame.buffer);
      expect([decoded.bytes.byteOffset, decoded.bytes.byteLength]).toEqual([4, 2]);
    });

    it('says what is wrong with a bad id or an oversized body, where, and never throws anything else', () => {
      expect(rejection(streamFrame(1, [], Uint8Array.of(1)))).toBe('Malformed binary data message: sessionId: must not be empty');
      expect(rejection(streamFrame(1, Array.from({ length: 129 }, () => 0x61), Uint8Array.of(1)))).toMatch(/sessionId: must be at most 128 characters \(it has 129\)/);
      expect(rejection(streamFrame(2, [0x61, 0x20, 0x62], Uint8Array.of(1)))).toMatch(/sessionId: may contain only letters, digits and \. _ : - \(byte 0x20 at offset 3\)/);
      const big = streamFrame(1, [0x61], new Uint8Array(DATA_LIMITS.MAX_CHUNK_BYTES + 1));
      expect(rejection(big)).toMatch(new RegExp(`bytes: must be at most ${DATA_LIMITS.MAX_CHUNK_BYTES} bytes \\(it has ${DATA_LIMITS.MAX_CHUNK_BYTES + 1}\\)`));
      expect(decodeDataFrame(streamFrame(1, [0x61], new Uint8Array(DATA_LIMITS.MAX_CHUNK_BYTES))).type).toBe('output_stream_data');
    });
  });
});
