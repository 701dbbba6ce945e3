// Renderer flow control for one session: counts output bytes sent but not yet parsed by xterm
// and pauses the engine's reading above the high watermark, resuming below the low one.
// Protocol acks are never involved: the engine keeps acking every frame it accepted (practice 4).
import { SHELLS } from './constants.js';

export interface FlowControlHooks {
  pause(): void;
  resume(): void;
}

export interface Watermarks {
  readonly high: number;
  readonly low: number;
}

export class FlowControl {
  #unacked = 0;
  #paused = false;

  constructor(
    private readonly hooks: FlowControlHooks,
    private readonly marks: Watermarks = { high: SHELLS.HIGH_WATERMARK_BYTES, low: SHELLS.LOW_WATERMARK_BYTES },
  ) {
    if (marks.low >= marks.high) throw new RangeError(`low watermark ${marks.low} must be below high watermark ${marks.high}`);
  }

  get unacked(): number {
    return this.#unacked;
  }

  get paused(): boolean {
    return this.#paused;
  }

  /** Bytes handed to the renderer. */
  sent(bytes: number): void {
    this.#unacked += bytes;
    if (!this.#paused && this.#unacked > this.marks.high) {
      this.#paused = true;
      this.hooks.pause();
    }
  }

  /** Bytes the renderer says it parsed. Over-acks (a stale renderer) clamp at zero. */
  acked(bytes: number): void {
    this.#unacked = Math.max(0, this.#unacked - bytes);
    if (this.#paused && this.#unacked < this.marks.low) {
      this.#paused = false;
      this.hooks.resume();
    }
  }

  /** A fresh start (restart, reattach, close): nothing is owed and reading runs. */
  reset(): void {
    this.#unacked = 0;
    if (this.#paused) {
      this.#paused = false;
      this.hooks.resume();
    }
  }
}
