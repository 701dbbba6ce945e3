// Tunables of the shell data plane (house style practices 3 and 4).

export const SHELLS = {
  /** Output is coalesced this long before it is sent: one IPC message per frame of screen time, not per agent frame. */
  COALESCE_MS: 5,
  /**
   * A batch this big is sent at once. Small, because the window refills a batch at a time (a batch
   * goes once its room is acked): 16 KiB is still ~600 messages/s at 10 MB/s, far from what the
   * websocket or a MessagePort can carry, and xterm parses it in about a millisecond.
   */
  MAX_BATCH_BYTES: 16 * 1024,
  /**
   * After a keystroke, its echo (the next output) is sent at once, and later output for this long at
   * the end of the tick it arrives in rather than after COALESCE_MS: a command's output is never
   * held, yet the frames of one socket read go as one message, not one each.
   */
  ECHO_WINDOW_MS: 30,
  /**
   * At most this much output is on its way to an xterm (sent and not yet acked as parsed): a
   * message goes only when it fits, so each ack that frees a batch's room lets the next batch go at
   * once while xterm still parses the rest (a sliding window). That, with READ_AHEAD_BYTES, is the
   * output still to come after a Ctrl-C when xterm is the bottleneck (issue 16 §4: ≤ 64 KB after the
   * key), so it is kept small, like VS Code's terminal (100 000 characters). Three batches, the
   * 48 KiB the window always was: under watermarks (pause above 32 KiB, resume below 24) it refilled
   * only once two thirds had been parsed, leaving one batch to cover the whole round trip (ack →
   * web host → engine read → next batch → page), and the showing tab's xterm sat idle 66 % of the
   * time in the 8-tab unpaced UI bench.
   */
  WINDOW_BYTES: 48 * 1024,
  /**
   * Output that does not fit the window waits in main, and the session stops reading its websocket
   * once this much waits (resuming below it): a refill after an ack then comes from main at once,
   * never waiting for the engine to read and batch. One batch, so the window plus what waits is
   * 64 KiB, issue 16 §4's bound for output after a Ctrl-C (main sends what it holds; what the engine
   * had already read when reading paused comes on top, as it always did).
   */
  READ_AHEAD_BYTES: 16 * 1024,
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
  /**
   * Input typed while a session (re)launches is held for its engine up to this much: keys typed in
   * the seconds a launch takes are a few hundred bytes, a pasted script a few KiB; more than this
   * is refused with an error the window is told, never held without bound for a launch that may fail.
   */
  LAUNCH_INPUT_MAX_BYTES: 64 * 1024,
  /** Inspector frames per session per second: a flood must not turn the control plane into a second data plane. */
  INSPECTOR_MAX_FRAMES_PER_SECOND: 200,
} as const;
