// ChannelOptions.lendOutgoing: sent frames kept as encoded header + the payload as given. What
// reaches the wire (first sends, resends, transports with and without sendParts) must be the
// bytes encodeFrame writes for the same fields, and the accounting must count the payloads.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeFrame, encodeAcknowledgeFrame, encodeFrame, MessageType, PayloadType } from '../frame/index.js';
import { CLIENT_POLICY, ReliableChannel, Reliability, type ChannelPolicy, type FrameTransport } from './index.js';

const open: ReliableChannel[] = [];
afterEach(() => {
  open.splice(0).forEach((c) => c.close());
  vi.useRealTimers();
});

/** A lending channel whose transmissions are recorded as joined bytes, through sendParts or not. */
function lending(withParts: boolean, policy: ChannelPolicy = CLIENT_POLICY) {
  const wire: Uint8Array[] = [];
  const parts: Array<{ head: Uint8Array; tail: Uint8Array }> = [];
  let now = 0;
  const channel = new ReliableChannel({ policy, hooks: { deliver: () => 'accepted' }, lendOutgoing: true, now: () => now });
  open.push(channel);
  const transport: FrameTransport = {
    send: (b) => (wire.push(Uint8Array.from(b)), true),
    ...(withParts ? { sendParts: (head: Uint8Array, tail: Uint8Array) => (parts.push({ head, tail }), wire.push(Buffer.concat([head, tail])), true) } : {}),
  };
  channel.attach(transport);
  return { channel, wire, parts, advance: (ms: number) => (now += ms) };
}

/** encodeFrame's bytes for the fields a wire frame carries (its id and date included). */
function reencoded(bytes: Uint8Array): Uint8Array {
  const f = decodeFrame(bytes);
  return encodeFrame({ messageType: f.messageType, sequenceNumber: f.sequenceNumber, flags: f.flags, messageId: f.messageId, payloadType: f.payloadType, payload: f.payload, createdDate: f.createdDate, schemaVersion: f.schemaVersion });
}

const payloadOf = (length: number, seed: number) => Uint8Array.from({ length }, (_, i) => (i * 7 + seed) & 0xff);

describe('ReliableChannel: lent outgoing payloads', () => {
  for (const withParts of [true, false]) {
    it(`sends exactly the frame encodeFrame writes, ${withParts ? 'as header and payload (sendParts)' : 'joined for a transport without sendParts'}`, () => {
      const { channel, wire, parts } = lending(withParts);
      const payloads = [payloadOf(1024, 1), payloadOf(1, 2), payloadOf(333, 3)];
      for (const p of payloads) channel.send(PayloadType.Output, p);
      expect(wire).toHaveLength(payloads.length);
      for (const [i, bytes] of wire.entries()) {
        expect(Buffer.from(bytes).equals(Buffer.from(reencoded(bytes)))).toBe(true);
        expect(Buffer.from(decodeFrame(bytes, { verifyDigest: true }).payload).equals(Buffer.from(payloads[i] ?? []))).toBe(true);
      }
      // The payload itself is what the transport got: no copy of it was made.
      if (withParts) {
        expect(parts).toHaveLength(payloads.length);
        for (const [i, p] of parts.entries()) expect(p.tail).toBe(payloads[i]);
      }
      expect(channel.unackedPayloadBytes).toBe(1024 + 1 + 333);
      expect(channel.unackedBytes).toBe(wire.reduce((n, b) => n + b.length, 0));
    });
  }

  it('resends the same bytes after the RTO and frees them on the ack', () => {
    vi.useFakeTimers();
    const { channel, wire, parts, advance } = lending(true);
    channel.send(PayloadType.Output, payloadOf(1024, 9));
    const first = Buffer.from(wire[0] ?? []);
    advance(Reliability.INITIAL_RTO_MS + 1);
    vi.advanceTimersByTime(Reliability.RESEND_TICK_MS * 2);
    expect(wire.length).toBeGreaterThan(1);
    expect(parts.length).toBe(wire.length);
    for (const resent of wire.slice(1)) expect(Buffer.from(resent).equals(first)).toBe(true);
    expect(channel.stats.retransmits).toBe(wire.length - 1);
    const f = decodeFrame(first);
    channel.receive(encodeAcknowledgeFrame({ acknowledgedMessageType: f.messageType, acknowledgedMessageId: f.messageId, acknowledgedMessageSequenceNumber: f.sequenceNumber }));
    expect(channel.unackedBytes).toBe(0);
    expect(channel.unackedPayloadBytes).toBe(0);
  });

  it('keeps an empty payload in the frame (nothing to lend)', () => {
    const { channel, wire, parts } = lending(true, { ...CLIENT_POLICY, skipEmptyPayloads: false });
    channel.send(PayloadType.Output, new Uint8Array(0));
    expect(parts).toHaveLength(0);
    expect(wire).toHaveLength(1);
    expect(decodeFrame(wire[0] ?? new Uint8Array(0)).messageType).toBe(MessageType.InputStreamData);
  });
});
