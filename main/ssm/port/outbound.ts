/**
 * Local → agent byte path with backpressure: cuts bytes into PT 1 payloads and reports congestion
 * once unacked + queued bytes pass the high watermark, and 'drain' once they fall below the low one.
 * With `pack` (mux mode) the bytes are one stream cut into full payloads, as the plugin reads its
 * smux socket in 1024-byte pieces: writes of one event-loop turn are sent together (from
 * setImmediate, the same turn's check phase: no timer, no added round trip), and bytes still
 * queued fill up the last unsent payload, so a 32 776-byte smux frame never leaves an 8-byte
 * message of its own.
 */
import { PORT } from './constants.js';
import type { PortChannel } from './channel.js';

export interface OutboundOptions {
  maxPayload?: number;
  highWater?: number;
  lowWater?: number;
  /** Cut the written bytes as one stream into full payloads (see above). */
  pack?: boolean;
}

export class Outbound {
  /** Payloads and flags in send order: a flag must not overtake data queued before it. */
  private readonly queue: Array<Uint8Array | number> = [];
  private queued = 0;
  private congested = false;
  private readonly drainListeners: Array<() => void> = [];
  private readonly maxPayload: number;
  private readonly highWater: number;
  private readonly lowWater: number;
  private readonly pack: boolean;
  /** `pack`: a flush is scheduled for the end of this tick. */
  private flushScheduled = false;
  private flushing = false;

  constructor(
    private readonly channel: PortChannel,
    options: OutboundOptions = {},
  ) {
    this.maxPayload = options.maxPayload ?? PORT.MAX_PAYLOAD_BYTES;
    this.highWater = options.highWater ?? PORT.OUTGOING_HIGH_WATER_BYTES;
    this.lowWater = options.lowWater ?? PORT.OUTGOING_LOW_WATER_BYTES;
    this.pack = options.pack ?? false;
    channel.onProgress(() => this.progress());
  }

  /** Bytes accepted here but not yet acknowledged by the agent. */
  get backlog(): number {
    return this.channel.unackedBytes + this.queued;
  }

  /** True from crossing the high watermark until the backlog falls to the low one: sources wait. */
  get paused(): boolean {
    return this.congested;
  }

  /** Queues bytes for the agent. Returns false when the caller should stop reading its source. */
  write(bytes: Uint8Array): boolean {
    let at = 0;
    const last = this.queue.length > 0 ? this.queue[this.queue.length - 1] : undefined;
    if (this.pack && last instanceof Uint8Array && last.length < this.maxPayload) {
      // Top up the last unsent payload first.
      const take = Math.min(this.maxPayload - last.length, bytes.length);
      const merged = new Uint8Array(last.length + take);
      merged.set(last);
      merged.set(bytes.subarray(0, take), last.length);
      this.queue[this.queue.length - 1] = merged;
      this.queued += take;
      at = take;
    }
    for (; at < bytes.length; at += this.maxPayload) {
      const piece = bytes.subarray(at, Math.min(at + this.maxPayload, bytes.length));
      this.queue.push(piece); // topping up copies, so a piece may keep pointing into `bytes`
      this.queued += piece.length;
    }
    if (!this.pack) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        this.flush();
      });
    }
    if (this.backlog >= this.highWater) this.congested = true;
    return !this.congested;
  }

  /** Queues a PT 10 flag behind any data already queued. */
  flag(value: number): void {
    this.queue.push(value);
    this.flush();
  }

  /** True when nothing is queued here or unacknowledged by the agent. */
  get idle(): boolean {
    return this.queue.length === 0 && this.channel.unackedBytes === 0;
  }

  onDrain(listener: () => void): void {
    this.drainListeners.push(listener);
  }

  private flush(): void {
    // Sent items are dropped once at the end: shifting each one moved the rest of the queue
    // (64 pieces per 64 KB socket read) every time. A flush reached from inside a send (none
    // does today) returns: this loop sends what it queued.
    if (this.flushing) return;
    this.flushing = true;
    const queue = this.queue;
    let sent = 0;
    try {
      while (sent < queue.length) {
        const item = queue[sent]!;
        const ok = typeof item === 'number' ? this.channel.sendFlag(item) : this.channel.sendData(item);
        if (!ok) break; // channel full: retried on progress
        sent++;
        if (typeof item !== 'number') this.queued -= item.length;
      }
    } finally {
      this.flushing = false;
      if (sent === queue.length) queue.length = 0;
      else if (sent > 0) queue.splice(0, sent);
    }
  }

  private progress(): void {
    this.flush();
    if (this.congested && this.backlog <= this.lowWater) {
      this.congested = false;
      for (const listener of this.drainListeners) listener();
    }
  }
}
