// Is the far end of the data channel still there? A gateway can go silent with the TCP connection
// up (a hung MGS node, a proxy or NAT that dropped the flow without a reset): no frames, no acks,
// no pongs, and no error either. The plugin never notices (§3.4: a ping every 5 minutes, no pong
// handler, no read deadline; its only limit is the ~5-minute resend give-up of §4.4, which ends the
// session rather than reconnecting). This check hands such a connection to resume (§9) within
// Liveness.PROBE_AFTER_QUIET_MS + Liveness.DEAD_AFTER_UNANSWERED_MS when the gateway answers pings
// (+ KEEPALIVE_MS instead of the latter when it was never seen to), and never on a slow link that
// is still alive:
//
// - Anything received (a frame, an ack, a pong, a ping) is proof of life; only when nothing came
//   for a while is the peer probed with a ping.
// - Whether the gateway answers our pings at all is not documented (the spec only says the plugin
//   answers the server's, and the captured transcripts show no pong), so the short limit
//   (DEAD_AFTER_UNANSWERED_MS) applies only once a pong was seen on this connection: that peer is
//   known to answer, and an unanswered probe means it is gone. Until then a probe may stay
//   unanswered for the whole KEEPALIVE_MS, the rule of the 5-minute keepalive before this check,
//   so a gateway that never pongs is not left (and resumed) every ~35 s of idleness.
// - The probe is judged only while it could have been answered: while our own unsent bytes are
//   draining (a big paste on a slow uplink holds the ping behind them, and the drain itself shows
//   the peer is reading) the wait starts over; and nothing is judged while reading is paused
//   (flow control), when a pong could not be read anyway.
// - Silence is counted in ticks of the timer, not wall time, so a stall of our own event loop (a
//   GC pause, a suspended laptop) counts as one tick: the data that arrived meanwhile is read
//   before the next one.
//
// Pure logic; the socket (socket.ts) supplies the ping, the backlog and the end.
import { Connection } from './constants.js';

/** A repeating timer: calls `tick` every `periodMs` until stopped. Tests drive one by hand. */
export type PeriodicTimer = (tick: () => void, periodMs: number) => { stop(): void };

/** setInterval, not keeping the process alive on its own (the drop-in exits when its session ends). */
export const intervalTimer: PeriodicTimer = (tick, periodMs) => {
  const timer = setInterval(tick, periodMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
};

export const Liveness = {
  /**
   * Period of the check. Every other limit is a whole number of these; one second is fine enough
   * for limits in tens of seconds and costs nothing.
   */
  TICK_MS: 1000,
  /**
   * Receive nothing for this long and the peer is pinged. Short enough for the bound below; long
   * enough that a session with traffic never pings, and an idle one pings about 4 times a minute
   * (a few bytes; the agent itself pings MGS every 54 s, §3.4). Pings are websocket control frames,
   * not data-channel messages, so they do not defeat Session Manager's idle timeout.
   */
  PROBE_AFTER_QUIET_MS: 15_000,
  /**
   * A ping on the wire this long with nothing at all received since (and our own backlog not
   * draining) means the peer is gone, once this peer has answered a ping before (pongSeen). A live gateway answers a ping within a round trip, plus the
   * time to drain what sits in the kernel's send buffer ahead of it: 20 s covers a badly
   * bufferbloated uplink. Together with the probe delay: a silent gateway is left, and resume
   * starts, about 35 s after its last byte, instead of the 5–10 minutes of a 5-minute ping.
   */
  DEAD_AFTER_UNANSWERED_MS: 20_000,
  /**
   * A ping at least this often whatever the traffic (the plugin's keepalive, §3.4), also while
   * reading is paused, when nothing is judged but middleboxes should still see the flow alive.
   */
  KEEPALIVE_MS: Connection.PING_INTERVAL_MS,
} as const;

export interface LivenessActions {
  /** Send one websocket ping. */
  ping(): void;
  /** Bytes we wrote that have not reached the kernel yet (ws.bufferedAmount and the like). */
  backlog(): number;
  /** The peer is gone: end the connection. `silentMs`: how long nothing was heard, in ticks. */
  dead(silentMs: number): void;
  /**
   * Each tick while the check runs, before its own work: what else needs a 1 s tick per connection
   * (the data channel's input watch) rides on this timer instead of keeping one of its own.
   */
  tick?(): void;
}

const ticks = (ms: number): number => Math.ceil(ms / Liveness.TICK_MS);
const PROBE_TICKS = ticks(Liveness.PROBE_AFTER_QUIET_MS);
const DEAD_TICKS = ticks(Liveness.DEAD_AFTER_UNANSWERED_MS);
const KEEPALIVE_TICKS = ticks(Liveness.KEEPALIVE_MS);

/** At most this many ticks pass between the last byte from a silent peer and `dead`, once it ponged. */
export const SILENCE_BOUND_TICKS = PROBE_TICKS + DEAD_TICKS + 1;
/** The same for a peer never seen to pong: its probe may go unanswered for the keepalive interval. */
export const NO_PONG_SILENCE_BOUND_TICKS = PROBE_TICKS + KEEPALIVE_TICKS + 1;

export class LivenessCheck {
  /** Something arrived since the last tick. */
  private heardSinceTick = false;
  /** Ticks in a row with nothing received. */
  private quietTicks = 0;
  /** A ping is out and nothing has been received since it was sent. */
  private probing = false;
  /** Ticks the probe has waited without an answer or our backlog draining. */
  private unansweredTicks = 0;
  private ticksSincePing = 0;
  private lastBacklog = 0;
  private paused = false;
  /** A pong was seen on this connection (pongSeen): an unanswered probe is judged by DEAD_TICKS. */
  private answersPings = false;
  private readonly timer: { stop(): void };
  private stopped = false;

  /** Pings once at once, as the plugin does right after opening (§3.4), then checks every tick. */
  constructor(private readonly actions: LivenessActions, timer: PeriodicTimer = intervalTimer) {
    this.ping();
    this.timer = timer(() => this.tick(), Liveness.TICK_MS);
  }

  /** Anything at all was received: a probe that was out is answered. */
  heard(): void {
    this.heardSinceTick = true;
    this.probing = false;
  }

  /** A pong was received: this peer answers pings, so the short limit applies from now on. */
  pongSeen(): void {
    this.answersPings = true;
    this.heard();
  }

  /** Reading stopped (flow control): replies cannot be read, so their absence proves nothing. */
  pause(): void {
    this.paused = true;
  }

  /** Reading again: what waited is read now, and the peer gets a fresh interval from here. */
  resume(): void {
    this.paused = false;
    this.heardSinceTick = false;
    this.quietTicks = 0;
    this.probing = false;
  }

  /** The connection ended. Idempotent. */
  stop(): void {
    this.stopped = true;
    this.timer.stop();
  }

  private tick(): void {
    if (this.stopped) return;
    this.actions.tick?.();
    if (this.stopped) return; // the tick's other work may have ended the connection
    this.ticksSincePing++;
    const backlog = this.actions.backlog();
    const draining = backlog < this.lastBacklog;
    this.lastBacklog = backlog;
    if (this.paused) {
      if (this.ticksSincePing >= KEEPALIVE_TICKS) this.ping();
      return;
    }
    if (this.heardSinceTick) {
      this.heardSinceTick = false;
      this.quietTicks = 0;
    } else {
      this.quietTicks++;
    }
    if (!this.probing) {
      if (this.quietTicks >= PROBE_TICKS) {
        this.ping();
        this.probing = true;
        this.unansweredTicks = 0;
      } else if (this.ticksSincePing >= KEEPALIVE_TICKS) {
        this.ping();
      }
      return;
    }
    this.unansweredTicks = draining ? 0 : this.unansweredTicks + 1;
    if (this.unansweredTicks >= (this.answersPings ? DEAD_TICKS : KEEPALIVE_TICKS)) {
      this.stop();
      this.actions.dead(this.quietTicks * Liveness.TICK_MS);
    }
  }

  private ping(): void {
    this.ticksSincePing = 0;
    this.actions.ping();
  }
}
