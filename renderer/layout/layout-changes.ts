// The layout keys this window changed and main has not kept yet. Only those keys are sent, and main
// merges them into the saved layout (settings.changeLayout), so a window never sends its copy of a
// size another window changed since. A save that could not be kept goes again with the next save,
// which the owner schedules when told (notKept), so it is not left waiting for another change.
import type { Layout, LayoutChange } from '../../shared/contract/index.js';

/** Sends a change; true once main kept it, false when it could not (the host link lost, a write that failed). */
export type SendLayoutChange = (change: LayoutChange) => Promise<boolean>;

export class LayoutChanges {
  /** Changed here since the last save. */
  #unsent: LayoutChange = {};
  /** Sent and not answered yet: shown over what main says until main has them. */
  #sending: LayoutChange = {};

  constructor(
    private readonly send: SendLayoutChange,
    /** Told when a save was not kept: its keys are waiting for the next save. */
    private readonly notKept: () => void = () => undefined,
  ) {}

  note(change: LayoutChange): void {
    this.#unsent = { ...this.#unsent, ...change };
  }

  /** Sends what changed since the last save that was kept; nothing when nothing did. */
  save(): void {
    const change = this.#unsent;
    if (Object.keys(change).length === 0) return;
    this.#unsent = {};
    this.#sending = { ...this.#sending, ...change };
    void this.send(change).then((kept) => {
      const sending = { ...this.#sending };
      for (const key of Object.keys(change) as Array<keyof Layout>) if (sending[key] === change[key]) delete sending[key];
      this.#sending = sending;
      // Not kept: those keys go again with the next save, unless this window changed them again meanwhile.
      if (!kept) {
        this.#unsent = { ...change, ...this.#unsent };
        this.notKept();
      }
    });
  }

  /** The layout this window shows: main's, with what it changed and main does not have yet on top. */
  shown(saved: Layout): Layout {
    return { ...saved, ...this.#sending, ...this.#unsent };
  }
}
