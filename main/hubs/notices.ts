// Notices of this run for the person: logged, kept (a window that connects later asks for them)
// and sent to every open window. E.g. "forwards.json could not be read; it was set aside as …".
import type { Notice } from '../../shared/contract/index.js';

export const NOTICES = {
  /** A run that keeps failing the same way must not grow without bound; the oldest go first. */
  MAX_KEPT: 50,
  /** Longer than this is cut: a notice is a sentence, not a dump. */
  MAX_LENGTH: 2_000,
} as const;

export class Notices {
  readonly #kept: Notice[] = [];
  #nextId = 0;

  constructor(
    private readonly log: (line: string) => void,
    private readonly send: (notice: Notice) => void,
  ) {}

  add(message: string): void {
    const text = message.length > NOTICES.MAX_LENGTH ? `${message.slice(0, NOTICES.MAX_LENGTH - 1)}…` : message;
    const notice: Notice = { id: this.#nextId++, message: text };
    this.#kept.push(notice);
    if (this.#kept.length > NOTICES.MAX_KEPT) this.#kept.shift();
    this.log(`porthole: ${text}`);
    this.send(notice);
  }

  list(): Notice[] {
    return [...this.#kept];
  }
}
