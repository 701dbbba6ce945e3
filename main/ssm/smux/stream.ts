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
