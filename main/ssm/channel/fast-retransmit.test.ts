// Porthole's fast retransmit (ReliableChannel.fastRetransmit): acks for later frames resend the
// oldest unacked frame before its RTO, but only after a round trip, so reordering is not loss.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeFrame, encodeAcknowledge, encodeFrame, Flags, MessageType, newMessageId, PayloadType } from '../frame/index.js';
import { AGENT_POLICY, CLIENT_POLICY, ReliableChannel, Reliability, type ChannelPolicy } from './index.js';

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

describe('resending passed frames on the tick', () => {
  // The resend scheduler is a setInterval; fake timers run its ticks at once, while the channel's
  // own clock (`at`) stays frozen where the test puts it.
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  /** Runs a few resend ticks. */
  const TICKS = 3;
  const ticks = () => vi.advanceTimersByTime(TICKS * Reliability.RESEND_TICK_MS);

  it('resends every unacked frame below the highest acked one once its RTO passed, and nothing above it', () => {
    const { channel, sentSeqs, ack, at } = sender(CLIENT_POLICY);
    sendFrames(channel, 12);
    at(10);
    for (const seq of [1, 3, 4, 6, 7, 8]) ack(seq); // holes 0, 2, 5; 9-11 in flight
    at(2_000); // past any RTO
    ticks();
    // Each hole exactly once (the clock is frozen, so their RTO never passes again): the oldest by
    // the spec's rule, the others as passed; the frames above the highest ack are not presumed lost.
    expect(sentSeqs.slice(12).sort((a, b) => a - b)).toEqual([0, 2, 5]);
    expect(channel.stats.passedResends).toBe(2);
    expect(channel.stats.retransmits).toBe(3);
  });

  it('stays with the spec (only the oldest frame, once per RTO) in the agent policy', () => {
    const { channel, sentSeqs, ack, at } = sender(AGENT_POLICY);
    sendFrames(channel, 12);
    at(10);
    for (const seq of [1, 3, 4, 6, 7, 8]) ack(seq);
    at(2_000);
    ticks();
    expect(sentSeqs.slice(12)).toEqual([0]);
    expect(channel.stats.passedResends).toBe(0);
  });

  it('does not resend a passed frame again within its RTO', () => {
    const { channel, sentSeqs, ack, at } = sender(CLIENT_POLICY);
    sendFrames(channel, 4);
    at(10);
    ack(3);
    at(2_000);
    ticks();
    expect(sentSeqs.slice(4).sort()).toEqual([0, 1, 2]);
    at(2_001); // a moment later: every resend is still inside its RTO
    ticks();
    expect(sentSeqs).toHaveLength(7);
  });
});
