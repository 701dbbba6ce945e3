// Short messages at the bottom right ("Copied localhost:8080", a failed action in plain words).
import { Store } from '../state/store.js';

export const TOAST = {
  /** Long enough to read a sentence; errors stay twice as long. */
  SHOW_MS: 3500,
  /** Older toasts go first when more pile up than a corner can show. */
  MAX_VISIBLE: 4,
} as const;

export interface Toast {
  readonly id: number;
  readonly text: string;
  readonly tone: 'info' | 'error';
}

export class ToastStore extends Store<readonly Toast[]> {
  #nextId = 1;

  constructor() {
    super([]);
  }

  /** A sticky toast stays until clicked (a notice about saved data must not slip by unread). */
  show(text: string, tone: Toast['tone'] = 'info', options: { sticky?: boolean } = {}): void {
    const id = this.#nextId++;
    this.change((list) => [...list, { id, text, tone }].slice(-TOAST.MAX_VISIBLE));
    if (options.sticky === true) return;
    setTimeout(() => this.dismiss(id), tone === 'error' ? TOAST.SHOW_MS * 2 : TOAST.SHOW_MS);
  }

  dismiss(id: number): void {
    this.change((list) => list.filter((t) => t.id !== id));
  }
}
