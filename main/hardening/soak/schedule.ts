/**
 * Drives the sandbox's fault injection for a soak: a lossy link in both directions all the time,
 * the client's websocket killed every `killEveryMs`, and every `stallEveryMs` a stall of
 * `stallMs`: MGS pause_publication, then start_publication (§5), so the client holds its frames.
 * The stall does not also delay frames toward the client: changing a session's knobs rebuilds
 * its shapers and drops whatever they hold, so ending a 300 ms delay would lose 300 ms of output
 * at once (a burst the agent's one-frame-per-RTO resend takes minutes to repair). Kills are
 * issued as actions rather than `killSocketEveryMs`, which re-applying a spec would restart.
 */
import type { FaultController, FaultSpecInput } from '../../sandbox/gateway/index.js';

export interface LinkFaults {
  readonly drop: number;
  readonly duplicate: number;
  readonly reorderWindow: number;
}

export interface FaultScheduleOptions {
  readonly link: LinkFaults;
  readonly killEveryMs: number;
  readonly stallEveryMs: number;
  readonly stallMs: number;
  readonly seed: number;
  /**
   * Drop rate toward the client when it must differ from `link.drop`. The agent resends only its
   * oldest unacked frame, once per RTO (§4.4), so sustained loss toward the client above a few
   * frames per second outruns it: long runs lower this one knob and say so in their report.
   */
  readonly dropToClient?: number;
}

export interface FaultScheduleStats {
  kills: number;
  stalls: number;
}

export class FaultSchedule {
  readonly stats: FaultScheduleStats = { kills: 0, stalls: 0 };
  private readonly sessions = new Set<string>();
  private readonly timers: NodeJS.Timeout[] = [];
  private stalled = false;

  constructor(
    private readonly faults: FaultController,
    private readonly options: FaultScheduleOptions,
  ) {}

  /** Puts a session under the schedule (its lossy link applies at once). */
  add(sessionId: string): void {
    this.sessions.add(sessionId);
    this.apply(sessionId, []);
  }

  /** Takes a session out of the schedule and clears its faults (before it is ended on purpose). */
  remove(sessionId: string): void {
    if (this.sessions.delete(sessionId)) this.faults.set(sessionId, {});
  }

  start(): void {
    this.timers.push(
      setInterval(() => {
        this.stats.kills++;
        for (const id of this.sessions) this.apply(id, [{ do: 'kill-socket' }]);
      }, this.options.killEveryMs),
      setInterval(() => this.stall(), this.options.stallEveryMs),
    );
  }

  /** Stops injecting and clears every session's faults, so the transfers can finish cleanly. */
  stop(): void {
    for (const t of this.timers.splice(0)) clearInterval(t);
    for (const id of this.sessions) this.faults.set(id, {});
    this.sessions.clear();
  }

  private stall(): void {
    if (this.stalled) return;
    this.stalled = true;
    this.stats.stalls++;
    for (const id of this.sessions) this.apply(id, [{ do: 'pause-publication' }]);
    const end = setTimeout(() => {
      this.stalled = false;
      for (const id of this.sessions) this.apply(id, [{ do: 'start-publication' }]);
    }, this.options.stallMs);
    this.timers.push(end);
  }

  private apply(sessionId: string, actions: NonNullable<FaultSpecInput['actions']>): void {
    const { link, seed } = this.options;
    const drop = this.options.dropToClient ?? link.drop;
    this.faults.set(sessionId, { seed, toClient: { ...link, drop }, toAgent: { ...link }, actions });
  }
}
