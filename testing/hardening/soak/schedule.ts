/**
 * Drives the sandbox's fault injection for a soak: a lossy link in both directions all the time,
 * the client's websocket killed every `killEveryMs`, and every `stallEveryMs` a stall of
 * `stallMs`: MGS pause_publication toward the client (§5) and, in both directions, every frame
 * sent during the stall held `stallMs` before delivery (frames after it queue behind, never
 * overtake). Knob changes keep what the shapers hold, so ending a stall loses nothing.
 * Kills are issued as actions so their count is exact.
 */
import type { FaultController, FaultSpecInput } from '../../../main/sandbox/gateway/index.js';

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
  /** Drop rate toward the client when it must differ from `link.drop` (to isolate a direction). */
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
    const delayMs = this.stalled ? this.options.stallMs : 0;
    this.faults.set(sessionId, { seed, toClient: { ...link, drop, delayMs }, toAgent: { ...link, delayMs }, actions });
  }
}
