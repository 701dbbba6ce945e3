// Coalesces one session's output for a few milliseconds (or up to a size) into one message.
// When the user has just typed, the echo goes at once (practice 3) and what follows it in the
// echo window at the end of its tick, so one socket read's frames go as one message.
import { SHELLS } from './constants.js';

export interface BatcherLimits {
  readonly coalesceMs: number;
  readonly maxBatchBytes: number;
  readonly echoWindowMs: number;
}

const DEFAULT_LIMITS: BatcherLimits = {
  coalesceMs: SHELLS.COALESCE_MS,
  maxBatchBytes: SHELLS.MAX_BATCH_BYTES,
  echoWindowMs: SHELLS.ECHO_WINDOW_MS,
};

export class OutputBatcher {
  #chunks: Uint8Array[] = [];
  #size = 0;
  #timer: NodeJS.Timeout | undefined;
  #soon: NodeJS.Immediate | undefined;
  #eagerUntil = 0;
  /** A keystroke went out and no output came since: the next output is its echo, sent at once. */
  #echoPending = false;
  #disposed = false;

  constructor(
    /** Gets each message. */
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
    const echo = this.now() < this.#eagerUntil;
    if (echo && this.#echoPending) {
      // The first output after a keystroke is its echo: it goes now, in the read that brought it.
      this.#echoPending = false;
      this.flush();
      return;
    }
    if (this.#size >= this.limits.maxBatchBytes) {
      this.#sendFull();
      if (echo && this.#size > 0) this.#sendSoon();
      return;
    }
    // Later in the echo window (a command's output after Enter): at the end of this tick, with the
    // rest of the same socket read, not frame by frame (a burst of ~1 KiB agent frames was one
    // message each for the whole window) and not after coalesceMs.
    if (echo) {
      this.#sendSoon();
      return;
    }
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.flush();
    }, this.limits.coalesceMs);
  }

  /** The user typed: send what is waiting, the echo (the next output) at once, and for echoWindowMs the rest at the end of its tick. */
  inputSent(): void {
    this.#eagerUntil = this.now() + this.limits.echoWindowMs;
    this.#echoPending = true;
    this.flush();
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

  /**
   * A batch reached maxBatchBytes: whole batches go now, and what is left over (part of the read
   * that crossed the limit) keeps coalescing with what follows. Sent as its own message, that
   * remainder was a message of a frame or less after most full batches of a flood.
   */
  #sendFull(): void {
    const max = this.limits.maxBatchBytes;
    const whole = this.#size - (this.#size % max);
    const joined = concat(this.#chunks, this.#size);
    this.#clearTimers();
    for (let at = 0; at < whole; at += max) {
      // A copy, not a view: structured clone (Electron's MessagePort) would copy the whole buffer behind a view.
      this.sink(whole === joined.byteLength ? joined : joined.slice(at, at + max));
    }
    const rest = joined.byteLength - whole;
    this.#chunks = rest > 0 ? [joined.slice(whole)] : [];
    this.#size = rest;
    if (rest > 0) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.flush();
      }, this.limits.coalesceMs);
    }
  }

  #clearTimers(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#soon !== undefined) clearImmediate(this.#soon);
    this.#soon = undefined;
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
