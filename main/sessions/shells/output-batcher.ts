// Coalesces one session's output for a few milliseconds (or up to a size) into one message.
// When the user has just typed, the echo goes at once (practice 3) and what follows it in the
// echo window at the end of its tick, so one socket read's frames go as one message. Right
// after flow control resumes reading, output goes at the end of a read's tick once
// SHELLS.RESUME_SEND_MIN_BYTES wait: the renderer is then running dry and waiting for it.
import { SHELLS } from './constants.js';

export interface BatcherLimits {
  readonly coalesceMs: number;
  readonly maxBatchBytes: number;
  readonly echoWindowMs: number;
  /** After a resume, the end of a read's tick sends only once this much waits (SHELLS.RESUME_SEND_MIN_BYTES). */
  readonly resumeSendMinBytes: number;
}

const DEFAULT_LIMITS: BatcherLimits = {
  coalesceMs: SHELLS.COALESCE_MS,
  maxBatchBytes: SHELLS.MAX_BATCH_BYTES,
  echoWindowMs: SHELLS.ECHO_WINDOW_MS,
  resumeSendMinBytes: SHELLS.RESUME_SEND_MIN_BYTES,
};

export class OutputBatcher {
  #chunks: Uint8Array[] = [];
  #size = 0;
  /** Bytes at the front of #chunks that were put back (putBack). */
  #putBack = 0;
  #timer: NodeJS.Timeout | undefined;
  #soon: NodeJS.Immediate | undefined;
  /** Reading just resumed: output goes at the end of a read's tick once the resume minimum waits, not after coalesceMs. */
  #resumed = false;
  #eagerUntil = 0;
  /** A keystroke went out and no output came since: the next output is its echo, sent at once. */
  #echoPending = false;
  #disposed = false;

  constructor(
    /** Gets each message, and how many bytes at its front were put back (delivered once before). */
    private readonly sink: (bytes: Uint8Array<ArrayBuffer>, putBack: number) => void,
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
    if (echo || (this.#resumed && this.#size >= this.limits.resumeSendMinBytes)) {
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

  /**
   * Flow control resumed reading: the renderer has parsed most of what it was sent and waits for
   * more. What the next read brings, with anything still waiting, is sent at the end of that read's
   * tick (one socket read's frames arrive within it) rather than after coalesceMs, which at a 48 KiB
   * window left the renderer idle for up to 5 ms of every round trip (issue 16 §4, 1-tab unpaced
   * flood: first output of a batch → sent, p50 4.1 ms). Later output coalesces as usual.
   * Only once resumeSendMinBytes wait, though: the first read after a resume often brings a single
   * frame (~1 KiB), and sending that alone made every round trip of a flood two messages, one tiny.
   * A partial batch already waiting is not sent on its own at the resume: it is what one frame read
   * just before the pause brings (~1 KiB), and sending it alone made every round trip two messages,
   * one of them tiny (8-tab unpaced UI bench: 554 of 1268 output messages were ~1 KiB). It goes with
   * the next read, or after its coalescing period if none comes.
   */
  resumed(): void {
    if (this.#disposed) return;
    this.#resumed = true;
  }

  /**
   * Output delivered earlier that could not be sent (held while flow control was paused) goes back
   * in front of what waits, and out with it: with the next read after a resume, or after coalesceMs.
   */
  putBack(bytes: Uint8Array): void {
    if (this.#disposed || bytes.byteLength === 0) return;
    this.#chunks.unshift(bytes);
    this.#size += bytes.byteLength;
    this.#putBack += bytes.byteLength;
    if (this.#size >= this.limits.maxBatchBytes) {
      this.#sendFull();
      return;
    }
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.flush();
    }, this.limits.coalesceMs);
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
    let putBack = this.#putBack;
    this.#putBack = 0;
    const joined = concat(chunks, size);
    if (joined.byteLength <= this.limits.maxBatchBytes) {
      this.sink(joined, putBack);
      return;
    }
    for (let at = 0; at < joined.byteLength; at += this.limits.maxBatchBytes) {
      // A copy, not a view: structured clone (Electron's MessagePort) would copy the whole buffer behind a view.
      const piece = joined.slice(at, Math.min(joined.byteLength, at + this.limits.maxBatchBytes));
      const front = Math.min(putBack, piece.byteLength);
      putBack -= front;
      this.sink(piece, front);
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
    let putBack = this.#putBack;
    this.#resumed = false;
    this.#clearTimers();
    for (let at = 0; at < whole; at += max) {
      // A copy, not a view: structured clone (Electron's MessagePort) would copy the whole buffer behind a view.
      const piece = whole === joined.byteLength ? joined : joined.slice(at, at + max);
      const front = Math.min(putBack, piece.byteLength);
      putBack -= front;
      this.sink(piece, front);
    }
    const rest = joined.byteLength - whole;
    this.#chunks = rest > 0 ? [joined.slice(whole)] : [];
    this.#size = rest;
    this.#putBack = putBack;
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
    this.#resumed = false;
    this.#chunks = [];
    this.#size = 0;
    this.#putBack = 0;
  }
}

/**
 * The same bytes as messages of at most `max` bytes, small chunks joined: output held while flow
 * control was paused is kept as the batcher delivered it (full batches, and partial ones its
 * coalescing timer let go), and sending those partials one by one on resume doubled the messages.
 */
export function rebatch(chunks: readonly Uint8Array[], max: number): Uint8Array<ArrayBuffer>[] {
  const out: Uint8Array<ArrayBuffer>[] = [];
  let group: Uint8Array[] = [];
  let size = 0;
  for (const c of chunks) {
    if (size > 0 && size + c.byteLength > max) {
      out.push(concat(group, size));
      group = [];
      size = 0;
    }
    group.push(c);
    size += c.byteLength;
  }
  if (size > 0) out.push(concat(group, size));
  return out;
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
