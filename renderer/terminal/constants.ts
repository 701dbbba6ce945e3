// Tunables of the terminal view, each with the reason for its value.
export const TERMINAL = {
  /**
   * Acks go to main in multiples of this (VS Code's terminal acks every 5 000 characters): all whole
   * units parsed so far in one message, the rest after ACK_IDLE_MS. Must stay at or below main's
   * window less one batch (48 − 16 KiB, main/sessions/shells/constants.ts) or the room for the next
   * batch could wait for the idle timer; small, because an ack held back is window not used.
   */
  ACK_UNIT_BYTES: 4 * 1024,
  /** Leftover parsed bytes below a unit are acked this long after the first of them: hidden tabs parse a few KB per background tick, and acking each tick's share made acks outnumber output messages 2:1 (8 floods: 112 → 64 acks/s at 100 ms); a session whose renderer has parsed everything owes less than one unit, and its window is all room again when this fires. */
  ACK_IDLE_MS: 100,
  /** Fit after the pane stops resizing for this long: fitting on every frame of a drag reflows xterm needlessly. */
  FIT_DEBOUNCE_MS: 60,
  /** The remote hears the new size this long after the last local one: a separator drag refits many times, and each size sent makes the remote shell (and a full-screen app) redraw everything. */
  REMOTE_RESIZE_DEBOUNCE_MS: 150,
  /** Output that arrives before its tab's terminal exists (between open and its reply) is kept up to this much. */
  EARLY_BUFFER_MAX_BYTES: 1024 * 1024,
  /** Size sent with sessions.open before the terminal has measured its pane; fit corrects it right after. */
  DEFAULT_COLS: 80,
  DEFAULT_ROWS: 24,
  /**
   * No blinking cursor (VS Code's terminal default too). Blinking keeps the page producing frames —
   * xterm's DOM renderer blinks with an endless CSS animation, the WebGL one restarts its blink timer
   * on every key — and Chromium defers other tasks after a key press until the next frame is drawn
   * (its DeferRendererTasksAfterInput scheduling). The echo's websocket message then waited for that
   * frame and xterm drew it one frame later: keystroke → screen p50 27 ms against 4 ms without blink
   * (UI bench, headless Chromium, see bench/results/latest.md).
   */
  CURSOR_BLINK: false,
  /** Line height multiplier: 1.2 keeps box-drawing characters joined while leaving air between lines. */
  LINE_HEIGHT: 1.15,
} as const;
