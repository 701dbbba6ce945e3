// One terminal's output path and its half of flow control. Bytes from the data plane go straight
// to xterm while the terminal shows; while it is hidden they are held (pending-output.ts) and
// parsed on the background writer's budget (background-writer.ts), all at once when it shows
// again. Each byte is acked only after xterm has parsed it (ack-counter.ts), never on receipt, so
// main's window, and through it the remote program, wait for the renderer.
import type { Terminal } from '@xterm/xterm';
import { AckCounter } from './ack-counter.js';
import type { BackgroundWriter, Drainable } from './background-writer.js';
import { PendingOutput } from './pending-output.js';

export class TerminalOutput {
  readonly #ack: AckCounter;
  /** Output held while hidden, parsed on the background budget. */
  readonly #pending = new PendingOutput();
  #parsed = 0;

  /** `owner`: the terminal the background writer drains (and is told to forget) for this output. */
  constructor(
    private readonly term: Pick<Terminal, 'write'>,
    private readonly background: BackgroundWriter,
    private readonly owner: Drainable,
    sendAck: (bytes: number) => void,
  ) {
    this.#ack = new AckCounter({ send: sendAck });
  }

  /** Output from the session: parsed now when `visible`, else held for the background writer. */
  write(bytes: Uint8Array, visible: boolean): void {
    if (visible) {
      this.background.foreground(bytes.byteLength); // hidden terminals yield to a visible flood
      return this.writeNow(bytes);
    }
    this.#pending.push(bytes);
    this.background.wake(this.owner);
  }

  get hasPending(): boolean {
    return this.#pending.hasPending;
  }

  drain(budget: number): number {
    return this.#pending.drain(budget, this.writeNow);
  }

  /** Into xterm now; counted and acked once parsed. */
  readonly writeNow = (bytes: Uint8Array): void => {
    const n = bytes.byteLength;
    this.term.write(bytes, () => {
      this.#parsed += n;
      this.#ack.parsed(n);
    });
  };

  /** Output bytes xterm has parsed since the tab opened. */
  get parsedBytes(): number {
    return this.#parsed;
  }

  /** The terminal shows again: the background writer lets it go, and what it held is parsed now. */
  shown(): void {
    this.background.forget(this.owner);
    this.#flush();
  }

  /** A restarted session starts flow control from zero; the old session's output still held is parsed now, before anything the new one writes. */
  restarted(): void {
    this.#ack.reset();
    this.#flush();
  }

  /** Another window took the session: no more acks. */
  released(): void {
    this.#ack.dispose();
  }

  dispose(): void {
    this.#ack.dispose();
    this.background.forget(this.owner);
    this.#pending.clear();
  }

  #flush(): void {
    for (const chunk of this.#pending.takeAll()) this.writeNow(chunk);
  }
}
