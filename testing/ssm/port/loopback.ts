/**
 * Test support: a client ReliableChannel and an agent ReliableChannel joined in memory (with
 * optional loss, duplication and reordering), the client end exposed as a PortChannel. The
 * handshake is taken as done; `agent` is the raw agent end for a test agent to drive.
 */
import { AGENT_POLICY, CLIENT_POLICY, ReliableChannel, type ChannelHooks } from '../../../main/ssm/channel/index.js';
import { MessageType, type ClientMessage } from '../../../main/ssm/frame/index.js';
import { ReliablePortChannel } from '../../../main/ssm/port/reliable-port-channel.js';

/** Read on every frame, so a test may change them mid-session (e.g. drop: 1 for an outage). */
export interface LinkFaults {
  /** Probability that a frame is lost. */
  drop?: number;
  /** Probability that a frame is delivered twice. */
  duplicate?: number;
  /** Probability that a frame is held back behind later ones. */
  reorder?: number;
}

export interface AgentEnd {
  readonly channel: ReliableChannel;
  /** Stream frames from the client, in order; answer like the agent's handler. */
  deliver: (frame: ClientMessage) => 'accepted' | 'not-ready';
  /** Acks arrived for the agent's frames. */
  onProgress: () => void;
}

export interface Loopback {
  readonly client: ReliablePortChannel;
  readonly agent: AgentEnd;
  /** True once either end was closed: the agent must not send any more. */
  readonly closed: boolean;
  /** The agent ends the session (channel_closed to the client). */
  endFromAgent(reason: string): void;
  close(): void;
}

/** Reordering holds a frame back by this many ms: later frames overtake it. */
const REORDER_DELAY_MS = 3;

function link(faults: LinkFaults, target: () => ReliableChannel | undefined): { send(bytes: Uint8Array): boolean } {
  const deliver = (bytes: Uint8Array) => target()?.receive(bytes);
  return {
    send(bytes) {
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
  const isAck = (frame: ClientMessage | undefined) => frame?.messageType === MessageType.Acknowledge;
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
    tap: (event) => event.direction === 'in' && isAck(event.frame) && port.progress(),
  };
  const clientChannel = new ReliableChannel({ policy: CLIENT_POLICY, hooks: clientHooks });
  const agentChannel = new ReliableChannel({
    policy: AGENT_POLICY,
    hooks: {
      deliver: (frame) => agent.deliver(frame),
      tap: (event) => event.direction === 'in' && isAck(event.frame) && agent.onProgress(),
    },
  });
  const port = new ReliablePortChannel(clientChannel, { sessionId: 'loopback-session', ...info }, closeAll);
  agentChannel.markHandshakeComplete();
  clientChannel.attach(link(faults, () => agentChannel));
  agentChannel.attach(link(faults, () => clientChannel));
  return {
    client: port,
    agent,
    get closed() {
      return closed;
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
