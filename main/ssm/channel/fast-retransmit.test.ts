// Porthole's fast retransmit (ReliableChannel.fastRetransmit): acks for later frames resend the
// oldest unacked frame before its RTO, but only after a round trip, so reordering is not loss.
import { afterEach, describe, expect, it } from 'vitest';
import { decodeFrame, encodeAcknowledge, encodeFrame, Flags, MessageType, newMessageId, PayloadType } from '../frame/index.js';
import { AGENT_POLICY, CLIENT_POLICY, ReliableChannel, type ChannelPolicy } from './index.js';

const open: ReliableChannel[] = [];
afterEach(() => open.splice(0).forEach((c) => c.close()));

/** A channel on a hand-driven clock whose transmissions are recorded as sequence numbers. */
function sender(policy: ChannelPolicy) {
  let clock = 0;
  const sentSeqs: number[] = [];
  const channel = new ReliableChannel({ policy, hooks: { deliver: () => 'accepted' }, now: () => clock });
  open.push(channel);
  channel.attach({ send: (b) => (sentSeqs.push(decodeFrame(b).sequenceNumber), true) });
  const ack = (seq: number) =>
    channel.receive(
      encodeFrame({
        messageType: MessageType.Acknowledge,
        sequenceNumber: 0,
        flags: Flags.SynFin,
        messageId: newMessageId(),
        payloadType: PayloadType.Unset,
        payload: encodeAcknowledge({ acknowledgedMessageType: policy.outgoingType, acknowledgedMessageId: newMessageId(), acknowledgedMessageSequenceNumber: seq }),
      }),
    );
  return { channel, sentSeqs, ack, at: (ms: number) => (clock = ms) };
}

const sendFrames = (channel: ReliableChannel, n: number) => {
  for (let i = 0; i < n; i++) channel.send(PayloadType.Output, new TextEncoder().encode(`in${i}`));
};

describe('fast retransmit', () => {
  it('resends the oldest frame once acks for later frames keep coming a round trip after it was sent', () => {
    const { channel, sentSeqs, ack, at } = sender(CLIENT_POLICY);
    sendFrames(channel, 6);
    at(30);
    for (const seq of [1, 2, 3]) ack(seq); // enough acks, but within the first round trip
    expect(sentSeqs).toEqual([0, 1, 2, 3, 4, 5]);
    at(150); // well past the smoothed RTT, long before the RTO-driven tick would resend
    ack(4);
    expect(sentSeqs).toEqual([0, 1, 2, 3, 4, 5, 0]);
    expect(channel.stats.fastRetransmits).toBe(1);
    expect(channel.stats.retransmits).toBe(1);
    // Later acks for frames sent before that resend are no new evidence: no second resend.
    at(400);
    ack(5);
    expect(sentSeqs.filter((s) => s === 0)).toHaveLength(2);
  });

  it('treats a reordered ack as reordering: the oldest acked late is never resent', () => {
    const { channel, sentSeqs, ack, at } = sender(CLIENT_POLICY);
    sendFrames(channel, 5);
    at(20);
    for (const seq of [2, 3, 4, 1]) ack(seq);
    ack(0);
    expect(sentSeqs).toEqual([0, 1, 2, 3, 4]);
    expect(channel.unackedFrames).toBe(0);
    expect(channel.stats.fastRetransmits).toBe(0);
  });

  it('is off in the agent policy, as in the real agent', () => {
    const { channel, sentSeqs, ack, at } = sender(AGENT_POLICY);
    sendFrames(channel, 6);
    at(150);
    for (const seq of [1, 2, 3, 4, 5]) ack(seq);
    expect(sentSeqs).toEqual([0, 1, 2, 3, 4, 5]);
    expect(channel.stats.fastRetransmits).toBe(0);
  });
});
