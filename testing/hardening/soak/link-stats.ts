/**
 * What the faulty link and the emulated agent did to one soak session, read from the sandbox's
 * gateway: frames the shapers dropped, duplicated and reordered each way, and how the agent
 * recovered its lost output (RTO resends and fast retransmits). Proves the faults really hit.
 */
import type { Gateway } from '../../../main/sandbox/gateway/index.js';

export interface LinkStats {
  /** Frames the shaper dropped toward the client / toward the agent. */
  readonly droppedToClient: number;
  readonly droppedToAgent: number;
  readonly duplicated: number;
  readonly reordered: number;
  /** Frames held by a stall (delay knob). */
  readonly delayed: number;
  /** Agent frames re-sent, all causes (RTO tick, fast retransmit, go-back-N on resume). */
  readonly agentRetransmits: number;
  /** Of those, sent early on later acks (ReliableChannel.fastRetransmit). */
  readonly agentFastRetransmits: number;
}

export const NO_LINK_STATS: LinkStats = { droppedToClient: 0, droppedToAgent: 0, duplicated: 0, reordered: 0, delayed: 0, agentRetransmits: 0, agentFastRetransmits: 0 };

/** The session's figures so far; all zero when the gateway no longer knows it. */
export function linkStats(gateway: Gateway, sessionId: string): LinkStats {
  const host = gateway.host(sessionId);
  if (!host) return NO_LINK_STATS;
  const { toClient, toAgent } = host.faultStats();
  const agent = host.agent.channel.stats;
  return {
    droppedToClient: toClient.dropped,
    droppedToAgent: toAgent.dropped,
    duplicated: toClient.duplicated + toAgent.duplicated,
    reordered: toClient.reordered + toAgent.reordered,
    delayed: toClient.delayed + toAgent.delayed,
    agentRetransmits: agent.retransmits,
    agentFastRetransmits: agent.fastRetransmits,
  };
}

export function formatLinkStats(s: LinkStats): string {
  return `${s.droppedToClient} dropped → client, ${s.droppedToAgent} → agent, ${s.duplicated} duplicated, ${s.reordered} reordered, ${s.delayed} stalled; agent resent ${s.agentRetransmits} (${s.agentFastRetransmits} fast)`;
}
