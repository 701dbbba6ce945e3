import { describe, expect, it } from 'vitest';
import { goldenFrames, realSession } from '../../../testing/ssm/conformance.js';
import { MessageType, ReceivedFrame, decodeFrame, emptyHeader, encodeFrame, readHeader } from './index.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const fromHex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));

describe('ReceivedFrame (the reliability layer\'s lean decode)', () => {
  const fields = (f: ReturnType<typeof decodeFrame>) => ({
    headerLength: f.headerLength, messageType: f.messageType, schemaVersion: f.schemaVersion, createdDate: f.createdDate, sequenceNumber: f.sequenceNumber,
    flags: f.flags, messageId: f.messageId, payloadType: f.payloadType, payloadLength: f.payloadLength, payloadDigest: hex(f.payloadDigest), payload: hex(f.payload),
  });

  it('has every field decodeFrame gives, for the recorded sessions and the golden frames', () => {
    const raws = [
      ...(['shell-session', 'port-mux-session'] as const).flatMap((name) => realSession(name).filter((l) => l.raw).map((l) => Uint8Array.from(Buffer.from(l.raw ?? '', 'base64')))),
      ...goldenFrames().map((g) => fromHex(g.serializedHex)),
    ];
    expect(raws.length).toBeGreaterThan(20);
    const scratch = emptyHeader();
    for (const raw of raws) {
      // The reused scratch header reads every frame as a fresh one does.
      expect(readHeader(raw, { verifyDigest: false }, scratch)).toBe(scratch);
      expect({ ...scratch }).toEqual(readHeader(raw, { verifyDigest: false }));
      const received = new ReceivedFrame(raw, readHeader(raw, { verifyDigest: false }));
      expect(fields(received)).toEqual(fields(decodeFrame(raw, { verifyDigest: false })));
      expect(hex(received.messageIdWire)).toBe(hex(raw.subarray(64, 80)));
    }
  });

  it('copies what it keeps: the received buffer can be reused at once', () => {
    const raw = encodeFrame({ messageType: MessageType.OutputStreamData, sequenceNumber: 9, flags: 0, payloadType: 1, payload: new Uint8Array([5, 6, 7]) });
    const received = new ReceivedFrame(raw, readHeader(raw));
    const before = fields(received);
    raw.fill(0);
    expect(fields(received)).toEqual(before);
  });
});
