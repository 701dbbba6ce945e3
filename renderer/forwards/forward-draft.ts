// The port forward form: open or closed, the target it was opened for (if any), and, when it edits
// a forward already in the panel, that forward and whether it is saved.
import type { ForwardInfo, TargetRef } from '../../shared/contract/index.js';
import { Store } from '../state/store.js';

/** The forward the form edits (its settings prefill the form; saving applies them to it). */
export interface EditedForward {
  readonly forward: ForwardInfo;
  /** Its saved entry, when it is saved (the form's Saved box starts ticked). */
  readonly savedId: string | null;
}

export interface Draft {
  readonly target: TargetRef | null;
  readonly title: string;
  /** Absent: a new forward. */
  readonly edit?: EditedForward;
}

export class ForwardDraftStore extends Store<Draft | null> {
  constructor() {
    super(null);
  }

  open(target: TargetRef | null, title: string): void {
    this.set({ target, title });
  }

  /** Opens the form on a forward of the panel, to change its settings. */
  edit(forward: ForwardInfo, savedId: string | null): void {
    this.set({ target: forward.spec.target, title: forward.spec.targetLabel?.name ?? '', edit: { forward, savedId } });
  }

  close(): void {
    this.set(null);
  }
}
