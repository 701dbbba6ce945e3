// Asks the tree pane to show "Add a region to PROFILE" (the profile menu's and the palette's Add
// region…): the dialog lives in the tree pane, which knows the regions already shown.
import { Store } from '../state/store.js';

export class AddRegionRequestStore extends Store<string | null> {
  constructor() {
    super(null);
  }

  /** The dialog opens for this profile. */
  request(profile: string): void {
    this.set(profile);
  }

  /** The dialog has closed. */
  done(): void {
    this.set(null);
  }
}
