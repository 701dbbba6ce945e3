// Tunables of the shell data plane (house style practices 3 and 4).

export const SHELLS = {
  /**
   * Output is coalesced this long before it is sent: one IPC message per frame of screen time, not
   * per agent frame. Right after flow control resumes reading, xterm is running dry: output then goes
   * at the end of a read's tick once RESUME_SEND_MIN_BYTES wait (output-batcher.ts).
   */
  COALESCE_MS: 5,
  /**
   * A batch this big is sent at once. Small, because each batch may overshoot the high watermark
   * by its size: 16 KiB is still ~600 messages/s at 10 MB/s, far from what the websocket or a
   * MessagePort can carry, and xterm parses it in about a millisecond.
   */
  MAX_BATCH_BYTES: 16 * 1024,
  /**
   * Right after flow control resumes reading, output goes at the end of a read's tick once this much
   * waits (before that, after COALESCE_MS as usual). The first read after a resume often holds one
   * agent frame (~1 KiB): sent alone, half the showing tab's messages in an unpaced flood were that
   * (8-tab UI bench: 448 of 1109), each costing the page a message task and an ack for a 20th of a
   * millisecond of parsing. 8 KiB is the room a resume opens (high minus low watermark), and at
   * flood rates arrives within a millisecond or two.
   */
  RESUME_SEND_MIN_BYTES: 8 * 1024,
  /**
   * After a keystroke, its echo (the next output) is sent at once, and later output for this long at
   * the end of the tick it arrives in rather than after COALESCE_MS: a command's output is never
   * held, yet the frames of one socket read go as one message, not one each.
   */
  ECHO_WINDOW_MS: 30,
  /**
   * Above this many bytes sent to the window and not yet parsed by its xterm, the session stops
   * reading its websocket, and what the engine had already read waits in main (managed-shell.ts):
   * at most this plus one batch (48 KiB) of live output is ever on its way to xterm (when the
   * session ends, what waits goes at once, ahead of the closed status). That is output still to come
   * after a Ctrl-C when xterm is the bottleneck (issue 16 §4: ≤ 64 KB after the key), so it is kept
   * small, like VS Code's terminal (100 000 characters).
   */
  HIGH_WATERMARK_BYTES: 32 * 1024,
  /**
   * Reading resumes below this. Three quarters of the high mark, so the renderer still holds a
   * batch to parse while the resume travels (ack → main → engine read → next batch → renderer):
   * at a quarter, a paused flood resumed only once xterm had parsed nearly everything, and the
   * visible tab sat idle for every round trip (8-tab unpaced UI bench: the page's queue ran dry
   * before each batch). The renderer acks in multiples of a unit below it (renderer/terminal/
   * constants.ts ACK_UNIT_BYTES) and its leftovers after ACK_IDLE_MS, or a paused session would
   * never resume.
   */
  LOW_WATERMARK_BYTES: 24 * 1024,
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
