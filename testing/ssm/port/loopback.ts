/**
 * Test support: a client ReliableChannel and an agent ReliableChannel joined in memory (with
 * optional loss, duplication and reordering), the client end exposed as a PortChannel. The
 * handshake is taken as done; `agent` is the raw agent end for a test agent to drive.
 */
import { AGENT_POLICY, CLIENT_POLICY, ReliableChannel, type ChannelHooks } from '../../../main/ssm/channel/index.js';
import { MessageType, ackSequenceNumber, readHeader, type ClientMessage } from '../../../main/ssm/frame/index.js';
import { ReliablePortChannel } from '../../../main/ssm/port/reliable-port-channel.js';

/** Read on every frame, so a test may change them mid-session (e.g. drop: 1 for an outage). */
export interface LinkFaults {
  /** Probability that a frame is lost. */
  drop?: number;
  /** Probability that a frame is delivered twice. */
  duplicate?: number;
  /** Probability that a frame is held back behind later ones. */
  reorder?: number;
  /**
   * Scripted loss, for deterministic tests: called for every frame before the random faults;
   * true drops it. `retransmit` is true from the second time the same end sends that sequence
   * number of that message type.
   */
  lose?: (frame: LinkFrame) => boolean;
}

/** What `LinkFaults.lose` is told about one frame on the link. */
export interface LinkFrame {
  readonly from: 'client' | 'agent';
  readonly messageType: string;
  /** The frame's own sequence number (an ack's is meaningless; see `acknowledges`). */
  readonly sequenceNumber: number;
  /** An ack: the sequence number of the frame it acknowledges. */
  readonly acknowledges?: number;
  readonly retransmit: boolean;
}

export interface AgentEnd {
  readonly channel: ReliableChannel;
  /** Stream frames from the client, in order; answer like the agent's handler. */
  deliver: (frame: ClientMessage) => 'accepted' | 'not-ready';
  /** An ack removed one of the agent's frames from its outgoing buffer (already applied). */
  onProgress: () => void;
}

export interface Loopback {
  readonly client: ReliablePortChannel;
  readonly agent: AgentEnd;
  /** True once either end was closed: the agent must not send any more. */
  readonly closed: boolean;
  /** The agent ends the session (channel_closed to the client). */
  endFromAgent(reason: string): void;
  /** Both ends' reliability state in one line each, for a test's failure message. */
  describe(): string;
  close(): void;
}

/** Reordering holds a frame back by this many ms: later frames overtake it. */
const REORDER_DELAY_MS = 3;

function link(from: LinkFrame['from'], faults: LinkFaults, target: () => ReliableChannel | undefined): { send(bytes: Uint8Array): boolean } {
  const deliver = (bytes: Uint8Array) => target()?.receive(bytes);
  const seen = new Set<string>();
  const scriptedLoss = (bytes: Uint8Array): boolean => {
    if (!faults.lose) return false;
    const { messageType, sequenceNumber, payloadStart } = readHeader(bytes, { verifyDigest: false });
    if (messageType === MessageType.Acknowledge) {
      const acknowledges = ackSequenceNumber(bytes.subarray(payloadStart));
      return faults.lose({ from, messageType, sequenceNumber, acknowledges, retransmit: false });
    }
    const key = `${messageType}/${sequenceNumber}`;
    const retransmit = seen.has(key);
    seen.add(key);
    return faults.lose({ from, messageType, sequenceNumber, retransmit });
  };
  return {
    send(bytes) {
      if (scriptedLoss(bytes)) return true;
      if (Math.random() < (faults.drop ?? 0)) return true;
      const copy = bytes.slice();
      if (Math.random() < (faults.reorder ?? 0)) setTimeout(() => deliver(copy), REORDER_DELAY_MS);
      else setImmediate(() => deliver(copy));
      if (Math.random() < (faults.duplicate ?? 0)) setImmediate(() => deliver(copy));
      return true;
    },
  };
}

export function createLoopback(info: { agentVersion: string; properties: Record<string, unknown> | null }, faults: LinkFaults = {}): Loopback {
  const agent: AgentEnd = {
    get channel() {
      return agentChannel;
    },
    deliver: () => 'not-ready',
    onProgress: () => undefined,
  };
  let closed = false;
  const closeAll = () => {
    closed = true;
    clientChannel.close();
    agentChannel.close();
  };
  const clientHooks: ChannelHooks = {
    deliver: (frame) => port.deliver(frame),
    drain: () => port.progress(),
    // `acked`, not a frame tap: the tap runs before the ack is applied, so a progress call from it
    // saw the backlog one ack late. When the last ack to come is the one that empties the span
    // (a resent oldest frame), the paused sender was never resumed: a lost wake-up (see
    // main/ssm/port/flow-wakeup.test.ts). DataChannelPort uses the same hook.
    acked: () => port.progress(),
  };
  const clientChannel = new ReliableChannel({ policy: CLIENT_POLICY, hooks: clientHooks });
  const agentChannel = new ReliableChannel({
    policy: AGENT_POLICY,
    hooks: {
      deliver: (frame) => agent.deliver(frame),
      acked: () => agent.onProgress(),
    },
  });
  const port = new ReliablePortChannel(clientChannel, { sessionId: 'loopback-session', ...info }, closeAll);
  agentChannel.markHandshakeComplete();
  clientChannel.attach(link('client', faults, () => agentChannel));
  agentChannel.attach(link('agent', faults, () => clientChannel));
  return {
    client: port,
    agent,
    get closed() {
      return closed;
    },
    describe() {
      return `client channel: ${describeChannel(clientChannel)}\nagent channel: ${describeChannel(agentChannel)}`;
    },
    endFromAgent(reason) {
      port.ended({ expected: false, reason });
      closeAll();
    },
    close() {
      port.ended({ expected: true, reason: 'closed' });
      closeAll();
    },
  };
}

/** What a stalled transfer needs explained: who waits for what (unacked, held, paused, counters). */
function describeChannel(channel: ReliableChannel): string {
  const gap = channel.incomingGap;
  const held = gap ? `frames ${gap.lowestBuffered}..${gap.highestBuffered} (${gap.bufferedFrames}) held behind ${gap.expectedSeq}` : 'nothing held';
  const s = channel.stats;
  return [
    `${channel.unackedFrames} frames unacked, span ${channel.unackedSpanPayloadBytes} payload bytes`,
    `next expected ${channel.expectedSequenceNumber}, ${held}`,
    channel.isPaused ? 'publication paused' : 'publishing',
    `in ${s.framesIn} (acks ${s.acksIn}, duplicates ${s.duplicates}, overflow drops ${s.overflowDrops})`,
    `out ${s.framesOut} (acks ${s.acksOut}, retransmits ${s.retransmits})`,
  ].join('; ');
}
