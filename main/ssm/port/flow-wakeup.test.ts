// Flow control's wake-ups over a reliable channel pair, on fake timers with scripted loss: a
// local sender paused at the high watermark is resumed only by a progress call, so the ack that
// empties the backlog must make one that sees the backlog already emptied, even when that ack is
// the last thing to arrive (nothing else would ever call the sender back). And the agent's held
// refused frame (AGENT_POLICY.holdRefusedFrame) must be taken by the client's resend timer when
// no retryDelivery comes. Time is faked (the channels' resend tick, the link's setImmediate and
// performance.now), so each step is what the script says, not what the machine's load allows.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Reliability } from '../channel/index.js';
import { MessageType } from '../frame/index.js';
import { createLoopback, type LinkFaults, type LinkFrame, type Loopback } from '../../../testing/ssm/port/loopback.js';
import { Outbound } from './outbound.js';

/** Small marks so one write of a few frames crosses them; Outbound's own defaults are MBs. */
const PAYLOAD = 1024;
const HIGH_WATER = 16 * PAYLOAD;
const LOW_WATER = 4 * PAYLOAD;
/** Past the largest RTO twice: any frame a timer resends has been resent and answered by then. */
const RESEND_WINDOW_MS = 2 * Reliability.MAX_RTO_MS + Reliability.RESEND_TICK_MS;
/** Fake ms for the link's setImmediate hops to settle: well short of the first resend tick. */
const LINK_SETTLE_MS = 10;

const open: Loopback[] = [];
beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'performance', 'Date'] }));
afterEach(() => {
  open.splice(0).forEach((l) => l.close());
  vi.useRealTimers();
});

function loopback(faults: LinkFaults): { loop: Loopback; wire: LinkFrame[] } {
  const wire: LinkFrame[] = [];
  const script = faults.lose;
  const loop = createLoopback({ agentVersion: '3.3.987.0', properties: null }, {
    ...faults,
    lose: (frame) => {
      const lost = script?.(frame) ?? false;
      if (!lost) wire.push(frame);
      return lost;
    },
  });
  open.push(loop);
  return { loop, wire };
}

const isData = (f: LinkFrame) => f.from === 'client' && f.messageType === MessageType.InputStreamData;
const acksFromAgent = (wire: LinkFrame[]) => wire.filter((f) => f.from === 'agent' && f.acknowledges !== undefined).map((f) => f.acknowledges);

describe('port flow control wake-ups (scripted loss, fake timers)', () => {
  it('a paused sender is resumed when the resent oldest frame is the last one acked', async () => {
    // Frame 0's first copy is lost: the agent buffers and acks 1..15, which leaves the span from
    // the oldest unacked frame (what Outbound bounds) at all 16 KB; only frame 0's resend, acked
    // last, empties it. A progress call made before that ack is applied sees 16 KB and never
    // resumes the sender, and no later ack comes to try again: the 60 s stall of the 8-echo test.
    const { loop, wire } = loopback({ lose: (f) => isData(f) && f.sequenceNumber === 0 && !f.retransmit });
    loop.agent.deliver = () => 'accepted';
    const outbound = new Outbound(loop.client, { maxPayload: PAYLOAD, highWater: HIGH_WATER, lowWater: LOW_WATER });
    let drains = 0;
    outbound.onDrain(() => drains++);

    expect(outbound.write(new Uint8Array(HIGH_WATER))).toBe(false); // paused at the high watermark
    expect(outbound.paused).toBe(true);
    await vi.advanceTimersByTimeAsync(RESEND_WINDOW_MS);

    const acks = acksFromAgent(wire);
    expect(acks.slice(0, 15)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(acks.at(-1)).toBe(0); // the scenario: frame 0's ack came last
    expect(outbound.backlog).toBe(0);
    expect(drains).toBe(1);
    expect(outbound.paused).toBe(false);
    expect(outbound.write(new Uint8Array(PAYLOAD))).toBe(true); // and it takes bytes again
  });

  it('a paused sender is resumed when the ack of its oldest frame is lost and the resend is re-acked last', async () => {
    // Frame 0's ack is lost, so the agent's ack for the resent frame 0 (a duplicate by then, re-acked
    // per §4.3) is the last to arrive: the same last-ack wake-up, reached without losing data.
    const { loop, wire } = loopback({ lose: (f) => f.from === 'agent' && f.acknowledges === 0 && !wire.some((w) => w.from === 'client' && isData(w) && w.sequenceNumber === 0 && w.retransmit) });
    loop.agent.deliver = () => 'accepted';
    const outbound = new Outbound(loop.client, { maxPayload: PAYLOAD, highWater: HIGH_WATER, lowWater: LOW_WATER });
    let drains = 0;
    outbound.onDrain(() => drains++);

    expect(outbound.write(new Uint8Array(HIGH_WATER))).toBe(false);
    await vi.advanceTimersByTimeAsync(RESEND_WINDOW_MS);

    expect(acksFromAgent(wire).at(-1)).toBe(0);
    expect(outbound.backlog).toBe(0);
    expect(drains).toBe(1);
  });

  it('the agent delivers a held refused frame when the client resends it, with no retryDelivery', async () => {
    // The agent refuses frame 0 once and holds it unacked; nothing calls retryDelivery. The
    // client's resend tick must bring it back, and the agent then delivers frames 0..3 in order.
    const { loop, wire } = loopback({});
    const delivered: number[] = [];
    let refused = false;
    loop.agent.deliver = (frame) => {
      if (!refused) return (refused = true), 'not-ready';
      delivered.push(frame.sequenceNumber);
      return 'accepted';
    };
    const outbound = new Outbound(loop.client, { maxPayload: PAYLOAD, highWater: HIGH_WATER, lowWater: LOW_WATER });
    outbound.write(new Uint8Array(4 * PAYLOAD));
    await vi.advanceTimersByTimeAsync(RESEND_WINDOW_MS);

    expect(delivered).toEqual([0, 1, 2, 3]);
    expect(wire.some((f) => isData(f) && f.sequenceNumber === 0 && f.retransmit)).toBe(true);
    expect(outbound.backlog).toBe(0);
    expect(loop.agent.channel.expectedSequenceNumber).toBe(4);
  });

  it('the agent delivers a held refused frame on retryDelivery, before any resend', async () => {
    const { loop, wire } = loopback({});
    const delivered: number[] = [];
    let ready = false;
    loop.agent.deliver = (frame) => {
      if (!ready) return 'not-ready';
      delivered.push(frame.sequenceNumber);
      return 'accepted';
    };
    const outbound = new Outbound(loop.client, { maxPayload: PAYLOAD, highWater: HIGH_WATER, lowWater: LOW_WATER });
    outbound.write(new Uint8Array(4 * PAYLOAD));
    await vi.advanceTimersByTimeAsync(LINK_SETTLE_MS); // frames and acks for 1..3 cross; 0 is held
    expect(delivered).toEqual([]);
    expect(acksFromAgent(wire)).toEqual([1, 2, 3]);
    ready = true;
    loop.agent.channel.retryDelivery();
    await vi.advanceTimersByTimeAsync(LINK_SETTLE_MS);

    expect(delivered).toEqual([0, 1, 2, 3]);
    expect(wire.some((f) => isData(f) && f.retransmit)).toBe(false);
    expect(outbound.backlog).toBe(0);
  });
});
