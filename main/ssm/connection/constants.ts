// Tunables of the websocket connection (protocol §3, §9).

export const Connection = {
  /** OpenDataChannel MessageSchemaVersion, a constant of the protocol (§3.3). */
  MESSAGE_SCHEMA_VERSION: '1.0',
  /** The plugin pings every 5 minutes (§3.4); MGS expects no more. */
  PING_INTERVAL_MS: 5 * 60_000,
  /** Payload of the keepalive ping, as the plugin sends it. */
  PING_PAYLOAD: 'keepalive',
  /**
   * Longest wait for the websocket upgrade (TCP, TLS and the HTTP upgrade: about four round
   * trips, a few seconds on the worst satellite link, with room for SYN retransmissions). The
   * plugin waits 45 s (gorilla's DefaultDialer, §3.2); against a gateway that takes the connection
   * and never answers, each of resume's attempts then waited that long before the next one.
   */
  DIAL_TIMEOUT_MS: 20_000,
  /**
   * Longest wait for one ResumeSession attempt, below the 20 s of other AWS calls
   * (AWS_LIMITS.REQUEST_TIMEOUT_MS): a small control-plane call answered in well under a second,
   * made while the user waits on a frozen session, where a fresh attempt (the SDK retries a
   * timeout on a new connection) helps more than waiting longer on a stuck one.
   */
  RESUME_REQUEST_TIMEOUT_MS: 10_000,
  /**
   * The drop-in's (main/cli/plugin/session.ts) longest open or resume of the data channel, all its
   * attempts together (the attempts, their backoff and each one's ResumeSession and websocket
   * upgrade). The plugin makes its 6 attempts whatever they cost (§9), so a region where nothing
   * answers (the connection taken, then silence) held it 6 × 45 s, and us 6 × DIAL_TIMEOUT_MS,
   * over 2 minutes, before the drop-in said anything. A gateway that answers at all opens in a
   * second or two even on a slow link, and attempts that fail fast (refused, no route) all fit in
   * the backoff's ~3 s; past 30 s of silence the person at the prompt (or the ssh ProxyCommand
   * behind the drop-in) is better told that the region does not answer than kept waiting.
   * Only the drop-in sets it: the app's shells and forwards set no deadline and keep the plugin's
   * budget (6 × (RESUME_REQUEST_TIMEOUT_MS + DIAL_TIMEOUT_MS) plus backoff, about 3 minutes), so
   * a resume after a network that drops traffic for a while (a VPN reconnecting, Wi-Fi roaming)
   * still gets back a session AWS keeps for it, as the plugin would.
   */
  DROP_IN_DIAL_DEADLINE_MS: 30_000,
  /** Largest websocket message accepted: frames carry at most ~1 KB plus a 120-byte header, so
   *  1 MiB is generous, and far below ws's 100 MiB default that a hostile peer could make us hold. */
  MAX_PAYLOAD_BYTES: 1024 * 1024,
} as const;

/** Retry schedule for dialling and resuming (§9): the plugin's retryer. */
export const Backoff = {
  /** First delay before a retry, plus up to JITTER_MS of random spread. */
  INITIAL_DELAY_MS: 100,
  JITTER_MS: 100,
  /** Each attempt doubles the delay… */
  FACTOR: 2,
  /** …and starts over from the first delay when it would exceed this. */
  MAX_DELAY_MS: 5000,
  /** Attempts in total (the first plus 5 retries), like the plugin's 6 calls. */
  MAX_ATTEMPTS: 6,
} as const;

export type BackoffSchedule = { readonly [K in keyof typeof Backoff]: number };

/** Delay before attempt `attempt` (1-based; attempt 1 has no delay). */
export function backoffDelay(attempt: number, schedule: BackoffSchedule = Backoff, random: () => number = Math.random): number {
  if (attempt <= 1) return 0;
  let delay = schedule.INITIAL_DELAY_MS + random() * schedule.JITTER_MS;
  for (let i = 2; i < attempt; i++) {
    delay *= schedule.FACTOR;
    if (delay > schedule.MAX_DELAY_MS) delay = schedule.INITIAL_DELAY_MS + random() * schedule.JITTER_MS;
  }
  return delay;
}
