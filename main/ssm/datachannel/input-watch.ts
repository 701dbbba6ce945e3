// Is the gateway answering the input we sent? A gateway that goes silent with its TCP connection up
// is left, and the session resumed, only after the liveness check's bound (connection/liveness.ts,
// ~35 s after its last byte). Meanwhile keys typed into the session get no echo and no ack, and a
// person sees a frozen shell with no sign of why. This watch notices sooner, from what the channel
// knows for sure: input (input_stream_data) was sent and not acknowledged, and no ack at
// all arrived for a while. It only tells; it changes nothing on the wire (the input stays in the
// outgoing buffer, resent by the reliability layer and after a resume, so no key is lost).
//
// - Counted in ticks of the connection's own liveness timer (the data channel calls tick() from it),
//   not wall time: a stall of our own event loop (GC, a suspended laptop) counts as one tick, and
//   tests tick it by hand. No timer of its own: none before the channel opens, between connections
//   or after it closes.
// - Judged only while an answer could be read: connected, and reading not paused (flow control
//   toward the renderer stops reading the websocket, acks included; their absence proves nothing).
// - Any ack is an answer: a big paste draining over a slow uplink gets acks as it goes, so it never
//   shows; the wait starts over from the next tick after each.
// - Once shown, it is reported every tick (the number grows), and cleared (null) at once when an
//   ack arrives, the connection is left (resume's reconnecting state takes over), or reading pauses.
//
// Pure logic; the data channel supplies the state and takes the reports.
import { Liveness } from '../connection/liveness.js';

export const InputWait = {
  /**
   * Input unacknowledged this long, with no ack at all meanwhile, is shown as not answered. A live
   * gateway acks within a round trip (well under a second even on a satellite link), and a lost
   * frame is resent within the maximum RTO of 1 s (channel/constants.ts), so even two losses in a
   * row on a slow link are answered in about 3 s; 5 s is past that, while being well below the
   * ~35 s before the liveness check leaves a silent gateway, so the person knows for ~30 s of it.
   */
  UNANSWERED_AFTER_MS: 5_000,
} as const;

const UNANSWERED_TICKS = Math.ceil(InputWait.UNANSWERED_AFTER_MS / Liveness.TICK_MS);

export interface InputWatchActions {
  /** Input sent and not yet acknowledged (the outgoing buffer). */
  pending(): boolean;
  /** An answer could be read now: connected, reading not paused. */
  judging(): boolean;
  /**
   * How long the oldest unanswered input has waited with no ack at all (ms, a lower bound, at least
   * UNANSWERED_AFTER_MS), every tick while so; null once, when that is over.
   */
  report(waitingMs: number | null): void;
}

export class InputWatch {
  /** Input was pending at the last tick (the count below runs from that tick). */
  private counting = false;
  /** Ticks since then with input pending, judged, and no ack. */
  private ticks = 0;
  /** A wait was reported and not yet cleared. */
  private shown = false;

  constructor(private readonly actions: InputWatchActions) {}

  /** An ack arrived: the gateway answers. */
  acked(): void {
    this.reset();
  }

  /** Nothing can be judged for now (the connection was left, reading paused): a shown wait is cleared. */
  reset(): void {
    this.counting = false;
    this.ticks = 0;
    if (!this.shown) return;
    this.shown = false;
    this.actions.report(null);
  }

  /** One Liveness.TICK_MS tick of the connection's liveness timer. */
  tick(): void {
    if (!this.actions.judging() || !this.actions.pending()) return this.reset();
    if (!this.counting) {
      // Sent at most a tick ago: the count starts here, so what it reports is never more than the wait.
      this.counting = true;
      this.ticks = 0;
      return;
    }
    this.ticks++;
    if (this.ticks < UNANSWERED_TICKS) return;
    this.shown = true;
    this.actions.report(this.ticks * Liveness.TICK_MS);
  }
}
