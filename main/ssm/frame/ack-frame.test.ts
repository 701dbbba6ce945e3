import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goldenFrames } from '../../../testing/ssm/conformance.js';
import { ackSequenceNumber, decodeAcknowledge, decodeFrame, encodeAcknowledge, encodeAcknowledgeFrame, encodeAcknowledgeFrameFromWire, encodeFrame, Flags, MessageType, Offset, PayloadType, readHeader, ReceivedFrame, uuidFromWire, uuidToWire } from './index.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const ackGoldens = goldenFrames().filter((g) => g.input.MessageType === MessageType.Acknowledge);

/** The one-pass ack's bytes equal encodeFrame(encodeAcknowledge(...)) for the same content. */
function sameAsGeneralPath(type: string, id: string, seq: number, createdDate: number): void {
  const content = { acknowledgedMessageType: type, acknowledgedMessageId: id, acknowledgedMessageSequenceNumber: seq };
  const messageId = 'fdba1b38-1a73-4d64-85c3-12500a08af29';
  const general = encodeFrame({ messageType: MessageType.Acknowledge, sequenceNumber: 0, flags: Flags.SynFin, messageId, payloadType: PayloadType.Unset, payload: encodeAcknowledge(content), createdDate });
  expect(hex(encodeAcknowledgeFrame(content, { createdDate, messageId }))).toBe(hex(general));
}

describe('encodeAcknowledgeFrame (one-pass ack)', () => {
  it('finds the plugin and agent acknowledge vectors', () => {
    expect(ackGoldens.length).toBeGreaterThanOrEqual(3);
  });

  it.each(ackGoldens.map((g) => [g.file, g] as const))('%s: the same bytes as the real codec', (_file, g) => {
    const content = decodeAcknowledge(Buffer.from(g.input.Payload_hex, 'hex'));
    const frame = encodeAcknowledgeFrame(content, { createdDate: g.input.CreatedDate, messageId: g.input.MessageId });
    expect(hex(frame)).toBe(g.serializedHex);
  });

  it('equals the general encoder for any ack content, including strings JSON must escape', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom('output_stream_data', 'input_stream_data'), fc.string({ maxLength: 40 })),
        fc.oneof(fc.uuid(), fc.string({ maxLength: 40 })),
        fc.integer({ min: -1, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 1, max: 2 ** 45 }),
        sameAsGeneralPath,
      ),
      { numRuns: 500 },
    );
  });

  it('equals the general encoder for control characters, non-ASCII text, odd numbers and the epoch', () => {
    // fc.string() alone yields printable ASCII only; these reach the byte checks of the fast path.
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: fc.constantFrom('\u0000', '\u001f', '\u007f', '\u0080', 'é', '\ud83d', '"', '\\'), maxLength: 6 }));
    fc.assert(
      fc.property(text, text, fc.oneof(fc.integer(), fc.double()), fc.integer({ min: 0, max: 2 ** 45 }), sameAsGeneralPath),
      { numRuns: 500 },
    );
  });

  it('writes every digit count of the sequence number as JSON does (each power of ten, its neighbours, the safe maximum, -0)', () => {
    const numbers = [0, -0, 1, -1, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER - 1, 1.5, 1e21];
    for (let k = 1; k <= 15; k++) numbers.push(10 ** k - 1, 10 ** k, 10 ** k + 1);
    for (const seq of numbers) sameAsGeneralPath('output_stream_data', 'fdba1b38-1a73-4d64-85c3-12500a08af29', seq, 1_700_000_000_000);
  });

  it('keeps writing correct acks past the cache of acknowledged types', () => {
    for (let i = 0; i < 40; i++) {
      const content = { acknowledgedMessageType: `type_${i}`, acknowledgedMessageId: 'fdba1b38-1a73-4d64-85c3-12500a08af29', acknowledgedMessageSequenceNumber: i };
      expect(decodeAcknowledge(decodeFrame(encodeAcknowledgeFrame(content)).payload)).toEqual(content);
    }
  });

  it('gives each ack a fresh random v4 MessageId and a digest the plugin accepts', () => {
    const content = { acknowledgedMessageType: 'output_stream_data', acknowledgedMessageId: 'fdba1b38-1a73-4d64-85c3-12500a08af29', acknowledgedMessageSequenceNumber: 7 };
    const ids = new Set<string>();
    for (let i = 0; i < 600; i++) {
      const frame = decodeFrame(encodeAcknowledgeFrame(content), { verifyDigest: true });
      expect(frame.messageId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(decodeAcknowledge(frame.payload)).toEqual(content);
      ids.add(frame.messageId);
    }
    expect(ids.size).toBe(600);
  });
});

describe('encodeAcknowledgeFrameFromWire (ack written from the received MessageId bytes)', () => {
  const createdDate = 1_700_000_000_123;
  const messageId = 'fdba1b38-1a73-4d64-85c3-12500a08af29';

  it('writes the golden acks byte for byte from their acknowledged id in wire form', () => {
    // The fast path writes lower-case hex, as uuidFromWire does: the vectors whose id is spelled so.
    const lowerCase = ackGoldens.filter((g) => {
      const id = decodeAcknowledge(Buffer.from(g.input.Payload_hex, 'hex')).acknowledgedMessageId;
      return /^[0-9a-f-]{36}$/.test(id) && uuidFromWire(uuidToWire(id)) === id;
    });
    expect(lowerCase.length).toBeGreaterThanOrEqual(1);
    for (const g of lowerCase) {
      const content = decodeAcknowledge(Buffer.from(g.input.Payload_hex, 'hex'));
      const frame = encodeAcknowledgeFrameFromWire(content.acknowledgedMessageType, uuidToWire(content.acknowledgedMessageId), content.acknowledgedMessageSequenceNumber, { createdDate: g.input.CreatedDate, messageId: g.input.MessageId });
      expect(hex(frame)).toBe(g.serializedHex);
    }
  });

  it('acks every golden stream frame exactly as the general ack of its decoded MessageId', () => {
    const frames = goldenFrames().filter((g) => g.input.MessageType !== MessageType.Acknowledge);
    expect(frames.length).toBeGreaterThanOrEqual(3);
    for (const g of frames) {
      const bytes = Buffer.from(g.serializedHex, 'hex');
      const received = new ReceivedFrame(bytes, readHeader(bytes, { verifyDigest: false }));
      const general = encodeAcknowledgeFrame({ acknowledgedMessageType: received.messageType, acknowledgedMessageId: decodeFrame(bytes, { verifyDigest: false }).messageId, acknowledgedMessageSequenceNumber: received.sequenceNumber }, { createdDate, messageId });
      expect(hex(encodeAcknowledgeFrameFromWire(received.messageType, received.messageIdWire, received.sequenceNumber, { createdDate, messageId }))).toBe(hex(general));
    }
  });

  it('equals encodeAcknowledgeFrame of uuidFromWire for any id bytes, type and number', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.oneof(fc.constantFrom('output_stream_data', 'input_stream_data'), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 8 })),
        fc.oneof(fc.integer({ min: -1, max: Number.MAX_SAFE_INTEGER }), fc.double()),
        fc.integer({ min: 0, max: 2 ** 45 }),
        (wire, type, seq, created) => {
          const viaText = encodeAcknowledgeFrame({ acknowledgedMessageType: type, acknowledgedMessageId: uuidFromWire(wire), acknowledgedMessageSequenceNumber: seq }, { createdDate: created, messageId });
          expect(hex(encodeAcknowledgeFrameFromWire(type, wire, seq, { createdDate: created, messageId }))).toBe(hex(viaText));
          // The same id bytes found inside a longer message (a lent frame's whole message), in place.
          const message = new Uint8Array(Offset.MessageId + 16 + 40).fill(0xee);
          message.set(wire, Offset.MessageId);
          expect(hex(encodeAcknowledgeFrameFromWire(type, message, seq, { createdDate: created, messageId }, Offset.MessageId))).toBe(hex(viaText));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads the id from a view anywhere in a larger buffer (a received frame\'s copy)', () => {
    const bytes = encodeFrame({ messageType: MessageType.OutputStreamData, sequenceNumber: 3, flags: Flags.Data, messageId, payloadType: PayloadType.Output, payload: new Uint8Array([1, 2, 3]) });
    const received = new ReceivedFrame(bytes, readHeader(bytes));
    expect(received.messageIdWire.byteOffset).toBeGreaterThanOrEqual(0);
    expect(Buffer.from(received.messageIdWire).equals(Buffer.from(bytes.subarray(Offset.MessageId, Offset.PayloadDigest)))).toBe(true);
    const ack = decodeFrame(encodeAcknowledgeFrameFromWire(received.messageType, received.messageIdWire, received.sequenceNumber));
    expect(decodeAcknowledge(ack.payload)).toEqual({ acknowledgedMessageType: MessageType.OutputStreamData, acknowledgedMessageId: messageId, acknowledgedMessageSequenceNumber: 3 });
    // The channel passes the whole id-digest-payload copy: only its first 16 bytes are the id.
    const fixed = { createdDate, messageId: 'c0ffee00-1a73-4d64-85c3-12500a08af29' };
    expect(hex(encodeAcknowledgeFrameFromWire(received.messageType, received.idDigestPayload, 3, fixed))).toBe(hex(encodeAcknowledgeFrameFromWire(received.messageType, received.messageIdWire, 3, fixed)));
  });
});

describe('decodeAcknowledge fast path', () => {
  it('reads canonical acks exactly as the JSON parser does', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), fc.integer({ min: -1, max: Number.MAX_SAFE_INTEGER }), (type, id, seq) => {
        const content = { acknowledgedMessageType: type, acknowledgedMessageId: id, acknowledgedMessageSequenceNumber: seq };
        expect(decodeAcknowledge(encodeAcknowledge(content))).toEqual(content);
      }),
      { numRuns: 500 },
    );
  });

  it('still parses other spellings in full, and refuses an unsafe sequence number', () => {
    const text = (s: string) => new TextEncoder().encode(s);
    expect(decodeAcknowledge(text('{ "acknowledgedmessagesequencenumber": 5, "AcknowledgedMessageType": "a\\"b", "AcknowledgedMessageId": "x" }'))).toEqual({
      acknowledgedMessageType: 'a"b',
      acknowledgedMessageId: 'x',
      acknowledgedMessageSequenceNumber: 5,
    });
    expect(() => decodeAcknowledge(text('{"AcknowledgedMessageType":"t","AcknowledgedMessageId":"i","AcknowledgedMessageSequenceNumber":9007199254740993,"IsSequentialMessage":true}'))).toThrow(/numeric/);
  });
});

describe('ackSequenceNumber (in-place read of the canonical ack)', () => {
  const text = (s: string) => new TextEncoder().encode(s);
  const outcome = (payload: Uint8Array): string => {
    try {
      return `ok ${decodeAcknowledge(payload).acknowledgedMessageSequenceNumber}`;
    } catch (error) {
      return `error ${(error as Error).message}`;
    }
  };
  const ours = (payload: Uint8Array): string => {
    try {
      return `ok ${ackSequenceNumber(payload)}`;
    } catch (error) {
      return `error ${(error as Error).message}`;
    }
  };

  it('agrees with the full parser on every ack we or the real peers write', () => {
    for (const g of ackGoldens) expect(ours(Buffer.from(g.input.Payload_hex, 'hex'))).toBe(outcome(Buffer.from(g.input.Payload_hex, 'hex')));
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.oneof(fc.uuid(), fc.string({ maxLength: 40 })), fc.integer({ min: -(2 ** 40), max: Number.MAX_SAFE_INTEGER }), (type, id, seq) => {
        const payload = encodeAcknowledge({ acknowledgedMessageType: type, acknowledgedMessageId: id, acknowledgedMessageSequenceNumber: seq });
        expect(ours(payload)).toBe(`ok ${seq}`);
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with the full parser on near-canonical and broken texts', () => {
    const canonical = '{"AcknowledgedMessageType":"output_stream_data","AcknowledgedMessageId":"fdba1b38-1a73-4d64-85c3-12500a08af29","AcknowledgedMessageSequenceNumber":42,"IsSequentialMessage":true}';
    const variants = [
      canonical,
      canonical.replace('true}', 'false}'),
      canonical.replace(':42,', ':042,'),
      canonical.replace(':42,', ':-0,'),
      canonical.replace(':42,', ':4.5,'),
      canonical.replace(':42,', ':9007199254740993,'),
      canonical.replace(':42,', ':12345678901234567,'),
      canonical.replace(':42,', ':"42",'),
      canonical.replace('true}', 'true} '),
      canonical.replace('true}', 'tru}'),
      canonical.replace('output_stream_data', 'out\\"put'),
      canonical.replace('"IsSequentialMessage"', '"isSequentialMessage"'),
      canonical.slice(0, -1),
      '{}',
      'not json',
    ];
    for (const v of variants) expect(ours(text(v))).toBe(outcome(text(v)));
  });

  it('reads the payload in place from its offset in a larger buffer (a whole frame)', () => {
    const canonical = '{"AcknowledgedMessageType":"output_stream_data","AcknowledgedMessageId":"fdba1b38-1a73-4d64-85c3-12500a08af29","AcknowledgedMessageSequenceNumber":42,"IsSequentialMessage":true}';
    for (const v of [canonical, canonical.replace(':42,', ':042,'), '{ "AcknowledgedMessageSequenceNumber": 7 }', 'not json']) {
      const payload = text(v);
      const framed = new Uint8Array(120 + payload.length).fill(0x7b); // a prefix of '{' that must not be read
      framed.set(payload, 120);
      const inPlace = (() => {
        try {
          return `ok ${ackSequenceNumber(framed, 120)}`;
        } catch (error) {
          return `error ${(error as Error).message}`;
        }
      })();
      expect(inPlace).toBe(ours(payload));
    }
  });
});
