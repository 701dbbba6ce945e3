// Modal questions the UI asks (close a live session? paste 40 lines?), one at a time, as promises.
import { Store } from '../state/store.js';

export interface ConfirmRequest {
  readonly title: string;
  readonly message: string;
  readonly confirmLabel: string;
  readonly danger?: boolean;
}

interface Open extends ConfirmRequest {
  readonly id: number;
  readonly resolve: (ok: boolean) => void;
}

export class DialogStore extends Store<{ readonly current: Open | null; readonly queue: readonly Open[] }> {
  #nextId = 1;

  constructor() {
    super({ current: null, queue: [] });
  }

  confirm(request: ConfirmRequest): Promise<boolean> {
    return new Promise((resolve) => {
      const open: Open = { ...request, id: this.#nextId++, resolve };
      this.change((s) => (s.current === null ? { current: open, queue: s.queue } : { current: s.current, queue: [...s.queue, open] }));
    });
  }

  answer(ok: boolean): void {
    const current = this.state.current;
    if (current === null) return;
    current.resolve(ok);
    this.change((s) => ({ current: s.queue[0] ?? null, queue: s.queue.slice(1) }));
  }
}
