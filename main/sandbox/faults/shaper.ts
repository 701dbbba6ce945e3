/**
 * Applies one direction's fault knobs (drop / duplicate / reorder / delay) to a stream of
 * websocket frames. Frames the knobs do not select pass straight through, but never overtake
 * frames still held by a delay, so faults change only what they say they change. Knobs change
 * in place (`setKnobs`): frames already held are neither lost nor reordered by the change.
 */
import type { DirectionFaults } from './spec.js';

/** A frame's identity as far as fault selection is concerned. */
export interface FrameClass {
  type: string;
  payloadType: number | undefined;
}

/** Handshake payload types (§2.2) spared when `spareHandshake` is set. */
const HANDSHAKE_PAYLOAD_TYPES = new Set([5, 6, 7, 8, 9]);

export const SHAPER = {
  /** A partly filled reorder window is released after this long, so a quiet stream never stalls. */
  REORDER_FLUSH_MS: 30,
} as const;

export interface ShaperStats {
  seen: number;
  dropped: number;
  duplicated: number;
  reordered: number;
  delayed: number;
}

export class FrameShaper {
  readonly stats: ShaperStats = { seen: 0, dropped: 0, duplicated: 0, reordered: 0, delayed: 0 };
  private window: Uint8Array[] = [];
  private windowTimer: NodeJS.Timeout | undefined;
  private queue: Queued[] = [];
  private queueTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(
    private knobs: DirectionFaults | undefined,
    private random: () => number,
    private readonly deliver: (frame: Uint8Array) => void,
  ) {}

  /**
   * New knobs for frames pushed from now on. What is already held keeps its place: frames in
   * the delay queue keep their due times (FIFO, so nothing overtakes them), and a reorder window
   * the new knobs no longer fill is released at once, shuffled only if they still reorder.
   * `random` replaces the choice stream (a new seed); omitted, the current stream continues.
   */
  setKnobs(knobs: DirectionFaults | undefined, random?: () => number): void {
    this.knobs = knobs;
    if (random) this.random = random;
    const window = knobs?.reorderWindow ?? 0;
    if (this.window.length > 0 && (window <= 1 || this.window.length >= window)) this.release(knobs?.delayMs ?? 0, window > 1);
  }

  /**
   * The socket this shaper fed is gone: frames it held were in flight on it and are lost, as
   * they would be on a real network. Knobs, choice stream and counters stay for the next socket.
   */
  discard(): void {
    if (this.queueTimer) clearTimeout(this.queueTimer);
    this.queueTimer = undefined;
    this.queue = [];
    if (this.windowTimer) clearTimeout(this.windowTimer);
    this.windowTimer = undefined;
    this.window = [];
  }

  /** Nothing held (no reorder window, no delayed frame): a frame pushed now would be delivered at once. */
  get idle(): boolean {
    return this.queue.length === 0 && this.window.length === 0;
  }

  push(frame: Uint8Array, cls: FrameClass): void {
    const k = this.knobs;
    if (this.disposed) return;
    if (!k || !this.selects(k, cls)) return this.emit(frame, 0);
    this.stats.seen++;
    if (k.drop > 0 && this.random() < k.drop) {
      this.stats.dropped++;
      return;
    }
    const copies = k.duplicate > 0 && this.random() < k.duplicate ? 2 : 1;
    if (copies === 2) this.stats.duplicated++;
    for (let i = 0; i < copies; i++) {
      if (k.reorderWindow > 1) this.hold(frame, k);
      else this.emit(frame, k.delayMs);
    }
  }

  /** Drops everything held, cancels pending deliveries and ignores every later push. */
  dispose(): void {
    this.disposed = true;
    this.discard();
  }

  private selects(k: DirectionFaults, cls: FrameClass): boolean {
    if (!k.types.includes(cls.type)) return false;
    if (k.spareHandshake && cls.payloadType !== undefined && HANDSHAKE_PAYLOAD_TYPES.has(cls.payloadType)) return false;
    return true;
  }

  private hold(frame: Uint8Array, k: DirectionFaults): void {
    this.window.push(frame);
    if (this.window.length >= k.reorderWindow) return this.release(k.delayMs);
    // The knobs in force when the window flushes set its delay (they may change meanwhile).
    if (!this.windowTimer) this.windowTimer = setTimeout(() => this.release(this.knobs?.delayMs ?? 0), SHAPER.REORDER_FLUSH_MS);
  }

  private release(delayMs: number, shuffle = true): void {
    if (this.windowTimer) clearTimeout(this.windowTimer);
    this.windowTimer = undefined;
    const held = this.window;
    this.window = [];
    if (shuffle) {
      for (let i = held.length - 1; i > 0; i--) {
        const j = Math.floor(this.random() * (i + 1));
        [held[i], held[j]] = [held[j] as Uint8Array, held[i] as Uint8Array];
      }
      if (held.length > 1) this.stats.reordered += held.length;
    }
    for (const f of held) this.emit(f, delayMs);
  }

  /** Delivers after `delayMs` through one FIFO, so a later frame never overtakes an earlier one. */
  private emit(frame: Uint8Array, delayMs: number): void {
    if (delayMs <= 0 && this.queue.length === 0) return this.deliver(frame);
    if (delayMs > 0) this.stats.delayed++;
    const last = this.queue[this.queue.length - 1];
    const due = Math.max(Date.now() + delayMs, last ? last.due : 0);
    this.queue.push({ frame, due });
    if (!this.queueTimer) this.armQueue();
  }

  private armQueue(): void {
    const head = this.queue[0];
    if (!head || this.disposed) return;
    this.queueTimer = setTimeout(() => {
      this.queueTimer = undefined;
      const now = Date.now();
      while (this.queue.length > 0 && (this.queue[0] as Queued).due <= now) {
        const next = this.queue.shift() as Queued;
        if (!this.disposed) this.deliver(next.frame);
      }
      this.armQueue();
    }, Math.max(0, head.due - Date.now()));
  }
}

interface Queued {
  frame: Uint8Array;
  due: number;
}
