/**
 * Keeps what the user is looking at live: every window tells main which tree nodes it has open
 * and whether it is shown (contract `inventory.watch`); on an interval, each open region (its
 * clusters, and its instances' SSM agent status) and each open cluster (its services, tasks and
 * containers) is described again at background priority, and only what changed is sent as
 * `changed` (Inventory.poll). Nothing is asked for closed nodes, for hidden windows, for a node
 * whose load is in flight, or while the previous round is still going; a failure (throttling, say)
 * keeps the tree as it was and makes that region wait longer before its next poll.
 */
import { nodeId, parseNodeId } from './node-ids.js';

export const LIVE_TREE = {
  /**
   * Between two polls of an open node. ECS replaces a stopped service task within seconds to a
   * minute and SSM reports a lost agent after minutes, so 30 s shows either while it matters; a
   * cluster's poll costs about four calls, so ten open clusters poll at ~1.3 calls/s, well under
   * the ~20/s ECS read bucket an account shares with the console, CI and other tools.
   */
  INTERVAL_MS: 30_000,
  /**
   * Each wait is the interval ± this fraction, drawn anew: windows, hosts and regions that opened
   * together do not keep polling in the same instant (nor in step with other tools' fixed polls).
   */
  JITTER: 0.2,
  /**
   * A region whose poll failed waits 2, 4, then 8 intervals (4 min) before its next: a throttled
   * account gets time for its bucket to refill, and a recovered one is live again within minutes.
   */
  MAX_BACKOFF_FACTOR: 8,
} as const;

/** Where time comes from; tests drive it by hand (testing/aws/inventory/manual-scheduler.ts). */
export interface LiveScheduler {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** A number in [0, 1) for the jitter. */
  random(): number;
  /** Epoch milliseconds now: when a branch was last listed (the tree's stale marks say it). */
  now(): number;
}

export const realScheduler: LiveScheduler = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  random: () => Math.random(),
  now: () => Date.now(),
};

/** Told of each open node the round could not refresh: its poll failed, or its region's did (this round or one it backs off from). */
export type PollFailed = (id: string, error: unknown) => void;

/** Re-describes one open region or cluster: `skipped` when it is not loaded or its load is in flight; throws on failure. */
export type PollNode = (id: string) => Promise<'polled' | 'skipped'>;

export interface LiveTreeOptions {
  /** Between polls (default LIVE_TREE.INTERVAL_MS); the web test host shortens it. */
  readonly intervalMs?: number;
  readonly scheduler?: LiveScheduler;
}

interface Watcher {
  readonly ids: readonly string[];
  readonly visible: boolean;
}

/** The node a poll of `id` re-describes: services, tasks and containers all come from their cluster's listing. */
function pollTarget(id: string): string | undefined {
  const p = parseNodeId(id);
  if (p === undefined) return undefined;
  if (p.kind === 'region') return id;
  if (p.kind === 'cluster' || p.kind === 'service' || p.kind === 'task' || p.kind === 'container') return nodeId.cluster(p.profile, p.region, p.rest[0] ?? '');
  return undefined; // profiles list configured regions (no AWS call); instances have no children
}

const regionKey = (id: string): string => {
  const p = parseNodeId(id);
  return p === undefined ? id : `${p.profile}|${p.region}`;
};

export class LiveTree {
  private readonly watchers = new Map<string, Watcher>();
  /**
   * Per region (`profile|region`): failures in a row, the first round that may poll it again, the
   * clock time it backs off until (rounds stop while no window is shown), and the latest error.
   */
  private readonly backoff = new Map<string, { failures: number; fromRound: number; until: number; error: unknown }>();
  private timer: unknown = undefined;
  private running: Promise<void> | undefined = undefined;
  private stopped = false;
  private readonly intervalMs: number;
  private readonly clock: LiveScheduler;
  /** Rounds run so far (tests wait on it). */
  rounds = 0;

  constructor(private readonly poll: PollNode, opts: LiveTreeOptions = {}, private readonly failed: PollFailed = () => undefined) {
    this.intervalMs = opts.intervalMs ?? LIVE_TREE.INTERVAL_MS;
    this.clock = opts.scheduler ?? realScheduler;
  }

  /** A window's open nodes and whether it is shown; replaces what it said before. */
  watch(client: string, ids: readonly string[], visible: boolean): void {
    this.watchers.set(client, { ids: [...ids], visible });
    this.schedule();
  }

  /** A window went away. */
  unwatch(client: string): void {
    this.watchers.delete(client);
    this.schedule();
  }

  /**
   * A load of `id` (a region or cluster) answered outside the poll (the user's refresh or expand):
   * its region is no longer backing off, so its next round polls it rather than repeating the old error.
   */
  succeeded(id: string): void {
    this.backoff.delete(regionKey(id));
  }

  /** Settles once the round in flight, if any, is done (tests wait on it after moving the clock). */
  async whenIdle(): Promise<void> {
    while (this.running !== undefined) await this.running;
  }

  /**
   * Whether `id`'s region backs off after a failed poll: a listing outside the rounds (a following
   * forward's) waits as the rounds do. It ends with the rounds' wait, or after as long in clock time
   * when no round runs (every window hidden).
   */
  backingOff(id: string): boolean {
    const wait = this.backoff.get(regionKey(id));
    return wait !== undefined && this.rounds < wait.fromRound && this.clock.now() < wait.until;
  }

  stop(): void {
    this.stopped = true;
    this.cancel();
  }

  /** The nodes to poll: those open in a shown window, each once, in the order they were opened. */
  targets(): string[] {
    const out = new Set<string>();
    for (const w of this.watchers.values()) {
      if (!w.visible) continue;
      for (const id of w.ids) {
        const t = pollTarget(id);
        if (t !== undefined) out.add(t);
      }
    }
    return [...out];
  }

  private cancel(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Arms the next round when something is watched and shown; disarms it when nothing is. */
  private schedule(): void {
    if (this.stopped || this.running !== undefined) return;
    if (this.targets().length === 0) return this.cancel();
    if (this.timer !== undefined) return;
    const spread = 1 + LIVE_TREE.JITTER * (2 * this.clock.random() - 1);
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      const round = this.round();
      this.running = round;
      void round.then(() => {
        this.running = undefined;
        this.rounds++;
        this.schedule();
      });
    }, Math.round(this.intervalMs * spread));
  }

  /** One pass over the open nodes, one at a time (the region gate paces the calls inside each). */
  private async round(): Promise<void> {
    const failedNow = new Set<string>();
    for (const id of this.targets()) {
      if (this.stopped || !this.targets().includes(id)) continue; // hidden or closed meanwhile
      const region = regionKey(id);
      const wait = this.backoff.get(region);
      if (wait !== undefined && (failedNow.has(region) || this.rounds < wait.fromRound)) {
        this.failed(id, wait.error); // not refreshed this round either
        continue;
      }
      try {
        if ((await this.poll(id)) === 'polled') this.backoff.delete(region);
      } catch (error) {
        failedNow.add(region);
        const failures = (this.backoff.get(region)?.failures ?? 0) + 1;
        const factor = Math.min(2 ** failures, LIVE_TREE.MAX_BACKOFF_FACTOR);
        this.backoff.set(region, { failures, fromRound: this.rounds + factor, until: this.clock.now() + factor * this.intervalMs, error });
        this.failed(id, error);
      }
    }
  }
}
