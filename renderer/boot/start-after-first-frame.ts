// When boot.ts starts the app: once the page has drawn a frame (the static shell), or after a
// while without one. Timing only, so it can be tested without a page.

export const FIRST_FRAME = {
  /**
   * Start anyway after this long without a frame: a page that is not shown (a background tab, a
   * window not painted yet) gets no animation frames, and its app must still connect and load.
   * Longer than a frame under load, short beside the host's own start.
   */
  NO_FRAME_FALLBACK_MS: 250,
} as const;

/** The page's timers (window's in the page; a fake in tests). */
export interface FrameClock {
  requestAnimationFrame(callback: () => void): unknown;
  setTimeout(callback: () => void, ms: number): unknown;
}

/** Calls start once: in the task after the next frame is drawn, or after the fallback, whichever comes first. */
export function startAfterFirstFrame(start: () => void, clock: FrameClock): void {
  let started = false;
  const once = (): void => {
    if (started) return;
    started = true;
    start();
  };
  // An animation frame callback runs just before its frame is drawn; a task queued from it runs after.
  clock.requestAnimationFrame(() => clock.setTimeout(once, 0));
  clock.setTimeout(once, FIRST_FRAME.NO_FRAME_FALLBACK_MS);
}
