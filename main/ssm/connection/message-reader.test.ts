import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MessageReader } from './message-reader.js';

/** ws's own frame builder and parser (not in its type definitions): the reference behaviour. */
interface FrameOptions { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean; generateMask?: (mask: Buffer) => void }
interface WsReceiver {
  write(chunk: Buffer): boolean;
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): void;
  on(event: 'ping' | 'pong', listener: (data: Buffer) => void): void;
  on(event: 'conclude', listener: (code: number) => void): void;
  on(event: 'error', listener: (error: Error & { code?: string }) => void): void;
}
const ws = createRequire(import.meta.url)('ws') as {
  Sender: { frame(data: Buffer, options: FrameOptions): Buffer[] };
  Receiver: new (options: { isServer: boolean; maxPayload: number }) => WsReceiver;
};

const MAX_PAYLOAD = 64 * 1024;

interface Spec { opcode: number; fin?: boolean; rsv1?: boolean; masked: boolean; payload: Buffer; key?: number }

function frame(spec: Spec): Buffer {
  const key = spec.key ?? 0x1234_5678;
  const parts = ws.Sender.frame(spec.payload, {
    fin: spec.fin ?? true,
    opcode: spec.opcode,
    mask: spec.masked,
    readOnly: true,
    rsv1: spec.rsv1 ?? false,
    generateMask: (m) => void m.writeUInt32BE(key >>> 0),
  });
  return Buffer.concat(parts);
}

/** What a side observes, in order: messages (binary or text), pings, pongs, close, errors. */
type Event = string;

function describeBytes(kind: string, data: Uint8Array): Event {
  return `${kind}:${Buffer.from(data).toString('hex')}`;
}

function wireReceiver(receiver: WsReceiver, events: Event[]): void {
  receiver.on('message', (data, isBinary) => events.push(describeBytes(isBinary ? 'binary' : 'text', data)));
  receiver.on('ping', (data) => events.push(describeBytes('ping', data)));
  receiver.on('pong', (data) => events.push(describeBytes('pong', data)));
  receiver.on('conclude', (code) => events.push(`close:${code}`));
  receiver.on('error', (error) => events.push(`error:${error.code ?? error.message}`));
}

/** ws alone, as it reads the stream today. */
function wsAlone(stream: Buffer, isServer: boolean): Event[] {
  const events: Event[] = [];
  const receiver = new ws.Receiver({ isServer, maxPayload: MAX_PAYLOAD });
  wireReceiver(receiver, events);
  receiver.write(Buffer.from(stream)); // a copy: ws unmasks in place
  return events;
}

/** The reader in front of ws, fed `stream` cut at `cuts`; binary messages it takes count as ws's would. */
function withReader(stream: Buffer, isServer: boolean, cuts: number[], handler = true): { events: Event[]; reader: MessageReader; taken: number } {
  const events: Event[] = [];
  const receiver = new ws.Receiver({ isServer, maxPayload: MAX_PAYLOAD });
  wireReceiver(receiver, events);
  let taken = 0;
  const reader = new MessageReader({ maskedFromPeer: isServer, maxPayload: MAX_PAYLOAD, passOn: (bytes) => receiver.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)) });
  if (handler) reader.setHandler((bytes) => { taken++; events.push(describeBytes('binary', bytes)); });
  const copy = Buffer.from(stream);
  const points = [...new Set(cuts.map((c) => c % (copy.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const p of [...points, copy.length]) {
    if (p < from) continue;
    reader.push(copy.subarray(from, p));
    from = p;
  }
  return { events, reader, taken };
}

const bytesOf = (n: number, seed: number) => Buffer.from(Uint8Array.from({ length: n }, (_, i) => (i * 37 + seed) & 0xff));

// Lengths on both sides of the 7-bit, 16-bit and 64-bit length fields.
const binaryLengths = [0, 1, 125, 126, 127, 1144, 300, 0xffff, 0x10000];

describe('MessageReader (RFC 6455 §5.2, in front of ws)', () => {
  for (const isServer of [true, false]) {
    const side = isServer ? 'server (masked frames from the client)' : 'client (unmasked frames from the server)';

    it(`${side}: takes every binary message itself and yields the same messages, pings, pongs and text as ws alone, however the stream is cut`, () => {
      const specs: Spec[] = [
        ...binaryLengths.map((n, i) => ({ opcode: 2, masked: isServer, payload: bytesOf(n, i), key: 0x0101_0101 * (i + 1) })),
        { opcode: 9, masked: isServer, payload: Buffer.from('keepalive') },
        { opcode: 1, masked: isServer, payload: Buffer.from('{"MessageSchemaVersion":"1.0"}') },
        { opcode: 10, masked: isServer, payload: Buffer.from('') },
        { opcode: 2, masked: isServer, payload: bytesOf(1144, 99) },
      ];
      const stream = Buffer.concat(specs.map(frame));
      const expected = wsAlone(stream, isServer);
      expect(expected.length).toBe(specs.length);
      fc.assert(
        fc.property(fc.array(fc.nat(stream.length), { maxLength: 40 }), (cuts) => {
          const got = withReader(stream, isServer, cuts);
          expect(got.events).toEqual(expected);
          expect(got.taken).toBe(binaryLengths.length + 1);
          expect(got.reader.active).toBe(true);
        }),
        { numRuns: 200 },
      );
      // One byte at a time: every header and payload is cut everywhere.
      const single = withReader(stream, isServer, Array.from({ length: stream.length }, (_, i) => i));
      expect(single.events).toEqual(expected);
    });

    it(`${side}: a close frame, a fragment, set RSV bits, the wrong mask or an oversized message hand the rest of the stream to ws, which reports exactly what it reports alone`, () => {
      const before = [frame({ opcode: 2, masked: isServer, payload: bytesOf(200, 1) }), frame({ opcode: 9, masked: isServer, payload: Buffer.from('p') })];
      const after = [frame({ opcode: 2, masked: isServer, payload: bytesOf(10, 2) }), frame({ opcode: 1, masked: isServer, payload: Buffer.from('late') })];
      const breakers: Array<[string, Buffer]> = [
        ['close', frame({ opcode: 8, masked: isServer, payload: Buffer.from([0x03, 0xe8, 0x62, 0x79, 0x65]) })],
        ['fragment', Buffer.concat([frame({ opcode: 2, fin: false, masked: isServer, payload: bytesOf(40, 3) }), frame({ opcode: 0, masked: isServer, payload: bytesOf(5, 4) })])],
        ['rsv1', frame({ opcode: 2, rsv1: true, masked: isServer, payload: bytesOf(30, 5) })],
        ['wrong mask', frame({ opcode: 2, masked: !isServer, payload: bytesOf(30, 6) })],
        ['oversized', frame({ opcode: 2, masked: isServer, payload: bytesOf(MAX_PAYLOAD + 1, 7) })],
        ['bad opcode', frame({ opcode: 3, masked: isServer, payload: bytesOf(3, 8) })],
      ];
      for (const [name, breaker] of breakers) {
        const stream = Buffer.concat([...before, breaker, ...after]);
        const expected = wsAlone(stream, isServer);
        for (const cuts of [[], [3], [before[0]!.length + 1], [stream.length - 2], [7, 211, 230, 260]]) {
          const got = withReader(stream, isServer, cuts);
          expect({ name, events: got.events }).toEqual({ name, events: expected });
          expect({ name, active: got.reader.active }).toEqual({ name, active: false });
          expect(got.taken).toBe(1); // the first binary message, before the breaker
        }
      }
    });
  }

  it('without a handler, a binary message goes to ws with the rest of the stream (the gateway before OpenDataChannel)', () => {
    const stream = Buffer.concat([frame({ opcode: 1, masked: true, payload: Buffer.from('open') }), frame({ opcode: 2, masked: true, payload: bytesOf(50, 9) })]);
    const got = withReader(stream, true, [], false);
    expect(got.events).toEqual(wsAlone(stream, true));
    expect(got.taken).toBe(0);
    expect(got.reader.active).toBe(false);
  });

  it('a handler set by the text message ahead takes the binary messages that follow it in the same chunk, in order', () => {
    const events: Event[] = [];
    const receiver = new ws.Receiver({ isServer: true, maxPayload: MAX_PAYLOAD });
    const reader = new MessageReader({ maskedFromPeer: true, maxPayload: MAX_PAYLOAD, passOn: (bytes) => receiver.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)) });
    receiver.on('message', (data, isBinary) => {
      events.push(describeBytes(isBinary ? 'ws-binary' : 'text', data));
      reader.setHandler((bytes) => events.push(describeBytes('binary', bytes)));
    });
    const payloads = [bytesOf(1144, 1), bytesOf(300, 2)];
    reader.push(Buffer.concat([frame({ opcode: 1, masked: true, payload: Buffer.from('open') }), ...payloads.map((payload) => frame({ opcode: 2, masked: true, payload }))]));
    expect(events).toEqual([describeBytes('text', Buffer.from('open')), ...payloads.map((p) => describeBytes('binary', p))]);
    expect(reader.active).toBe(true);
  });
});
