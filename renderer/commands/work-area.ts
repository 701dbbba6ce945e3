// Which part of the window the palette's target commands (New port forward…, Upload file…,
// Download file…, Diagnose) act on, as VS Code's commands act on the focused part: the targets
// tree (its selected node) or the terminals (the active tab's target), whichever last had the
// keyboard. The palette itself, dialogs, the bottom panel and the status bar leave it as it was,
// so a command picked there acts on what the user was working in before.
import { Store } from '../state/store.js';

export type WorkArea = 'tree' | 'terminal';

/** The part an element is in: the tree pane (rows, filter, target details) or the terminal pane (tabs, terminals, find bar); null elsewhere. */
export function workAreaOf(el: Pick<Element, 'closest'>): WorkArea | null {
  if (el.closest('.tree-pane') !== null) return 'tree';
  if (el.closest('.terminal-pane') !== null) return 'terminal';
  return null;
}

/** The part that last had the keyboard; null until one of them has had it. */
export class WorkAreaStore extends Store<WorkArea | null> {
  constructor() {
    super(null);
  }

  /** The keyboard went to this element: its part, when it is in one, becomes the current one. */
  focused(el: Pick<Element, 'closest'>): void {
    const area = workAreaOf(el);
    if (area !== null) this.set(area);
  }

  /** Follows the document's focus; returns the undo. */
  track(doc: Document): () => void {
    const onFocus = (e: FocusEvent): void => {
      if (e.target instanceof Element) this.focused(e.target);
    };
    doc.addEventListener('focusin', onFocus);
    return () => doc.removeEventListener('focusin', onFocus);
  }
}
