// Output for terminals nobody is looking at is parsed on a small shared budget instead of at
// full speed, one terminal per tick. The ack only follows parsing, so a hidden flood soon fills main's window and the
// session pauses (backpressure reaches the agent) rather than eight hidden floods starving the
// one visible terminal of frames. Showing a tab flushes what it holds. Typing comes first: for a
// short while after input to the visible terminal, hidden terminals parse nothing (INPUT_QUIET_MS).
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
  /**
   * A visible terminal given at least this much output since the last tick is flooding (16 KiB per
   * 25 ms is 640 KB/s: a prompt, an echo or a build log is far below it; `yes`, `cat` of a big file
   * or a runaway loop is above it).
   */
  FOREGROUND_FLOOD_BYTES: 16 * 1024,
  /**
   * While the visible terminal floods, hidden ones share this much per tick (~80 KB/s) instead of
   * BYTES_PER_TICK. The person is watching the flood: it gets the page's main thread, whose every
   * spare moment shortens the round trip that paces it (ack → main → next batch); hidden floods
   * then cost a quarter of what they do otherwise (`yes` above all, a scroll every 2 bytes). They
   * are slowed, never stopped: their remote programs keep running at ~10 KB/s each with 8 tabs (a
   * terminal that slow would pace them the same way), and what a hidden terminal holds when shown
   * is bounded by main's flow-control window (≤ 48 KiB), parsed at once on showing, so its
   * scrollback is still current within a frame or two (issue 16 §4: within 1 s).
   */
  BYTES_PER_TICK_BEHIND_FLOOD: 2 * 1024,
  /**
   * After input to the visible terminal, a tick due within this long waits until it has passed: the
   * keystroke's echo (its way to the shell and back, a few ms) and the frame that paints it then
   * find no hidden terminal's parsing ahead of them, as browsers run input and what follows it
   * before other work. Two frames at 60 Hz, issue 16 §2's bound for a keystroke's echo at p95.
   * A tick is held once, never longer than this, so typing without pause slows hidden terminals
   * (to TICK_MS / (TICK_MS + INPUT_QUIET_MS) of their share at worst) but never stops them, and
   * what they hold meanwhile stays within main's flow-control window (nothing is acked unparsed).
   */
  INPUT_QUIET_MS: 33,
} as const;

export interface BackgroundLimits {
  readonly tickMs: number;
  readonly bytesPerTick: number;
  readonly foregroundFloodBytes: number;
  readonly bytesPerTickBehindFlood: number;
  readonly inputQuietMs: number;
}

const DEFAULT_LIMITS: BackgroundLimits = {
  tickMs: BACKGROUND.TICK_MS,
  bytesPerTick: BACKGROUND.BYTES_PER_TICK,
  foregroundFloodBytes: BACKGROUND.FOREGROUND_FLOOD_BYTES,
  bytesPerTickBehindFlood: BACKGROUND.BYTES_PER_TICK_BEHIND_FLOOD,
  inputQuietMs: BACKGROUND.INPUT_QUIET_MS,
};

export interface Drainable {
  /** Writes queued output up to `budget` bytes; returns how many it wrote. */
  drain(budget: number): number;
  readonly hasPending: boolean;
}

export class BackgroundWriter {
  readonly #waiting = new Set<Drainable>();
  readonly #limits: BackgroundLimits;
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** Output visible terminals were given since the last tick (or since the ticks started). */
  #foregroundBytes = 0;
  /** When the person last typed into the visible terminal (performance.now()), or null. */
  #inputAt: number | null = null;
  /** The tick now scheduled was already held once for input: it runs when due, whatever is typed meanwhile. */
  #held = false;

  constructor(limits: Partial<BackgroundLimits> = {}) {
    this.#limits = { ...DEFAULT_LIMITS, ...limits };
  }

  wake(terminal: Drainable): void {
    this.#waiting.add(terminal);
    if (this.#timer !== null) return;
    this.#foregroundBytes = 0; // what the visible terminal got while no tick ran says nothing about now
    this.#timer = setTimeout(() => this.#tick(), this.#limits.tickMs);
  }

  forget(terminal: Drainable): void {
    this.#waiting.delete(terminal);
  }

  /** A visible terminal was given `bytes` of output to parse (it floods when that adds up to FOREGROUND_FLOOD_BYTES within a tick). */
  foreground(bytes: number): void {
    this.#foregroundBytes += bytes;
  }

  /** The person sent input to the visible terminal: hidden terminals wait INPUT_QUIET_MS before parsing more. */
  input(): void {
    this.#inputAt = performance.now();
  }

  #tick(): void {
    this.#timer = null;
    const hold = this.#inputHoldMs();
    if (hold > 0) {
      this.#held = true;
      this.#timer = setTimeout(() => this.#tick(), hold);
      return;
    }
    this.#held = false;
    const flooding = this.#foregroundBytes >= this.#limits.foregroundFloodBytes;
    this.#foregroundBytes = 0;
    let budget = flooding ? this.#limits.bytesPerTickBehindFlood : this.#limits.bytesPerTick;
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
    if (this.#waiting.size > 0) this.#timer = setTimeout(() => this.#tick(), this.#limits.tickMs);
  }

  /** How long the tick due now should wait for recent input's echo: 0 when there was none or this tick waited once already. */
  #inputHoldMs(): number {
    if (this.#held || this.#inputAt === null) return 0;
    const left = this.#inputAt + this.#limits.inputQuietMs - performance.now();
    return Math.min(Math.max(left, 0), this.#limits.inputQuietMs);
  }
}
