/**
 * Tunables of the emulated amazon-ssm-agent, each with the spec section it reproduces
 * (the SSM data-channel protocol notes).
 */
export const AGENT = {
  /** Agent version advertised when the registry entry carries none (§6.2; > 3.0.196.0 so clients pick mux). */
  DEFAULT_VERSION: '3.3.987.0',
  /** The shell output pump waits this long after starting the pty before its first read (§7.3). */
  SHELL_FIRST_OUTPUT_DELAY_MS: 1000,
  /** Largest stream payload the agent reads and sends at once (§4.5 StreamDataPayloadSize). */
  CHUNK_BYTES: 1024,
  /** The real agent sleeps 1 ms between reads; `faithful` pacing reproduces it (§7.3, §16). */
  FAITHFUL_PAUSE_MS: 1,
  /** How long the agent waits for the HandshakeResponse / challenge before failing (§6.3). */
  HANDSHAKE_TIMEOUT_MS: 15_000,
  /** On shell exit the agent waits at most this long for its output to be acked (§7.3). */
  CLOSE_DRAIN_MS: 2_000,
  /** Poll period while draining: small next to the 100 ms resend tick, so closing is prompt. */
  DRAIN_POLL_MS: 20,
  /** Clients at or above this version get smux mux mode (§8.1, agent rule `>=`). */
  MUX_MIN_CLIENT_VERSION: '1.1.70',
  /** Agents above this version have mux (the plugin's gate, §8.1); older emulated agents never mux. */
  MUX_MIN_AGENT_VERSION_EXCLUSIVE: '3.0.196.0',
  /** Agents above this version drop smux keepalive for new clients (the plugin's gate, §8.1). */
  KEEPALIVE_RULE_MIN_AGENT_VERSION_EXCLUSIVE: '3.1.1511.0',
  /** Clients strictly above this version get smux keepalive disabled (§8.1). */
  KEEPALIVE_OFF_ABOVE_CLIENT_VERSION: '1.2.331.0',
  /** Bytes of pending pump output above which the source (pty / socket) is paused: bounds memory. */
  PUMP_HIGH_WATER_BYTES: 256 * 1024,
  /**
   * A shell's pump stops reading its pty far sooner: the real agent reads 1024 bytes at a time
   * and keeps no queue, so after Ctrl-C only what the kernel already handed over is still sent
   * (the tty discards its own queue on the interrupt). A few reads' worth keeps the unpaced pump
   * busy while the pty is resumed.
   */
  SHELL_PUMP_HIGH_WATER_BYTES: 32 * 1024,
  /**
   * With `faithful` pacing the shell's pump holds no more than this before it stops reading the pty:
   * the real agent reads ≤ 1024 bytes, sends them and sleeps 1 ms (spec §7.3), so everything else a
   * flood wrote stays in the kernel, where the tty discards it on Ctrl-C. At 32 KiB the sandbox held
   * ~32 ms of paced output the real agent would not have, and sent it after the interrupt (UI bench:
   * 54–85 KB parsed after Ctrl-C against ≤ 64 KB wanted). Two chunks, so the pty is already resumed
   * and read again before the pump, sending one chunk a millisecond, runs out.
   */
  FAITHFUL_SHELL_PUMP_HIGH_WATER_BYTES: 2 * 1024,
  /** Terminal size until the client's first Size message arrives (§7.2 fallback). */
  DEFAULT_COLS: 80,
  DEFAULT_ROWS: 24,
  /** Customer message in HandshakeComplete for encrypted sessions (§6.4). */
  KMS_CUSTOMER_MESSAGE: 'This session is encrypted using AWS KMS.',
  /** Random bytes in the KMSEncryption Challenge (§6.2) and the encryption challenge (§6.5). */
  HANDSHAKE_CHALLENGE_BYTES: 16,
  ENC_CHALLENGE_BYTES: 64,
} as const;

/** How the agent spaces its stream messages (issue 3 part 4). */
export type PacingMode = 'faithful' | 'unpaced';
