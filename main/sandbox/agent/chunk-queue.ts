/**
 * First-in first-out queue of output chunks with O(1) removal at the head. A pump may hold a
 * whole command's output at once (NonInteractiveCommands without separate streams hands it
 * over when the command exits: 32 MB is 32,768 chunks), and `Array.prototype.shift` moves
 * every remaining element: that alone was a fifth of the sandbox's CPU in the engine bench.
 */

/** Compact once this many consumed slots sit at the front, and they are at least half the array. */
const COMPACT_AFTER = 1024;

export class ChunkQueue<T> {
  private items: T[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  /** The oldest item, removed; undefined when empty. */
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head] as T;
    this.head++;
    if (this.head === this.items.length) this.clear();
    else if (this.head >= COMPACT_AFTER && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}
