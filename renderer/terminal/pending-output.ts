// Output of a hidden terminal, held until the background writer's budget lets xterm parse it
// (bounded by main's flow-control window: nothing is acked before it is parsed).

export class PendingOutput {
  readonly #chunks: Uint8Array[] = [];

  get hasPending(): boolean {
    return this.#chunks.length > 0;
  }

  push(bytes: Uint8Array): void {
    this.#chunks.push(bytes);
  }

  /** Hands `write` up to `budget` bytes, oldest first (splitting a chunk at the budget); returns how many. */
  drain(budget: number, write: (bytes: Uint8Array) => void): number {
    let written = 0;
    while (written < budget && this.#chunks.length > 0) {
      const next = this.#chunks[0];
      if (next === undefined) break;
      const room = budget - written;
      const chunk = next.byteLength <= room ? next : next.subarray(0, room);
      if (chunk === next) this.#chunks.shift();
      else this.#chunks[0] = next.subarray(room);
      write(chunk);
      written += chunk.byteLength;
    }
    return written;
  }

  /** Everything held, oldest first; nothing is held afterwards. */
  takeAll(): Uint8Array[] {
    return this.#chunks.splice(0);
  }

  clear(): void {
    this.#chunks.length = 0;
  }
}
