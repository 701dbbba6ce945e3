// Counts output bytes xterm has parsed and reports them to main in bounded units (flow control:
// main sends a session's output only within its window of unacked bytes, each ack making room).
import { TERMINAL } from './constants.js';

export interface AckCounterOptions {
  readonly send: (bytes: number) => void;
  readonly unitBytes?: number;
  readonly idleMs?: number;
}

export class AckCounter {
  #pending = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #disposed = false;
  readonly #unit: number;
  readonly #idleMs: number;

  constructor(private readonly options: AckCounterOptions) {
    this.#unit = options.unitBytes ?? TERMINAL.ACK_UNIT_BYTES;
    this.#idleMs = options.idleMs ?? TERMINAL.ACK_IDLE_MS;
  }

  /** Called from xterm's write callback: these bytes are parsed. */
  parsed(bytes: number): void {
    if (this.#disposed || bytes <= 0) return;
    this.#pending += bytes;
    // Every whole unit parsed goes in one message: a 16 KiB batch is one ack, not four (each ack
    // is a websocket message both ends handle; 8-tab unpaced flood: 2.1 acks per output message).
    const whole = this.#pending - (this.#pending % this.#unit);
    if (whole > 0) {
      this.#pending -= whole;
      this.options.send(whole);
    }
    if (this.#pending > 0 && this.#timer === null) this.#timer = setTimeout(() => this.flush(), this.#idleMs);
  }

  /** Sends whatever is pending now. */
  flush(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#disposed || this.#pending === 0) return;
    const n = this.#pending;
    this.#pending = 0;
    this.options.send(n);
  }

  /** Forgets the count (a restarted session starts from zero on both sides). */
  reset(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending = 0;
  }

  dispose(): void {
    this.reset();
    this.#disposed = true;
  }
}
