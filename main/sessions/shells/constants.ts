// Tunables of the shell data plane (house style practices 3 and 4).

export const SHELLS = {
  /** Output is coalesced this long before it is sent: one IPC message per frame of screen time, not per agent frame. */
  COALESCE_MS: 5,
  /** A batch this big is sent at once: large enough to amortise IPC, small enough for xterm to parse in one go. */
  MAX_BATCH_BYTES: 256 * 1024,
  /** After a keystroke, output is sent without coalescing for this long so the echo is never delayed. */
  ECHO_WINDOW_MS: 30,
  /** Above this many unacknowledged bytes the session stops reading its websocket (renderer is behind). */
  HIGH_WATERMARK_BYTES: 1024 * 1024,
  /** Reading resumes below this; the renderer acks in units no larger than it. */
  LOW_WATERMARK_BYTES: 256 * 1024,
  /**
   * Output kept per session for a window that takes it over (reload, dropped web host link): about
   * a full-screen app's worth of redraws or several thousand lines of shell, and small enough that
   * dozens of tabs cost tens of MB at most.
   */
  SCROLLBACK_BYTES: 1024 * 1024,
  /**
   * When the retained output is trimmed, the cut moves forward to the next line start (or escape
   * sequence) within this many bytes, so a replay never begins inside a sequence or a character.
   */
  SAFE_CUT_SEARCH_BYTES: 4096,
  /** Inspector frames per session per second: a flood must not turn the control plane into a second data plane. */
  INSPECTOR_MAX_FRAMES_PER_SECOND: 200,
} as const;
