// Output for terminals nobody is looking at is parsed on a small shared budget instead of at
// full speed, one terminal per tick. The ack only follows parsing, so a hidden flood soon fills main's window and the
// session pauses (backpressure reaches the agent) rather than eight hidden floods starving the
// one visible terminal of frames. Showing a tab flushes what it holds.
export const BACKGROUND = {
  /** How often hidden terminals get to parse: small slices every other frame keep frames even; timers (not frames) so a minimised window still drains. */
  TICK_MS: 25,
  /**
   * Bytes all hidden terminals together may parse per tick (~320 KB/s), given to one terminal at a
   * time. xterm syncs its scroll area on every scrolled line, so `yes` costs far more per byte than
   * its size suggests. UI bench, no GPU, 3 runs each back to back: 64 KB/50 ms held a visible flood
   * to 0.78 MB/s at frame p95 83 ms; 8 KB/25 ms gave it 0.97 MB/s at p95 33 ms.
   * One at a time, because a hidden terminal that scrolled redraws all its rows in the next frame:
   * xterm 6's selection service asks for a redraw on every scroll, and that request reaches the
   * renderer even while xterm has paused rendering for a terminal out of view (xtermjs/xterm.js
   * issue 4633); out of the document, every glyph is measured again (widths of 0 are not cached).
   * With 8 hidden floods each written every tick, that redraw was 16 % of the page's main thread
   * (CPU profile: WidthCache._measure, createRow, replaceChildren under handleSelectionChanged).
   */
  BYTES_PER_TICK: 8 * 1024,
} as const;

export interface Drainable {
  /** Writes queued output up to `budget` bytes; returns how many it wrote. */
  drain(budget: number): number;
  readonly hasPending: boolean;
}

export class BackgroundWriter {
  readonly #waiting = new Set<Drainable>();
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly tickMs: number = BACKGROUND.TICK_MS,
    private readonly bytesPerTick: number = BACKGROUND.BYTES_PER_TICK,
  ) {}

  wake(terminal: Drainable): void {
    this.#waiting.add(terminal);
    this.#timer ??= setTimeout(() => this.#tick(), this.tickMs);
  }

  forget(terminal: Drainable): void {
    this.#waiting.delete(terminal);
  }

  #tick(): void {
    this.#timer = null;
    let budget = this.bytesPerTick;
    // One terminal at a time gets the whole budget, in turn (what it leaves goes to the next): a
    // terminal written in a tick costs a full redraw in the next frame whatever the byte count
    // (BACKGROUND.BYTES_PER_TICK), so serving one per tick costs a fraction of serving all.
    while (budget > 0 && this.#waiting.size > 0) {
      const t = this.#waiting.values().next().value;
      if (t === undefined) break;
      const wrote = t.drain(budget);
      budget -= wrote;
      this.#waiting.delete(t);
      if (t.hasPending) this.#waiting.add(t); // to the back of the line
      if (wrote === 0) break; // nothing to write after all: never spin
    }
    if (this.#waiting.size > 0) this.#timer = setTimeout(() => this.#tick(), this.tickMs);
  }
}
