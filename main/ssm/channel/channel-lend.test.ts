// ChannelOptions.lendPayloads: the frame delivered the moment it arrives in order carries a view
// of the received message; everything the channel keeps is a copy that outlives that message.
import { afterEach, describe, expect, it } from 'vitest';
import { decodeAcknowledge, decodeFrame, encodeFrame, newMessageId, PayloadType, type ClientMessage } from '../frame/index.js';
import { AGENT_POLICY, CLIENT_POLICY, ReliableChannel, type ChannelPolicy, type Delivery } from './index.js';

const open: ReliableChannel[] = [];
afterEach(() => open.splice(0).forEach((c) => c.close()));

function channel(policy: ChannelPolicy, lendPayloads: boolean, deliver: (f: ClientMessage) => Delivery) {
  const sent: ClientMessage[] = [];
  const c = new ReliableChannel({ policy, lendPayloads, hooks: { deliver } });
  open.push(c);
  c.attach({ send: (b) => sent.push(decodeFrame(b)) > 0 });
  return { c, sent };
}

/** A peer frame inside a larger received buffer, as a view (like a socket read). */
function received(policy: ChannelPolicy, seq: number, text: string): { bytes: Uint8Array; frame: Uint8Array } {
  const frame = encodeFrame({ messageType: policy.incomingType, sequenceNumber: seq, flags: 0, messageId: newMessageId(), payloadType: PayloadType.Output, payload: new TextEncoder().encode(text) });
  const chunk = new Uint8Array(frame.length + 64);
  chunk.set(frame, 32);
  return { bytes: chunk.subarray(32, 32 + frame.length), frame };
}

const acks = (sent: ClientMessage[]) => sent.map((f) => decodeAcknowledge(f.payload));

describe('ReliableChannel with lendPayloads', () => {
  it('delivers an in-order payload as a view of the received bytes, and acks it exactly as without lending', () => {
    const seen: Array<{ text: string; sameBuffer: boolean }> = [];
    const lent = channel(CLIENT_POLICY, true, (f) => {
      seen.push({ text: new TextDecoder().decode(f.payload), sameBuffer: f.payload.buffer === chunkBuffer });
      return 'accepted';
    });
    const copied = channel(CLIENT_POLICY, false, () => 'accepted');
    const m = received(CLIENT_POLICY, 0, 'hello');
    const chunkBuffer = m.bytes.buffer;
    lent.c.receive(m.bytes);
    copied.c.receive(m.frame);
    expect(seen).toEqual([{ text: 'hello', sameBuffer: true }]);
    // Same ack content (the MessageId text read from the wire bytes), different random ack ids.
    expect(acks(lent.sent)).toEqual(acks(copied.sent));
    expect(acks(lent.sent)[0]?.acknowledgedMessageSequenceNumber).toBe(0);
  });

  it('frames from the future wait as copies: overwriting their received bytes changes nothing delivered later', () => {
    const delivered: string[] = [];
    const { c } = channel(CLIENT_POLICY, true, (f) => (delivered.push(new TextDecoder().decode(f.payload)), 'accepted'));
    const later = received(CLIENT_POLICY, 1, 'second');
    c.receive(later.bytes);
    later.bytes.fill(0x41); // the socket buffer reused or scribbled on
    c.receive(received(CLIENT_POLICY, 0, 'first').bytes);
    expect(delivered).toEqual(['first', 'second']);
  });

  it('a refused frame the agent holds is a copy, delivered intact on retry after its bytes changed', () => {
    let ready = false;
    const delivered: string[] = [];
    const { c, sent } = channel(AGENT_POLICY, true, (f) => {
      if (!ready) return 'not-ready';
      delivered.push(new TextDecoder().decode(f.payload));
      return 'accepted';
    });
    c.markHandshakeComplete();
    const m = received(AGENT_POLICY, 0, 'held input');
    c.receive(m.bytes);
    expect(sent).toHaveLength(0);
    m.bytes.fill(0x42);
    ready = true;
    c.retryDelivery();
    expect(delivered).toEqual(['held input']);
    expect(acks(sent).map((a) => a.acknowledgedMessageSequenceNumber)).toEqual([0]);
  });

  it('without lending, a delivered payload is a copy (the default)', () => {
    let sameBuffer: boolean | undefined;
    const m = received(CLIENT_POLICY, 0, 'x');
    const { c } = channel(CLIENT_POLICY, false, (f) => ((sameBuffer = f.payload.buffer === m.bytes.buffer), 'accepted'));
    c.receive(m.bytes);
    expect(sameBuffer).toBe(false);
  });
});
