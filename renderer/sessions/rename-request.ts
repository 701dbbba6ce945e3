// Asks a tab to show its rename box (the palette's Rename tab…): the box lives in the tab's own
// component, which F2, a double-click and its menu's Rename… open directly.
import { Store } from '../state/store.js';

export class RenameRequestStore extends Store<string | null> {
  constructor() {
    super(null);
  }

  /** The tab with this key shows its rename box. */
  request(key: string): void {
    this.set(key);
  }

  /** The tab has taken the request. */
  taken(): void {
    this.set(null);
  }
}
