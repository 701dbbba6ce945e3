// Renderer flow control for one session: a sliding window of output bytes sent toward xterm and
// not yet parsed (acked). A message goes only when it fits the window, so every ack that frees
// a batch's room lets the next batch go at once, while xterm still parses the rest of the window;
// what does not fit waits in main (shell-output.ts), whose engine reading pauses once that read-ahead is full.
// Protocol acks are never involved: the engine keeps acking every frame it accepted (practice 4).
import { SHELLS } from './constants.js';

export interface FlowLimits {
  /** At most this much output is sent toward xterm and not yet acked (SHELLS.WINDOW_BYTES). */
  readonly window: number;
  /** Output waiting in main for the window's room beyond which the engine's reading pauses (SHELLS.READ_AHEAD_BYTES). */
  readonly readAhead: number;
}

export const DEFAULT_FLOW_LIMITS: FlowLimits = { window: SHELLS.WINDOW_BYTES, readAhead: SHELLS.READ_AHEAD_BYTES };

export class FlowControl {
  #unacked = 0;

  constructor(readonly limits: FlowLimits = DEFAULT_FLOW_LIMITS) {
    if (!(limits.window > 0)) throw new RangeError(`flow-control window ${limits.window} must be above 0`);
    if (!(limits.readAhead > 0)) throw new RangeError(`read-ahead ${limits.readAhead} must be above 0, or reading would pause for every message that waits`);
  }

  get unacked(): number {
    return this.#unacked;
  }

  /** Whether a message of `bytes` may go now without the window holding more than its size. */
  fits(bytes: number): boolean {
    return this.#unacked + bytes <= this.limits.window;
  }

  /** Bytes handed to the renderer. */
  sent(bytes: number): void {
    this.#unacked += bytes;
  }

  /** Bytes the renderer says it parsed. Over-acks (a stale renderer) clamp at zero. */
  acked(bytes: number): void {
    this.#unacked = Math.max(0, this.#unacked - bytes);
  }

  /** A fresh start (restart, reattach, close): nothing is owed. */
  reset(): void {
    this.#unacked = 0;
  }
}
