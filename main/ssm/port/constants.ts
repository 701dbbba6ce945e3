/** Tunables of client-side port sessions (protocol §8). */
export const PORT = {
  /** Largest PT 1 payload we send: the plugin's read size (§4.5), so MGS and agents see familiar frames. */
  MAX_PAYLOAD_BYTES: 1024,
  /**
   * Unacked + queued outgoing bytes above which we stop reading local sockets. Large enough to keep
   * the reliability window busy at loopback RTTs, small enough to bound memory per forward.
   */
  OUTGOING_HIGH_WATER_BYTES: 2 * 1024 * 1024,
  /** Resume reading local sockets once the backlog falls below this (hysteresis against flapping). */
  OUTGOING_LOW_WATER_BYTES: 512 * 1024,
  /** Client reads the agent's version against these (plugin rules: same component count, strictly greater). */
  MUX_ABOVE_AGENT_VERSION: '3.0.196.0',
  /** Agent versions above this turn smux keepalive off (when the client advertises > 1.2.331.0). */
  KEEPALIVE_OFF_ABOVE_AGENT_VERSION: '3.1.1511.0',
  /** Agents above this understand the TerminateSession flag in basic mode (§8.2 step 5). */
  TERMINATE_FLAG_ABOVE_AGENT_VERSION: '2.3.722.0',
  /** How long close() waits for the TerminateSession flag to be acknowledged before dropping the channel. */
  TERMINATE_ACK_WAIT_MS: 1_000,
  /** Poll period while close() waits for that ack: short next to the 100 ms resend tick. */
  CLOSE_POLL_MS: 10,
  /** Wait for HandshakeComplete after opening: above the agent's own 15 s handshake timeout (§6.3). */
  HANDSHAKE_READY_TIMEOUT_MS: 20_000,
  /**
   * Stream mode (SSH document): after the local side's EOF (a half-close the protocol cannot carry
   * to the agent), keep delivering the remote's output until the remote ends the session or sends
   * nothing for this long. It must outlast one lost reply frame: the agent resends after its RTO,
   * capped at 1 s, checked every 100 ms (§4.4), plus a round trip and the remote's own think time;
   * yet a remote that never answers should not hold a script or ProxyCommand much longer. 3 s.
   */
  STREAM_EOF_LINGER_MS: 3_000,
  /** The plugin's line on ConnectToPortError, kept as the user-facing reason (§8.3). */
  CONNECT_ERROR_TEXT: 'Connection to destination port failed, check SSM Agent logs.',
} as const;

/** AWS-managed port documents (§8.1). */
export const PortDocument = {
  PortForwarding: 'AWS-StartPortForwardingSession',
  PortForwardingToRemoteHost: 'AWS-StartPortForwardingSessionToRemoteHost',
  Ssh: 'AWS-StartSSHSession',
} as const;
export type PortDocumentName = (typeof PortDocument)[keyof typeof PortDocument];
