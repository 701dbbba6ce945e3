/** Tunables of the smux v1 layer (protocol §8.3). Both plugin and agent use smux's defaults. */
export const SMUX = {
  /** Protocol version carried in every frame; v1 is what plugin and agent configure (§8.3). */
  VERSION: 1,
  /** Fixed header: version, cmd, uint16 LE length, uint32 LE stream id. */
  HEADER_SIZE: 8,
  /** PSH payloads are split at this size, as smux's default MaxFrameSize does. */
  MAX_FRAME_SIZE: 32_768,
  /** UPD frames (v2) carry consumed + window, two uint32 LE; parsed even in v1. */
  UPD_BODY_SIZE: 8,
  /** First client stream id is 3: the counter starts at 1 and is advanced by 2 before use. */
  FIRST_CLIENT_STREAM_ID: 3,
  /** Server-opened ids are even, starting at 2 (the agent never opens any). */
  FIRST_SERVER_STREAM_ID: 2,
  /** NOP cadence when keepalive is on: smux's default KeepAliveInterval. */
  KEEPALIVE_INTERVAL_MS: 10_000,
  /** Dead-peer check when keepalive is on: smux's default KeepAliveTimeout. */
  KEEPALIVE_TIMEOUT_MS: 30_000,
  /**
   * Received-but-unread bytes one stream may hold before the session stops taking input. v1 has
   * no per-stream window, so a slow reader can only be absorbed by buffering; past this the whole
   * session pauses (the data channel answers "not ready" and the agent resends later). Per stream,
   * unlike smux's session-wide 4 MiB bucket, so one slow reader stalls the others only this late.
   */
  STREAM_RECEIVE_LIMIT: 4 * 1024 * 1024,
  /**
   * A paused session resumes once every stream is below this share of its limit (and the session
   * below this share of its own). Not at the limit itself, which flapped pause/resume with every
   * read; not at empty (the old behaviour: a pipe's `_read` only runs near empty), which left the
   * reader idle for a round trip while the peer's frames came back: the refill has half a
   * buffer (2 MiB) of reading to overlap with.
   */
  RESUME_FRACTION: 0.5,
  /** Bound for the whole session, so many slow readers cannot grow memory without limit. */
  SESSION_RECEIVE_LIMIT: 32 * 1024 * 1024,
  /**
   * A PSH frame read whole from one transport chunk is a view of that chunk, and through it of
   * the buffer under it (a 64 KB slab, or the socket read itself when the data channel lends its
   * payloads). A stream may hold it for as long as its reader is slow, up to the receive limits:
   * data smaller than 1/PIN_RATIO of the buffer it would pin is copied first, so what streams
   * hold costs at most PIN_RATIO times its size (frames split over chunks are joined into a
   * buffer of their own anyway).
   */
  PIN_RATIO: 8,
} as const;

/** Frame commands (§8.3). */
export const SmuxCmd = {
  SYN: 0,
  FIN: 1,
  PSH: 2,
  NOP: 3,
  UPD: 4,
} as const;
export type SmuxCmd = (typeof SmuxCmd)[keyof typeof SmuxCmd];
