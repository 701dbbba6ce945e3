/**
 * One smux stream as a Node Duplex: writes become PSH frames, `end()` sends FIN, and the peer's
 * FIN ends the readable side after buffered data. Half-close is allowed both ways.
 */
import { Duplex } from 'node:stream';

/** What a stream needs from its session (implemented by SmuxSession). */
export interface SmuxStreamHost {
  writeStreamData(stream: SmuxStream, chunk: Buffer, done: (err?: Error | null) => void): void;
  finishStream(stream: SmuxStream): void;
  streamWantsData(stream: SmuxStream): void;
  /** A reader took buffered data (any read, flowing or not): a paused session may resume. */
  streamConsumed(stream: SmuxStream): void;
  streamDestroyed(stream: SmuxStream): void;
}

export class SmuxStream extends Duplex {
  /** True once this side has sent FIN (on end() or destroy()). */
  finSent = false;
  /** True once the peer's FIN arrived. */
  finReceived = false;

  constructor(
    private readonly host: SmuxStreamHost,
    readonly id: number,
  ) {
    super({ allowHalfOpen: true, decodeStrings: true });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.host.writeStreamData(this, chunk, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.host.finishStream(this);
    callback();
  }

  /**
   * Every read goes through here, in flowing mode (pipe) too, while `_read` runs only once the
   * buffer is nearly empty: so the session learns the buffer fell below its resume mark in time
   * to refill it before the reader runs dry.
   */
  override read(size?: number): ReturnType<Duplex['read']> {
    const chunk: unknown = super.read(size);
    if (chunk !== null) this.host.streamConsumed(this);
    return chunk;
  }

  override _read(): void {
    this.host.streamWantsData(this);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.host.streamDestroyed(this);
    callback(error);
  }

  /** Session → stream: data from a PSH frame. Dropped once the readable side has ended. */
  deliver(data: Uint8Array): void {
    if (this.finReceived || this.destroyed) return;
    this.push(data);
  }

  /** Session → stream: the peer sent FIN, so reads end after what is buffered. */
  peerFinished(): void {
    if (this.finReceived || this.destroyed) return;
    this.finReceived = true;
    this.push(null);
  }
}
