import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { goldenFrames, negativeCases, realSession } from '../../../testing/ssm/conformance.js';
import {
  FrameError,
  MessageType,
  decodeFrame,
  encodeFrame,
  newMessageId,
  tryDecodeFrame,
  uuidFromWire,
  uuidToBytes,
  uuidToWire,
  type FrameField,
} from './index.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const fromHex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));

describe('MessageId half swap (§1.3)', () => {
  it('maps the seed wire bytes to the seed UUID and back', () => {
    const wire = fromHex('85c312500a08af29fdba1b381a734d64');
    expect(uuidFromWire(wire)).toBe('fdba1b38-1a73-4d64-85c3-12500a08af29');
    expect(hex(uuidToWire('fdba1b38-1a73-4d64-85c3-12500a08af29'))).toBe('85c312500a08af29fdba1b381a734d64');
  });

  it('rejects a malformed UUID string with a typed error', () => {
    expect(() => uuidToWire('not-a-uuid')).toThrow(FrameError);
    // One bad character, a hyphen out of place, or a wrong length: each is refused.
    expect(() => uuidToWire('fdba1b38-1a73-4d64-85c3-12500a08af2g')).toThrow(FrameError);
    expect(() => uuidToWire('fdba1b381-a73-4d64-85c3-12500a08af29')).toThrow(FrameError);
    expect(() => uuidToWire('fdba1b38-1a73-4d64-85c3-12500a08af2')).toThrow(FrameError);
    expect(() => uuidToWire('fdba1b38-1a73-4d64-85c3-12500a08af29a')).toThrow(FrameError);
    expect(() => uuidToWire('fdba1b38 1a73 4d64 85c3 12500a08af29')).toThrow(FrameError);
  });

  it('hand parsing agrees with the hex of the string for any UUID, either case', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.boolean(), (uuid, upper) => {
        const text = upper ? uuid.toUpperCase() : uuid;
        const canonical = uuid.replaceAll('-', '').toLowerCase();
        expect(hex(uuidToBytes(text))).toBe(canonical);
        expect(hex(uuidToWire(text))).toBe(canonical.slice(16) + canonical.slice(0, 16));
        expect(uuidFromWire(uuidToWire(text))).toBe(uuid.toLowerCase());
      }),
      { numRuns: 500 },
    );
  });
});

describe('frame allocation', () => {
  it('returns plain Uint8Arrays that never share bytes with each other', () => {
    const fields = { messageType: 'output_stream_data', sequenceNumber: 1, flags: 0, messageId: 'fdba1b38-1a73-4d64-85c3-12500a08af29', payloadType: 1 };
    const a = encodeFrame({ ...fields, payload: new Uint8Array(100).fill(1) });
    const b = encodeFrame({ ...fields, payload: new Uint8Array(100).fill(2) });
    expect(Object.getPrototypeOf(a)).toBe(Uint8Array.prototype);
    b.fill(9);
    expect(decodeFrame(a).payload).toEqual(new Uint8Array(100).fill(1));
  });
});

describe('golden frames from the real codecs', () => {
  const frames = goldenFrames();

  it('finds the plugin and agent vectors', () => {
    expect(frames.length).toBeGreaterThanOrEqual(17);
    expect(frames.some((f) => f.file.startsWith('agent_'))).toBe(true);
    expect(frames.some((f) => f.file.startsWith('hr_'))).toBe(true);
  });

  it.each(frames.map((f) => [f.file, f] as const))('%s decodes to its fields and re-encodes identically', (_file, golden) => {
    const decoded = decodeFrame(fromHex(golden.serializedHex));
    expect(decoded.headerLength).toBe(116);
    expect(decoded.messageType).toBe(golden.input.MessageType);
    expect(decoded.schemaVersion).toBe(golden.input.SchemaVersion);
    expect(decoded.createdDate).toBe(golden.input.CreatedDate);
    expect(decoded.sequenceNumber).toBe(golden.input.SequenceNumber);
    expect(decoded.flags).toBe(golden.input.Flags);
    expect(decoded.messageId).toBe(golden.input.MessageId);
    expect(decoded.payloadType).toBe(golden.input.PayloadType);
    expect(hex(decoded.payload)).toBe(golden.input.Payload_hex);
    expect(decoded.payloadLength).toBe(golden.input.Payload_hex.length / 2);

    const encoded = encodeFrame({
      messageType: golden.input.MessageType,
      schemaVersion: golden.input.SchemaVersion,
      createdDate: golden.input.CreatedDate,
      sequenceNumber: golden.input.SequenceNumber,
      flags: golden.input.Flags,
      messageId: golden.input.MessageId,
      payloadType: golden.input.PayloadType,
      payload: fromHex(golden.input.Payload_hex),
    });
    expect(hex(encoded)).toBe(golden.serializedHex);
  });
});

// What each malformed input must be refused for. Six inputs in the files are not malformed at
// the codec level: a NUL-padded type (tolerated by both real decoders, §1.5), two sequence
// numbers that only matter to the reliability layer (tested in ../channel), and three whose
// PayloadLength disagrees with the payload, which the recorded plugin accepts and acks
// (payload_length_larger/smaller_than_buffer; payload_length_zero_with_bad_digest, where a zero
// PayloadLength skips the digest check): §1.5 steps 3-4.
const ACCEPTED = new Set([
  'message_type_nul_padded',
  'unexpected_sequence_number_7',
  'old_sequence_number_2',
  'payload_length_larger_than_buffer',
  'payload_length_smaller_than_buffer',
  'payload_length_zero_with_bad_digest',
]);

function expectedField(name: string): FrameField {
  const truncated = /^truncated_to_(\d+)_bytes$/.exec(name);
  if (truncated) {
    const n = Number(truncated[1]);
    // At 120 bytes the header is whole and the payload empty: the plugin refuses it for its digest.
    return n < 112 ? 'Frame' : n < 120 ? 'HeaderLength' : 'PayloadDigest';
  }
  // Every PayloadDigest case is one the recorded plugin refused with "payload Hash is not valid".
  const table: Record<string, FrameField> = {
    wrong_digest: 'PayloadDigest',
    payload_corrupted: 'PayloadDigest',
    header_length_larger_than_buffer: 'HeaderLength',
    header_length_zero: 'HeaderLength',
    created_date_zero: 'CreatedDate',
    message_type_all_nul: 'MessageType',
    trailing_garbage: 'PayloadDigest',
    header_length_120: 'PayloadDigest',
  };
  const field = table[name];
  if (!field) throw new Error(`no expectation for negative case ${name}`);
  return field;
}

describe.each(['plugin_decoder_negative_cases.json', 'agent_decoder_negative_cases.json'] as const)('%s', (file) => {
  const cases = negativeCases(file);

  it('has the malformed inputs', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases.filter((c) => !ACCEPTED.has(c.name)).map((c) => [c.name, c] as const))('%s is refused with a typed error', (_n, c) => {
    const result = tryDecodeFrame(fromHex(c.inputHex));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(FrameError);
    expect(result.error.field).toBe(expectedField(c.name));
    expect(result.error.message).toContain(`offset ${result.error.offset}`);
  });

  it.each(cases.filter((c) => ACCEPTED.has(c.name)).map((c) => [c.name, c] as const))('%s decodes (codec-level valid)', (_n, c) => {
    const frame = decodeFrame(fromHex(c.inputHex));
    expect(frame.messageType).toBe(MessageType.OutputStreamData);
    expect(new TextDecoder().decode(frame.payload)).toBe('total 0\r\n');
  });
});

describe('real sessions (plugin ↔ agent recordings)', () => {
  it.each(['shell-session', 'port-mux-session'] as const)('%s: every raw frame decodes and re-encodes identically', (name) => {
    const lines = realSession(name).filter((l) => l.raw);
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) {
      const raw = Uint8Array.from(Buffer.from(line.raw ?? '', 'base64'));
      const f = decodeFrame(raw);
      expect(f.messageType).toBe(line.type);
      expect(f.sequenceNumber).toBe(line.seq);
      expect(f.payloadType).toBe(line.ptype);
      const again = encodeFrame({ ...f });
      expect(hex(again)).toBe(hex(raw));
    }
  });
});

describe('tolerant parsing', () => {
  const payload = new TextEncoder().encode('{"Output":"bye"}');
  const base = { messageType: 'channel_closed', sequenceNumber: 0, flags: 3, messageId: 'fdba1b38-1a73-4d64-85c3-12500a08af29', payloadType: 0, payload, createdDate: 1_700_000_000_000 };

  it('reads the 112-byte-header, NUL-padded channel_closed (§1.5)', () => {
    const bytes = encodeFrame(base, { headerLength: 112, padding: 'nul' });
    expect(bytes.length).toBe(116 + payload.length);
    const f = decodeFrame(bytes);
    expect(f.headerLength).toBe(112);
    expect(f.messageType).toBe('channel_closed');
    expect(f.payloadType).toBe(0);
    expect(new TextDecoder().decode(f.payload)).toBe('{"Output":"bye"}');
  });

  it('accepts pause/start_publication without CreatedDate, as the plugin does', () => {
    const bytes = encodeFrame({ ...base, messageType: 'pause_publication', createdDate: 0, payload: new Uint8Array() });
    expect(decodeFrame(bytes).messageType).toBe('pause_publication');
  });

  it('skips the digest check when asked (the agent never checks it)', () => {
    const bytes = encodeFrame(base);
    bytes[80] = (bytes[80] ?? 0) ^ 0xff;
    expect(() => decodeFrame(bytes)).toThrow(/PayloadDigest at offset 80/);
    expect(decodeFrame(bytes, { verifyDigest: false }).payload).toEqual(payload);
  });

  it('refuses to encode an over-long or empty MessageType', () => {
    expect(() => encodeFrame({ ...base, messageType: 'x'.repeat(33) })).toThrow(FrameError);
    expect(() => encodeFrame({ ...base, messageType: '' })).toThrow(FrameError);
  });
});

describe('property: random frames round trip', () => {
  const frameArb = fc.record({
    messageType: fc.stringMatching(/^[a-z_]{1,32}$/),
    schemaVersion: fc.integer({ min: 0, max: 0xffff_ffff }),
    createdDate: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    sequenceNumber: fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
    flags: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
    messageId: fc.uuid(),
    payloadType: fc.integer({ min: 0, max: 0xffff_ffff }),
    payload: fc.uint8Array({ maxLength: 3000 }),
  });

  it('decode(encode(f)) == f and encode(decode(b)) == b', () => {
    fc.assert(
      fc.property(frameArb, (f) => {
        const bytes = encodeFrame(f);
        const d = decodeFrame(bytes);
        expect({ ...d, payload: hex(d.payload) }).toMatchObject({ ...f, messageId: f.messageId.toLowerCase(), payload: hex(f.payload) });
        expect(hex(encodeFrame(d))).toBe(hex(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws anything but FrameError on arbitrary or mutated bytes', () => {
    const seed = encodeFrame({ messageType: 'output_stream_data', sequenceNumber: 4, flags: 0, messageId: 'fdba1b38-1a73-4d64-85c3-12500a08af29', payloadType: 1, payload: new TextEncoder().encode('total 0\r\n') });
    const mutated = fc.tuple(fc.integer({ min: 0, max: seed.length - 1 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: seed.length + 8 })).map(([at, value, cut]) => {
      const copy = Uint8Array.from(seed);
      copy[at] = value;
      return copy.slice(0, cut);
    });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 400 }), mutated), (bytes) => {
        const r = tryDecodeFrame(bytes);
        if (!r.ok) expect(r.error).toBeInstanceOf(FrameError);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('PayloadLength is not compared with the payload (§1.5 steps 3-4)', () => {
  const closed = new TextEncoder().encode('{"MessageId":"m","Output":"bye"}');
  const base = () => encodeFrame({ messageType: MessageType.ChannelClosed, sequenceNumber: 0, flags: 0, messageId: newMessageId(), payloadType: 0, payload: closed });

  it.each([0, 3, 100_000])('a channel_closed whose PayloadLength says %i still decodes with its whole payload', (declared) => {
    const bytes = base();
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(116, declared);
    const f = decodeFrame(bytes);
    expect(f.messageType).toBe(MessageType.ChannelClosed);
    expect(f.payloadLength).toBe(declared);
    expect(new TextDecoder().decode(f.payload)).toBe('{"MessageId":"m","Output":"bye"}');
  });

  it('still checks the digest when PayloadLength is non-zero', () => {
    const bytes = base();
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(116, 3);
    bytes[bytes.length - 1] = 0x20;
    expect(tryDecodeFrame(bytes)).toMatchObject({ ok: false, error: { field: 'PayloadDigest' } });
  });
});
