// Coalesces one session's output for a few milliseconds (or up to a size) into one message,
// and sends it at once when the user has just typed, so echo is not delayed (practice 3). Right
// after flow control resumes reading, what that read brought goes at the end of its tick instead:
// the renderer is then running dry and waiting for it.
import { SHELLS } from './constants.js';

export interface BatcherLimits {
  readonly coalesceMs: number;
  readonly maxBatchBytes: number;
  readonly echoWindowMs: number;
}

const DEFAULT_LIMITS: BatcherLimits = { coalesceMs: SHELLS.COALESCE_MS, maxBatchBytes: SHELLS.MAX_BATCH_BYTES, echoWindowMs: SHELLS.ECHO_WINDOW_MS };

export class OutputBatcher {
  #chunks: Uint8Array[] = [];
  #size = 0;
  #timer: NodeJS.Timeout | undefined;
  #soon: NodeJS.Immediate | undefined;
  /** Reading just resumed: the next output goes at the end of its tick, not after coalesceMs. */
  #resumed = false;
  #eagerUntil = 0;
  #disposed = false;

  constructor(
    private readonly sink: (bytes: Uint8Array<ArrayBuffer>) => void,
    private readonly limits: BatcherLimits = DEFAULT_LIMITS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get pendingBytes(): number {
    return this.#size;
  }

  push(bytes: Uint8Array): void {
    if (this.#disposed || bytes.byteLength === 0) return;
    this.#chunks.push(bytes);
    this.#size += bytes.byteLength;
    if (this.#size >= this.limits.maxBatchBytes || this.now() < this.#eagerUntil) {
      this.flush();
      return;
    }
    if (this.#resumed) {
      this.#sendSoon();
      return;
    }
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.flush();
    }, this.limits.coalesceMs);
  }

  /** The user typed: send what is waiting and send the echo as soon as it comes. */
  inputSent(): void {
    this.#eagerUntil = this.now() + this.limits.echoWindowMs;
    this.flush();
  }

  /**
   * Flow control resumed reading: the renderer has parsed most of what it was sent and waits for
   * more. What is waiting, and what the next read brings, is sent at the end of that tick (one
   * socket read's frames arrive within it) rather than after coalesceMs, which at a 48 KiB window
   * left the renderer idle for up to 5 ms of every round trip (issue 16 §4, 1-tab unpaced flood:
   * first output of a batch → sent, p50 4.1 ms). Later output coalesces as usual.
   */
  resumed(): void {
    if (this.#disposed) return;
    this.#resumed = true;
    if (this.#size > 0) this.#sendSoon();
  }

  /** Sends everything waiting as messages of at most maxBatchBytes. */
  flush(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    if (this.#soon !== undefined) {
      clearImmediate(this.#soon);
      this.#soon = undefined;
    }
    if (this.#size === 0) return;
    this.#resumed = false;
    const chunks = this.#chunks;
    const size = this.#size;
    this.#chunks = [];
    this.#size = 0;
    const joined = concat(chunks, size);
    if (joined.byteLength <= this.limits.maxBatchBytes) {
      this.sink(joined);
      return;
    }
    for (let at = 0; at < joined.byteLength; at += this.limits.maxBatchBytes) {
      // A copy, not a view: structured clone (Electron's MessagePort) would copy the whole buffer behind a view.
      this.sink(joined.slice(at, Math.min(joined.byteLength, at + this.limits.maxBatchBytes)));
    }
  }

  #sendSoon(): void {
    this.#soon ??= setImmediate(() => {
      this.#soon = undefined;
      this.flush();
    });
  }

  /** Drops anything waiting and stops the timers; later pushes are ignored. */
  dispose(): void {
    this.#disposed = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#soon !== undefined) clearImmediate(this.#soon);
    this.#soon = undefined;
    this.#resumed = false;
    this.#chunks = [];
    this.#size = 0;
  }
}

/** One exactly-sized buffer (a lone chunk that already is one is passed through). */
function concat(chunks: readonly Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  const only = chunks[0];
  if (chunks.length === 1 && only !== undefined && only.buffer instanceof ArrayBuffer && only.byteOffset === 0 && only.byteLength === only.buffer.byteLength) {
    return only as Uint8Array<ArrayBuffer>;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
