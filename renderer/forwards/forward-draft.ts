// The "new port forward" form: open or closed, and the target it was opened for (if any).
import type { TargetRef } from '../../shared/contract/index.js';
import { Store } from '../state/store.js';

export interface Draft {
  readonly target: TargetRef | null;
  readonly title: string;
}

export class ForwardDraftStore extends Store<Draft | null> {
  constructor() {
    super(null);
  }

  open(target: TargetRef | null, title: string): void {
    this.set({ target, title });
  }

  close(): void {
    this.set(null);
  }
}
