// Upload bytes that arrive from the renderer in chunks: an async iterable for the transfer, with
// a bounded buffer. A chunk's promise settles once it is buffered, and only while the buffer is
// under its limit: the renderer awaits each answer, so it never sends faster than the target takes.
import { TransferError } from '../../transfer/index.js';

export const PUSH_SOURCE = {
  /** Bytes held between the renderer and the transfer: a few upload chunks' worth. */
  HIGH_WATER_BYTES: 2 * 1024 * 1024,
} as const;

export class PushSource implements AsyncIterable<Uint8Array> {
  #received = 0;
  #buffered: Buffer[] = [];
  #bufferedBytes = 0;
  #failure: Error | undefined;
  #failureForPushers: Error | undefined;
  #stopped = false;
  #wakeReader: (() => void) | undefined;
  #roomWaiters: Array<() => void> = [];

  constructor(readonly size: number) {}

  get received(): number {
    return this.#received;
  }

  /** Takes the chunk at `offset` (which must be the next byte); resolves with the bytes received so far. */
  async push(offset: number, bytes: Buffer): Promise<number> {
    const refused = (): Error | undefined => this.#failure ?? this.#failureForPushers;
    const refusedNow = refused();
    if (refusedNow) throw refusedNow;
    if (offset !== this.#received) throw new TransferError('failed', `Upload chunk at byte ${offset} arrived where byte ${this.#received} was expected.`);
    if (this.#received + bytes.length > this.size) throw new TransferError('failed', `The upload sent more than the ${this.size} bytes it announced.`);
    while (this.#bufferedBytes >= PUSH_SOURCE.HIGH_WATER_BYTES) {
      await new Promise<void>((r) => this.#roomWaiters.push(r));
      const error = refused();
      if (error) throw error;
    }
    this.#received += bytes.length;
    this.#buffered.push(bytes);
    this.#bufferedBytes += bytes.length;
    this.#wakeReader?.();
    return this.#received;
  }

  /**
   * Cancel: pending and later pushes get `error`, the reader simply ends (so the transfer reaches
   * its cancel path and has the target remove its temp file) and nothing buffered is sent.
   */
  stop(error: Error): void {
    this.#stopped = true;
    this.#buffered = [];
    this.#bufferedBytes = 0;
    this.#failureForPushers ??= error;
    this.#wakeReader?.();
    for (const w of this.#roomWaiters.splice(0)) w();
  }

  /** Ends the source with an error (cancel, failure): pending pushes and the reader see it. */
  fail(error: Error): void {
    this.#failure ??= error;
    this.#wakeReader?.();
    for (const w of this.#roomWaiters.splice(0)) w();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for (;;) {
      if (this.#stopped) return;
      const next = this.#buffered.shift();
      if (next) {
        this.#bufferedBytes -= next.length;
        for (const w of this.#roomWaiters.splice(0)) w();
        yield next;
        continue;
      }
      if (this.#failure) throw this.#failure;
      if (this.#received >= this.size) return;
      await new Promise<void>((r) => (this.#wakeReader = r));
      this.#wakeReader = undefined;
    }
  }
}
