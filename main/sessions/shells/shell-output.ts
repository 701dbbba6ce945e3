// One shell tab's data plane toward its owner window: engine output coalesced (OutputBatcher),
// kept in the bounded scrollback, sent within the flow-control window (flow-control.ts) and held
// here while the window is full, the engine's reading paused once a read-ahead's worth waits. Without an owner window output goes to the scrollback only; a window that
// takes the session over gets the scrollback replayed, then live output.
import { FlowControl, type FlowLimits } from './flow-control.js';
import { OutputBatcher, type BatcherLimits } from './output-batcher.js';
import { Scrollback } from './scrollback.js';
import { SHELLS } from './constants.js';
import type { ShellSink } from './types.js';

/** The engine's reading, as flow control drives it. */
export interface OutputReading {
  /** A read-ahead's worth waits for the window: stop reading. */
  pause(): void;
  /** Reading must stay paused for another reason (the recording file is behind). */
  held(): boolean;
  /** Less than that waits: read on. */
  resume(): void;
}

export class ShellOutput {
  /** The owner window's sink; null while no window has the session (output then goes to the scrollback only). */
  #sink: ShellSink | null;
  #disposed = false;
  readonly #scrollback = new Scrollback();
  readonly #batcher: OutputBatcher;
  readonly #flow: FlowControl;
  readonly #maxBatchBytes: number;
  readonly #reading: OutputReading;
  /**
   * Output delivered while the window had no room for it, oldest first, sent as acks make room:
   * the read-ahead a refill comes from at once. Reading pauses once the flow limits' readAhead
   * waits (what the engine had already read by then still comes, and waits here too).
   */
  #waiting: Uint8Array<ArrayBuffer>[] = [];
  #waitingBytes = 0;
  /** Reading is paused because a read-ahead's worth waits. */
  #readingPaused = false;

  constructor(sink: ShellSink, reading: OutputReading, batching?: BatcherLimits, limits?: FlowLimits) {
    this.#sink = sink;
    this.#reading = reading;
    this.#maxBatchBytes = batching?.maxBatchBytes ?? SHELLS.MAX_BATCH_BYTES;
    this.#batcher = new OutputBatcher((bytes) => this.#deliver(bytes), batching);
    this.#flow = new FlowControl(limits);
    if (this.#maxBatchBytes > this.#flow.limits.window) throw new RangeError(`a batch of ${this.#maxBatchBytes} bytes never fits a window of ${this.#flow.limits.window}`);
  }

  /** The owner window's sink, null while no window has the session. */
  get sink(): ShellSink | null {
    return this.#sink;
  }

  /** Bytes sent to the renderer and not yet acknowledged by it (flow control). */
  get unacked(): number {
    return this.#flow.unacked;
  }

  /** Reading is paused by flow control (a read-ahead's worth waits for the window). */
  get paused(): boolean {
    return this.#readingPaused;
  }

  /** Output retained for a window that takes the session over (bytes). */
  get scrollbackBytes(): number {
    return this.#scrollback.size;
  }

  /** Output the engine read. */
  push(bytes: Uint8Array): void {
    this.#batcher.push(bytes);
  }

  /** Input went to the session: its echo should not wait a coalescing period. */
  inputSent(): void {
    this.#batcher.inputSent();
  }

  acked(bytes: number): void {
    this.#flow.acked(bytes);
    this.#pump();
  }

  /** A new engine session starts from zero on both sides of flow control. */
  reset(): void {
    this.#flow.reset();
    this.#pump();
  }

  /**
   * The engine is done (closed, or stopped for a restart or close): what is batched and what
   * waited for room go now, whatever the window, so the tail comes before the closed status (and
   * before a restarted session's output). No more output follows, so this overshoots the window
   * by at most what the engine had read when it paused.
   */
  finish(): void {
    this.#batcher.flush();
    for (const bytes of this.#takeWaiting()) this.#send(bytes);
    this.#flow.reset();
    this.#pump();
  }

  /** The owner window went away: flow control forgets what it owed (nothing will ack it; reading must not stall). */
  detach(): void {
    this.#batcher.flush();
    this.#sink = null;
    this.#takeWaiting(); // already in the scrollback, which the next owner gets
    this.#flow.reset();
    this.#pump();
  }

  /**
   * A window takes the session: what is waiting goes to the previous sink (if any), then the new
   * one gets the scrollback, counted for flow control exactly like live output (its terminal acks
   * replayed bytes as it parses them).
   */
  attach(sink: ShellSink): void {
    this.#batcher.flush();
    this.#sink = sink;
    this.#takeWaiting(); // already in the scrollback replayed below
    this.#flow.reset();
    for (const piece of this.#scrollback.replay(this.#maxBatchBytes)) {
      this.#flow.sent(piece.byteLength);
      sink.output(piece);
    }
    this.#pump();
  }

  /** Nothing is sent or kept afterwards. */
  dispose(): void {
    this.#disposed = true;
    this.#batcher.dispose();
  }

  #deliver(bytes: Uint8Array<ArrayBuffer>): void {
    if (this.#disposed) return;
    this.#scrollback.push(bytes);
    if (this.#sink === null) return;
    this.#waiting.push(bytes);
    this.#waitingBytes += bytes.byteLength;
    this.#pump();
  }

  /**
   * Sends what waits as far as the window has room, in messages of a full batch (pieces joined or
   * cut: a partial batch delivered while the window was full, sent alone, would be a small message
   * costing the page a task and an ack of its own), a partial one only when nothing else waits;
   * then pauses or resumes reading by what is left waiting.
   */
  #pump(): void {
    while (this.#waitingBytes > 0 && this.#sink !== null) {
      const size = Math.min(this.#maxBatchBytes, this.#waitingBytes);
      if (!this.#flow.fits(size)) break;
      this.#send(this.#take(size));
    }
    if (this.#disposed) return;
    if (this.#waitingBytes >= this.#flow.limits.readAhead) {
      if (!this.#readingPaused) {
        this.#readingPaused = true;
        this.#reading.pause();
      }
    } else if (this.#readingPaused) {
      this.#readingPaused = false;
      if (!this.#reading.held()) this.#reading.resume();
    }
  }

  /** The first `size` bytes waiting, as one exactly-sized buffer (a piece that already is one is passed on). */
  #take(size: number): Uint8Array<ArrayBuffer> {
    this.#waitingBytes -= size;
    const first = this.#waiting[0];
    if (first !== undefined && first.byteLength === size) {
      this.#waiting.shift();
      return first;
    }
    const out = new Uint8Array(size);
    let at = 0;
    while (at < size) {
      const piece = this.#waiting[0];
      if (piece === undefined) break;
      const n = Math.min(piece.byteLength, size - at);
      out.set(n === piece.byteLength ? piece : piece.subarray(0, n), at);
      at += n;
      // A copy of the rest, not a view: a view would keep the whole piece's buffer alive.
      if (n === piece.byteLength) this.#waiting.shift();
      else this.#waiting[0] = piece.slice(n);
    }
    return out;
  }

  /** Everything waiting, oldest first; nothing waits afterwards. */
  #takeWaiting(): Uint8Array<ArrayBuffer>[] {
    this.#waitingBytes = 0;
    return this.#waiting.splice(0);
  }

  #send(bytes: Uint8Array<ArrayBuffer>): void {
    const sink = this.#sink;
    if (sink === null) return;
    this.#flow.sent(bytes.byteLength);
    sink.output(bytes);
  }
}
