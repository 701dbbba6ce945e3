// The differences between the two ends of a data channel (protocol §4.3, §4.5, §4.6), as data.
// The reliability code is shared; a policy picks whose behaviour it reproduces.
import { MessageType } from '../frame/index.js';
import { Reliability } from './constants.js';

/** What to do with a new stream frame when the outgoing buffer is full (§4.5). */
export type OutgoingFullBehaviour =
  /** Porthole client: refuse the send with ChannelFullError; callers wait for `drain`. */
  | 'refuse'
  /** Agent: transmit the frame but do not buffer it (never retransmitted). */
  | 'send-unbuffered';

export interface ChannelPolicy {
  /** For messages and logs. */
  readonly role: 'client' | 'agent';
  /** MessageType of the frames this end sends. */
  readonly outgoingType: string;
  /** MessageType of the peer's stream frames. */
  readonly incomingType: string;
  /** The agent marks its first stream frame SYN (Flags 1); the plugin never does (§1.2). */
  readonly firstFrameSyn: boolean;
  /** Outgoing buffer capacity in frames. */
  readonly outgoingCapacity: number;
  readonly onOutgoingFull: OutgoingFullBehaviour;
  /** Out-of-order buffer capacity in frames; beyond it, frames are dropped without ack. */
  readonly incomingCapacity: number;
  /** Ack a duplicate again so the peer stops resending (agent); the plugin stays silent. */
  readonly reackDuplicates: boolean;
  /**
   * Keep an in-order frame the handler answered 'not-ready', unacked, and offer it again on
   * `retryDelivery`, instead of dropping it until the peer resends it. The agent's handlers
   * block rather than refuse (a port session's write into smux waits for room), so it never
   * needs the resend; the plugin drops the frame (§4.3).
   */
  readonly holdRefusedFrame: boolean;
  /** Agent: ack and discard stream data (PT other than 6/9) until the handshake completed. */
  readonly dropBeforeHandshake: boolean;
  /** Agent: an empty payload is not sent and consumes no sequence number (§4.6 item 4). */
  readonly skipEmptyPayloads: boolean;
  /**
   * Resend the oldest unacked frame once this many acks for later frames arrived (0: never, as
   * both official implementations). Porthole's choice; see ReliableChannel.fastRetransmit.
   */
  readonly fastRetransmitAcks: number;
  /**
   * On each resend tick, also resend up to this many unacked frames that a later frame's ack has
   * passed and whose RTO elapsed (0: only the oldest, as both official implementations, §4.4).
   * Porthole's choice; see ReliableChannel.resendPassed.
   */
  readonly passedResendsPerTick: number;
}

/**
 * Porthole's client: the plugin's wire behaviour, with the agent's better choices where the
 * plugin is weak (re-ack duplicates, buffer-then-send, refuse rather than evict when full).
 */
export const CLIENT_POLICY: ChannelPolicy = {
  role: 'client',
  outgoingType: MessageType.InputStreamData,
  incomingType: MessageType.OutputStreamData,
  firstFrameSyn: false,
  // The plugin's capacity; at ≤1 KB a frame this bounds unacked input to ~10 MB.
  outgoingCapacity: 10_000,
  onOutgoingFull: 'refuse',
  // The plugin's out-of-order capacity.
  incomingCapacity: 10_000,
  reackDuplicates: true,
  holdRefusedFrame: false,
  dropBeforeHandshake: false,
  skipEmptyPayloads: true,
  fastRetransmitAcks: Reliability.FAST_RETRANSMIT_ACKS,
  passedResendsPerTick: Reliability.PASSED_RESENDS_PER_TICK,
};

/** The amazon-ssm-agent, for the sandbox's emulated agent. */
export const AGENT_POLICY: ChannelPolicy = {
  role: 'agent',
  outgoingType: MessageType.OutputStreamData,
  incomingType: MessageType.InputStreamData,
  firstFrameSyn: true,
  // The agent's capacities (§4.5).
  outgoingCapacity: 100_000,
  onOutgoingFull: 'send-unbuffered',
  incomingCapacity: 100_000,
  reackDuplicates: true,
  holdRefusedFrame: true,
  dropBeforeHandshake: true,
  skipEmptyPayloads: true,
  // The agent waits for its RTO and resends only the oldest frame; the sandbox turns Porthole's
  // faster recovery on only when unpaced.
  fastRetransmitAcks: 0,
  passedResendsPerTick: 0,
};
