/** Tunables and close codes of the sandbox's message gateway (the MGS stand-in). */

export const GATEWAY = {
  /** URL path prefix of data channels (§3.1): /v1/data-channel/<sessionId>. */
  PATH_PREFIX: '/v1/data-channel/',
  /** How long a new websocket may take to send its OpenDataChannel text frame (§3.3). */
  OPEN_TIMEOUT_MS: 10_000,
  /** Largest OpenDataChannel frame accepted: a token plus a few UUIDs fit easily. */
  MAX_OPEN_FRAME_BYTES: 16 * 1024,
  /** Pause the agent's pumps while the websocket holds more unsent bytes than this (§5 backpressure). */
  WS_HIGH_WATER_BYTES: 1024 * 1024,
  /**
   * …and while more than this many bytes of its output are unacknowledged (MGS pausing a fast
   * agent). Everything in flight is queueing delay: at 8 MB a busy client saw round trips near
   * the 1 s RTO cap (spurious resends, Ctrl-C output draining for seconds); 1 MB still covers
   * many round trips of a loopback client, so it costs no throughput.
   */
  UNACKED_HIGH_WATER_BYTES: 1024 * 1024,
  /**
   * …and while the agent is this many frames ahead of the oldest one the client has not acked.
   * A client buffers at most 10,000 frames past a missing one (the plugin and Porthole, §4.5) and
   * drops the rest unacked; with frames lost on the link, a fast agent filled that in ~0.1 s and
   * the dropped tail then came back at the agent's one resend per 100 ms tick (§4.4) — tens of
   * seconds of stalled output. Staying inside the client's buffer, a lost frame costs at most a
   * resend, never a tail. Below 10,000 so acks in flight cannot push a frame past it.
   */
  SEQ_WINDOW_FRAMES: 8_000,
  /** Poll period while flow-paused: short next to the 100 ms resend tick. */
  FLOW_POLL_MS: 10,
  /**
   * Once paused by one of the three limits above, the pumps resume when every measure is back
   * under this share of its limit, not at the first ack under it. At the limit each ack freed one
   * frame, so a busy forward woke the pumps once per ack (a promise round and a timer each, about
   * a tenth of the sandbox's CPU in a forward echo); from three quarters they send a quarter of
   * the window per wake-up, and the window stays well filled.
   */
  FLOW_RESUME_FRACTION: 0.75,
  /** Delay between channel_closed and the websocket Close, so the frame is read first (§12.3). */
  CLOSE_AFTER_CHANNEL_CLOSED_MS: 100,
  /** How long an ended session's host is kept to tell a returning client channel_closed. */
  ENDED_HOST_TTL_MS: 10 * 60 * 1000,
  /** Largest websocket message accepted from a client (a 1 KB payload frame is ~1.2 KB). */
  MAX_PAYLOAD_BYTES: 16 * 1024 * 1024,
} as const;

/**
 * Websocket close codes the gateway uses. Real MGS behaviour on a bad token is unknown (§14),
 * so these are the sandbox's own, in the application range 4000–4999, with a reason text.
 */
export const CloseCode = {
  /** channel_closed was sent; the session is over. */
  Normal: 1000,
  /** The sandbox is shutting down. */
  GoingAway: 1001,
  /** An unexpected gateway error while opening (a bug): only this socket is closed. */
  InternalError: 1011,
  /** Malformed or missing OpenDataChannel frame (binary before it, bad JSON, missing TokenValue). */
  BadOpenRequest: 4400,
  /** TokenValue does not match the session's current token. */
  InvalidToken: 4401,
  /** TokenValue matched but has expired. */
  ExpiredToken: 4403,
  /** No session with that id. */
  UnknownSession: 4404,
  /** No OpenDataChannel frame within GATEWAY.OPEN_TIMEOUT_MS. */
  OpenTimeout: 4408,
  /** A newer connection for the same session replaced this one. */
  Superseded: 4409,
  /** The session was terminated. */
  SessionTerminated: 4410,
} as const;
export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];
