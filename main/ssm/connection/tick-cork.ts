/**
 * Coalesces the websocket messages written during one tick into a single socket write.
 * Each `ws.send` otherwise costs a write syscall of its own, and every stream frame received
 * costs an ack sent (§4): the client acks each 1 KB output frame, the agent each input frame and
 * sends a frame per 1 KB chunk. Corking until the end of the tick (process.nextTick, before any
 * I/O is polled) turns a burst of frames into one writev without delaying any of them past the
 * current tick, so keystroke echo is not held back. Used by the client socket and the sandbox
 * gateway alike.
 */

/** The part of a net.Socket this needs. */
export interface Corkable {
  cork(): void;
  uncork(): void;
  readonly destroyed: boolean;
}

export class TickCork {
  private corked = false;

  constructor(private readonly stream: Corkable) {}

  /** Call before each write: the first call in a tick corks, the end of the tick uncorks. */
  hold(): void {
    if (this.corked || this.stream.destroyed) return;
    this.corked = true;
    this.stream.cork();
    process.nextTick(() => {
      this.corked = false;
      this.stream.uncork();
    });
  }
}
