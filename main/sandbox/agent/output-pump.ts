/**
 * Carries a source's output (pty, child process, TCP socket, smux) into stream messages the
 * way the agent's pumps do (§7.3): ≤ 1024-byte chunks, a 1 ms pause between them in `faithful`
 * pacing, nothing read while the channel is paused. `write` returns false above a high-water
 * mark so the source can stop reading; 'drain' says when to read again.
 */
import { Emitter } from '../../ssm/util/emitter.js';
import { ChunkQueue } from './chunk-queue.js';
import { AGENT, type PacingMode } from './constants.js';
import { Utf8Chunker } from './utf8-chunker.js';

/** Where chunks go: the agent's data channel. */
export interface PumpSink {
  /** False while the client is away or MGS paused publication (§5). */
  readonly active: boolean;
  send(payloadType: number, payload: Uint8Array): void;
}

export const PUMP = {
  /** In `unpaced` mode, yield to the event loop after this many chunks so acks get read. */
  UNPACED_YIELD_EVERY: 64,
  /**
   * `faithful` keeps a 1 ms-per-message schedule rather than sleeping 1 ms each time: timers
   * overshoot by 1–3 ms on a busy machine, which would make the sandbox 2–3× slower than the
   * agent. A late pump may catch up by at most this much (a short burst), never more.
   */
  MAX_CATCH_UP_MS: 20,
} as const;

interface Pending {
  payloadType: number;
  bytes: Uint8Array;
}

export interface PumpEvents {
  drain: [];
  /** Everything written so far has been handed to the sink. */
  idle: [];
}

export class OutputPump extends Emitter<PumpEvents> {
  private readonly queue = new ChunkQueue<Pending>();
  private queuedBytes = 0;
  private running = false;
  private waitingForActive: (() => void) | undefined;
  private closed = false;
  private needDrain = false;
  private gateOpen = true;
  /** `faithful`: earliest time (performance.now) for the next message. */
  private nextSendAt = 0;
  private readonly utf8: Map<number, Utf8Chunker> = new Map();

  constructor(
    private readonly sink: PumpSink,
    private readonly pacing: PacingMode,
    /** Hold back split UTF-8 sequences (terminal output) or send bytes as they are (ports). */
    private readonly utf8Safe: boolean,
    /** Queued bytes above which `write` asks the source to stop reading. */
    private readonly highWaterBytes: number = AGENT.PUMP_HIGH_WATER_BYTES,
  ) {
    super();
  }

  get pendingBytes(): number {
    return this.queuedBytes;
  }

  /** True while the source should keep reading. */
  get hasRoom(): boolean {
    return this.queuedBytes < this.highWaterBytes;
  }

  /**
   * Queues bytes; false means "stop reading your source until 'drain'". With `more`, the bytes
   * are `bytes` then `more`, cut as if they were one write (only the chunk spanning both is copied).
   */
  write(bytes: Uint8Array, payloadType: number, more?: Uint8Array): boolean {
    if (this.closed) return false;
    if (more !== undefined && this.utf8Safe) {
      // Terminal output is never written in parts; keep the one path that handles split UTF-8.
      const joined = new Uint8Array(bytes.length + more.length);
      joined.set(bytes);
      joined.set(more, bytes.length);
      return this.write(joined, payloadType);
    }
    if (bytes.length + (more?.length ?? 0) === 0) return true;
    const chunks = more === undefined ? this.split(bytes, payloadType) : splitParts(bytes, more);
    for (const chunk of chunks) {
      this.queue.push({ payloadType, bytes: chunk });
      this.queuedBytes += chunk.length;
    }
    void this.run();
    if (this.queuedBytes < this.highWaterBytes) return true;
    this.needDrain = true;
    return false;
  }

  /** Holds output back (the shell's first-read delay) until `open()`; data still queues. */
  hold(): void {
    this.gateOpen = false;
  }

  open(): void {
    this.gateOpen = true;
    this.activeChanged();
  }

  /** The sink became active again (client re-attached, start_publication). */
  activeChanged(): void {
    if (this.canSend() && this.waitingForActive) {
      const go = this.waitingForActive;
      this.waitingForActive = undefined;
      go();
    }
  }

  /** Sends any held-back partial UTF-8 and resolves once the queue is empty (or closed). */
  async flush(): Promise<void> {
    for (const [pt, chunker] of this.utf8) {
      for (const c of chunker.flush()) {
        this.queue.push({ payloadType: pt, bytes: c });
        this.queuedBytes += c.length;
      }
    }
    void this.run();
    if (this.queue.length === 0 && !this.running) return;
    await new Promise<void>((resolve) => this.once('idle', resolve));
  }

  close(): void {
    this.closed = true;
    this.queue.clear();
    this.queuedBytes = 0;
    this.activeChanged();
    this.emit('idle');
  }

  private canSend(): boolean {
    return this.closed || (this.gateOpen && this.sink.active);
  }

  private split(bytes: Uint8Array, payloadType: number): Uint8Array[] {
    if (!this.utf8Safe) {
      const out: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += AGENT.CHUNK_BYTES) out.push(bytes.subarray(i, i + AGENT.CHUNK_BYTES));
      return out;
    }
    let chunker = this.utf8.get(payloadType);
    if (!chunker) this.utf8.set(payloadType, (chunker = new Utf8Chunker(AGENT.CHUNK_BYTES)));
    return chunker.push(bytes);
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    let sinceYield = 0;
    // A pump that was idle starts a fresh schedule: no catch-up burst for time spent idle.
    this.nextSendAt = Math.max(this.nextSendAt, performance.now());
    while (this.queue.length > 0 && !this.closed) {
      if (!this.canSend()) {
        await new Promise<void>((resolve) => (this.waitingForActive = resolve));
        this.nextSendAt = Math.max(this.nextSendAt, performance.now());
        continue;
      }
      if (this.pacing === 'faithful') {
        const wait = this.nextSendAt - performance.now();
        if (wait > 0) {
          await sleep(wait);
          continue; // re-check the queue and the sink after sleeping
        }
      }
      const next = this.queue.shift() as Pending;
      this.queuedBytes -= next.bytes.length;
      this.sink.send(next.payloadType, next.bytes);
      if (this.needDrain && this.queuedBytes < this.highWaterBytes) {
        this.needDrain = false;
        this.emit('drain');
      }
      if (this.pacing === 'faithful') {
        this.nextSendAt = Math.max(performance.now() - PUMP.MAX_CATCH_UP_MS, this.nextSendAt) + AGENT.FAITHFUL_PAUSE_MS;
      } else if (++sinceYield >= PUMP.UNPACED_YIELD_EVERY) {
        sinceYield = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    this.running = false;
    this.emit('idle');
  }
}

/** The ≤ CHUNK_BYTES pieces of `first` followed by `second`, as split() cuts their concatenation. */
function splitParts(first: Uint8Array, second: Uint8Array): Uint8Array[] {
  const size = AGENT.CHUNK_BYTES;
  const out: Uint8Array[] = [];
  let at = 0;
  for (; at + size <= first.length; at += size) out.push(first.subarray(at, at + size));
  let from = 0;
  if (at < first.length) {
    const rest = first.length - at;
    from = Math.min(size - rest, second.length);
    const spanning = new Uint8Array(rest + from);
    spanning.set(first.subarray(at));
    spanning.set(second.subarray(0, from), rest);
    out.push(spanning);
  }
  for (; from < second.length; from += size) out.push(second.subarray(from, from + size));
  return out;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
