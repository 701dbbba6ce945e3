// Short messages at the bottom right ("Copied localhost:8080", a failed action in plain words).
import { Store } from '../state/store.js';

export const TOAST = {
  /** Long enough to read a sentence; errors stay twice as long. */
  SHOW_MS: 3500,
  /** A notice that carries a path or an action to take stays long enough to read the path and act. */
  ACTION_MS: 12_000,
  /** Older toasts go first when more pile up than a corner can show. */
  MAX_VISIBLE: 4,
} as const;

export interface ToastAction {
  readonly label: string;
  readonly run: () => void;
}

export interface Toast {
  readonly id: number;
  readonly text: string;
  readonly tone: 'info' | 'error';
  readonly actions: readonly ToastAction[];
}

export class ToastStore extends Store<readonly Toast[]> {
  #nextId = 1;

  constructor() {
    super([]);
  }

  /**
   * A sticky toast stays until clicked (a notice about saved data must not slip by unread); one
   * with actions (Copy path) stays long enough to act on.
   */
  show(text: string, tone: Toast['tone'] = 'info', options: { sticky?: boolean; actions?: readonly ToastAction[] } = {}): void {
    const id = this.#nextId++;
    const actions = options.actions ?? [];
    this.change((list) => [...list, { id, text, tone, actions }].slice(-TOAST.MAX_VISIBLE));
    if (options.sticky === true) return;
    setTimeout(() => this.dismiss(id), actions.length > 0 ? TOAST.ACTION_MS : tone === 'error' ? TOAST.SHOW_MS * 2 : TOAST.SHOW_MS);
  }

  dismiss(id: number): void {
    this.change((list) => list.filter((t) => t.id !== id));
  }
}
