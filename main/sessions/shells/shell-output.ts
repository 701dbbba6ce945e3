// One shell tab's data plane toward its owner window: engine output coalesced (OutputBatcher),
// kept in the bounded scrollback, sent within the flow-control window and held here while the
// window is full. Without an owner window output goes to the scrollback only; a window that
// takes the session over gets the scrollback replayed, then live output.
import { FlowControl, type Watermarks } from './flow-control.js';
import { OutputBatcher, rebatch, type BatcherLimits } from './output-batcher.js';
import { Scrollback } from './scrollback.js';
import { SHELLS } from './constants.js';
import type { ShellSink } from './types.js';

/** The engine's reading, as flow control drives it. */
export interface OutputReading {
  /** The window is full: stop reading. */
  pause(): void;
  /** Reading must stay paused for another reason (the recording file is behind). */
  held(): boolean;
  /** The window has room again: read on. */
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
  /**
   * Output the engine had already read when reading paused, kept here until acks make room: the
   * window toward xterm stays within the high watermark plus one batch, whatever one socket read
   * held (up to 64 KiB of frames arrived after a pause before this, 8-tab UI bench).
   */
  #held: Uint8Array<ArrayBuffer>[] = [];

  constructor(sink: ShellSink, reading: OutputReading, batching?: BatcherLimits, watermarks?: Watermarks) {
    this.#sink = sink;
    this.#maxBatchBytes = batching?.maxBatchBytes ?? SHELLS.MAX_BATCH_BYTES;
    this.#batcher = new OutputBatcher((bytes, putBack) => this.#deliver(bytes, putBack), batching);
    this.#flow = new FlowControl(
      {
        pause: () => reading.pause(),
        resume: () => {
          // What waited for room goes first, its partial batches joined; reading resumes only once all of it fit the window.
          const max = this.#maxBatchBytes;
          const pieces = rebatch(this.#held, max);
          while (pieces.length > 0 && !this.#flow.paused) {
            const piece = pieces.shift() as Uint8Array<ArrayBuffer>;
            // A partial last piece is mostly the one frame read after the pause (~1 KiB): sent alone,
            // every round trip of a flood was two messages, one tiny (8-tab unpaced UI bench: 40 % of
            // the showing tab's messages). It goes back to the batcher, ahead of what the next read brings.
            if (pieces.length === 0 && piece.byteLength < max) this.#batcher.putBack(piece);
            else this.#send(piece);
          }
          this.#held = pieces;
          if (this.#flow.paused || reading.held()) return;
          reading.resume();
          // xterm is running dry: what the next read brings goes now, not a coalescing period later.
          this.#batcher.resumed();
        },
      },
      watermarks,
    );
  }

  /** The owner window's sink, null while no window has the session. */
  get sink(): ShellSink | null {
    return this.#sink;
  }

  /** Bytes sent to the renderer and not yet acknowledged by it (flow control). */
  get unacked(): number {
    return this.#flow.unacked;
  }

  get paused(): boolean {
    return this.#flow.paused;
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
  }

  /** A new engine session starts from zero on both sides of flow control. */
  reset(): void {
    this.#flow.reset();
  }

  /**
   * The engine is done (closed, or stopped for a restart or close): what is batched and what
   * waited for room go now, whatever the window, so the tail comes before the closed status (and
   * before a restarted session's output). No more output follows, so this overshoots the window
   * by at most what the engine had read when it paused.
   */
  finish(): void {
    this.#batcher.flush();
    for (const bytes of this.#held.splice(0)) this.#send(bytes);
    this.#flow.reset();
  }

  /** The owner window went away: flow control forgets what it owed (nothing will ack it; reading must not stall). */
  detach(): void {
    this.#batcher.flush();
    this.#sink = null;
    this.#held = []; // already in the scrollback, which the next owner gets
    this.#flow.reset();
  }

  /**
   * A window takes the session: what is waiting goes to the previous sink (if any), then the new
   * one gets the scrollback, counted for flow control exactly like live output (its terminal acks
   * replayed bytes as it parses them).
   */
  attach(sink: ShellSink): void {
    this.#batcher.flush();
    this.#sink = sink;
    this.#held = []; // already in the scrollback replayed below
    this.#flow.reset();
    for (const piece of this.#scrollback.replay(this.#maxBatchBytes)) {
      this.#flow.sent(piece.byteLength);
      sink.output(piece);
    }
  }

  /** Nothing is sent or kept afterwards. */
  dispose(): void {
    this.#disposed = true;
    this.#batcher.dispose();
  }

  #deliver(bytes: Uint8Array<ArrayBuffer>, putBack: number): void {
    if (this.#disposed) return;
    // The first `putBack` bytes were delivered (and kept) before: a held piece put back after a resume.
    this.#scrollback.push(putBack > 0 ? bytes.subarray(putBack) : bytes);
    if (this.#sink === null) return;
    if (this.#flow.paused) this.#held.push(bytes);
    else this.#send(bytes);
  }

  #send(bytes: Uint8Array<ArrayBuffer>): void {
    const sink = this.#sink;
    if (sink === null) return;
    this.#flow.sent(bytes.byteLength);
    sink.output(bytes);
  }
}
