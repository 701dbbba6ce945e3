/**
 * Local → agent byte path with backpressure: cuts bytes into PT 1 payloads and reports congestion
 * once unacked + queued bytes pass the high watermark, and 'drain' once they fall below the low one.
 */
import { PORT } from './constants.js';
import type { PortChannel } from './channel.js';

export interface OutboundOptions {
  maxPayload?: number;
  highWater?: number;
  lowWater?: number;
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

  constructor(
    private readonly channel: PortChannel,
    options: OutboundOptions = {},
  ) {
    this.maxPayload = options.maxPayload ?? PORT.MAX_PAYLOAD_BYTES;
    this.highWater = options.highWater ?? PORT.OUTGOING_HIGH_WATER_BYTES;
    this.lowWater = options.lowWater ?? PORT.OUTGOING_LOW_WATER_BYTES;
    channel.onProgress(() => this.progress());
  }

  /** Bytes accepted here but not yet acknowledged by the agent. */
  get backlog(): number {
    return this.channel.unackedBytes + this.queued;
  }

  /** Queues bytes for the agent. Returns false when the caller should stop reading its source. */
  write(bytes: Uint8Array): boolean {
    for (let at = 0; at < bytes.length; at += this.maxPayload) {
      const piece = bytes.subarray(at, Math.min(at + this.maxPayload, bytes.length));
      this.queue.push(piece);
      this.queued += piece.length;
    }
    this.flush();
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
    while (this.queue.length > 0) {
      const item = this.queue[0]!;
      const sent = typeof item === 'number' ? this.channel.sendFlag(item) : this.channel.sendData(item);
      if (!sent) return; // channel full: retried on progress
      this.queue.shift();
      if (typeof item !== 'number') this.queued -= item.length;
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
