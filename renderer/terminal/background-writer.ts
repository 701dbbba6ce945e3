// Output for terminals nobody is looking at is parsed on a small shared budget instead of at
// full speed. The ack only follows parsing, so a hidden flood soon fills main's window and the
// session pauses (backpressure reaches the agent) rather than eight hidden floods starving the
// one visible terminal of frames. Showing a tab flushes what it holds.
export const BACKGROUND = {
  /** How often hidden terminals get to parse: small slices every other frame keep frames even; timers (not frames) so a minimised window still drains. */
  TICK_MS: 25,
  /**
   * Bytes all hidden terminals together may parse per tick (~320 KB/s). xterm syncs its scroll area
   * on every scrolled line, so `yes` costs far more per byte than its size suggests. UI bench, no GPU,
   * 3 runs each back to back: 64 KB/50 ms held a visible flood to 0.78 MB/s at frame p95 83 ms;
   * 8 KB/25 ms gave it 0.97 MB/s at p95 33 ms.
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
    // Round robin: each terminal gets an equal share; what one leaves goes to the next.
    const queue = [...this.#waiting];
    for (let i = 0; i < queue.length && budget > 0; i++) {
      const t = queue[i];
      if (t === undefined) continue;
      budget -= t.drain(Math.max(1, Math.floor(budget / (queue.length - i))));
      if (!t.hasPending) this.#waiting.delete(t);
    }
    if (this.#waiting.size > 0) this.#timer = setTimeout(() => this.#tick(), this.tickMs);
  }
}
