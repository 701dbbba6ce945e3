// The port forward form: open or closed, the target it was opened for (if any), and, when it edits
// a forward already in the panel, that forward and whether it is saved. A form set aside for a
// diagnosis of its target keeps what was typed: the next New forward (or Edit… of the same
// forward) opens with it.
import type { ForwardInfo, TargetRef } from '../../shared/contract/index.js';
import { Store } from '../state/store.js';
import type { FormFields } from './forward-edit.js';

/** The forward the form edits (its settings prefill the form; saving applies them to it). */
export interface EditedForward {
  readonly forward: ForwardInfo;
  /** Its saved entry, when it is saved (the form's Saved box starts ticked). */
  readonly savedId: string | null;
}

/** What was typed in a form set aside (Diagnose from its refusal), to open with again. */
export interface TypedForward {
  readonly fields: FormFields;
  /** The "Follow service" box as it was left. */
  readonly follow: boolean;
}

export interface Draft {
  readonly target: TargetRef | null;
  readonly title: string;
  /** Absent: a new forward. */
  readonly edit?: EditedForward;
  /** Present: the form opens with these values instead of the defaults (or the forward's own). */
  readonly typed?: TypedForward;
}

export class ForwardDraftStore extends Store<Draft | null> {
  /** The form set aside for a diagnosis, until the next open or edit takes it back. */
  #aside: Draft | null = null;

  constructor() {
    super(null);
  }

  /** Opens a new forward's form; one set aside comes back with its values (on `target` when one is given). */
  open(target: TargetRef | null, title: string): void {
    const aside = this.#takeAside();
    if (aside !== null && aside.edit === undefined) this.set(target === null ? aside : { ...aside, target, title });
    else this.set({ target, title });
  }

  /** Opens the form on a forward of the panel, to change its settings; set aside for it, it comes back as typed. */
  edit(forward: ForwardInfo, savedId: string | null): void {
    const aside = this.#takeAside();
    if (aside?.edit?.forward.id === forward.id) this.set({ ...aside, edit: { forward, savedId } });
    else this.set({ target: forward.spec.target, title: forward.spec.targetLabel?.name ?? '', edit: { forward, savedId } });
  }

  /** Closes the form for a diagnosis of its target, keeping `draft` (with what was typed) for the next open. */
  setAside(draft: Draft): void {
    this.#aside = draft;
    this.set(null);
  }

  close(): void {
    this.set(null);
  }

  #takeAside(): Draft | null {
    const aside = this.#aside;
    this.#aside = null;
    return aside;
  }
}
