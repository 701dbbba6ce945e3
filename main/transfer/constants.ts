// Tunables of the file-transfer engine (issue 17). Data crosses a pty as base64 text, so every
// size here is about what a terminal, a remote shell and the data channel handle comfortably.

export const TRANSFER = {
  /**
   * Raw bytes per upload chunk. A multiple of 3 (base64 groups never straddle chunks) and of 57
   * (76-column lines, as base64(1) writes them): each chunk decodes on its own, and one `head -c`
   * per chunk keeps the remote's per-process cost small next to the data.
   */
  UPLOAD_CHUNK_BYTES: 57 * 1024 * 6,
  /** Base64 characters per line we send: the width coreutils and busybox write, far below any tty line limit. */
  LINE_CHARS: 76,
  /**
   * Upload chunks sent but not yet acknowledged by the remote loop. Enough to keep the data
   * channel busy across one round trip; bounded so a stalled remote never makes us buffer a file.
   */
  UPLOAD_WINDOW_CHUNKS: 4,
  /** Input frames queued in the data channel above which the upload waits (its own flow control). */
  MAX_PENDING_INPUT_FRAMES: 512,
  /** Poll period while the data channel drains queued input. */
  PENDING_POLL_MS: 5,
  /** Longest marker line we accept: markers carry a hash, a size or one error sentence. */
  MAX_MARKER_LINE: 4096,
  /** How long the remote shell may take to answer the tool probe (the agent waits 1 s before first output). */
  PROBE_TIMEOUT_MS: 30_000,
  /** After a cancel, how long an upload may take to reach a chunk boundary and clean up itself before its session is ended. */
  CANCEL_GRACE_MS: 5_000,
  /** Progress events at most this often (a CLI line or a UI bar needs no more). */
  PROGRESS_INTERVAL_MS: 200,
  /** Window over which bytes/s is averaged: smooth, yet a stall shows within seconds. */
  RATE_WINDOW_MS: 3_000,
  /** Terminal size of the transfer's own session (nothing is drawn; a wide line keeps the shell from wrapping our commands). */
  COLS: 500,
  ROWS: 24,
  /** gzip level both ways: level 1 keeps up with the channel and still shrinks text and logs several-fold. */
  GZIP_LEVEL: 1,
  /** Command ECS Exec runs for a transfer session. */
  ECS_COMMAND: '/bin/sh',
  /** Suffix of the temporary file beside the destination (plus a random nonce). */
  PART_SUFFIX: '.porthole-part',
  /** Bytes of random nonce in markers and temp names: never guessable from the typed command. */
  NONCE_BYTES: 8,
} as const;
