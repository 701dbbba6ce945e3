// Reliability-layer timing constants (protocol §4.4), identical in the plugin and the agent.

export const Reliability = {
  /** Initial smoothed round-trip time before any ack has been measured. */
  INITIAL_SRTT_MS: 100,
  /** Initial round-trip variance. */
  INITIAL_RTTVAR_MS: 0,
  /** Initial retransmission timeout. */
  INITIAL_RTO_MS: 200,
  /** Upper bound of the RTO, so a lost frame is retried at least once a second. */
  MAX_RTO_MS: 1000,
  /** The clock-granularity term of RFC 6298: RTO = SRTT + max(G, 4·RTTVAR). */
  CLOCK_GRANULARITY_MS: 10,
  /** RTTVAR gain (RFC 6298 beta). */
  RTTVAR_GAIN: 1 / 4,
  /** SRTT gain (RFC 6298 alpha). */
  SRTT_GAIN: 1 / 8,
  /** Period of the resend scheduler: the agent's and plugin's loop sleep. */
  RESEND_TICK_MS: 100,
  /** Acks for later frames that count as evidence of a loss: TCP's duplicate-ack threshold. */
  FAST_RETRANSMIT_ACKS: 3,
  /**
   * Frames besides the oldest that one resend tick may resend (ReliableChannel.resendPassed).
   * With the spec's one-frame-per-tick a link that lost 150 frames recovered at 10 frames/s —
   * output stalled for 15 s; 256 per tick clears such a burst in one round trip, while a tick
   * still sends at most ~300 KB.
   */
  PASSED_RESENDS_PER_TICK: 256,
} as const;
