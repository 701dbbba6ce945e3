// The tree's open branches and selection, kept across reloads and restarts in settings (main's
// atomic writer). Restoring opens a remembered branch once its parent's children are loaded and
// it is among them, so AWS is asked only about what was open; one that its parent's children no
// longer hold is forgotten quietly. Under a parent that could not be loaded (an expired login, say)
// the remembered places wait until it loads. A window saves only what it changed (shared/tree-view.ts),
// so two windows or browser tabs each keep their open branches.
import { SETTINGS_BOUNDS, type TreePlace, type TreeView, type TreeViewChange } from '../../shared/contract/index.js';

export const TREE_MEMORY = {
  /** Save this long after the last change: arrow keys move the selection ~30×/s and a restore opens several branches at once; one write for all of it. */
  SAVE_DELAY_MS: 400,
  /** A save main could not keep (the host link down, a failed write) is tried again this long after, not only with the next change. */
  RESEND_DELAY_MS: 5_000,
} as const;

/** Where the view is kept: settings in the app, a fake in tests. */
export interface TreeMemoryStore {
  /** The view saved last, by any window; null when none was (a first start, or settings could not be read). */
  saved(): Promise<TreeView | null>;
  /** What this window changed since its last save or the restore; merged into the saved view. True once kept, false when it could not be (the window sends it again with its next save). */
  save(change: TreeViewChange): Promise<boolean>;
}

/** What one parent's loaded children decide among the remembered places. */
export interface Resumed {
  /** Remembered as open and still there: open them (their children are loaded in turn). */
  readonly open: readonly string[];
  /** The remembered selection, when it is among these children. */
  readonly select: string | null;
}

export class TreeRestore {
  /** Remembered open places not yet met, by id. */
  readonly #waiting = new Map<string, TreePlace>();
  #selection: TreePlace | null;

  constructor(view: TreeView) {
    for (const place of view.open) this.#waiting.set(place.id, place);
    this.#selection = view.selected;
  }

  /** A parent's children are loaded: the remembered ones among them to open and select; the rest remembered under it are gone. */
  childrenLoaded(parent: string, children: readonly string[]): Resumed {
    const here = new Set(children);
    const open: string[] = [];
    for (const [id, place] of this.#waiting) {
      if (place.parent !== parent) continue;
      this.#waiting.delete(id);
      if (here.has(id)) open.push(id);
    }
    let select: string | null = null;
    if (this.#selection?.parent === parent) {
      if (here.has(this.#selection.id)) select = this.#selection.id;
      this.#selection = null;
    }
    return { open, select };
  }

  /** The person selected something: the remembered selection no longer applies. */
  dropSelection(): void {
    this.#selection = null;
  }

  /** Remembered places not met yet (their parent is not loaded or failed): still worth saving. */
  get waiting(): readonly TreePlace[] {
    return [...this.#waiting.values()];
  }

  get waitingSelection(): TreePlace | null {
    return this.#selection;
  }
}

/**
 * The view to save: what is open now and what still waits to be restored, each once, in a stable
 * order (an unchanged view is not written again), bounded as the contract requires.
 */
export function treeView(open: readonly TreePlace[], selected: TreePlace | null, restore: TreeRestore | null): TreeView {
  const byId = new Map<string, TreePlace>();
  for (const place of [...open, ...(restore?.waiting ?? [])]) if (!byId.has(place.id)) byId.set(place.id, place);
  const places = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, SETTINGS_BOUNDS.TREE_OPEN_MAX);
  return { open: places, selected: selected ?? restore?.waitingSelection ?? null };
}

/** A loaded node's place: the branch whose children hold it; null when no loaded branch does. */
export function placeOf(branches: ReadonlyMap<string, { readonly children: readonly { readonly id: string }[] }>, id: string): TreePlace | null {
  for (const [parent, branch] of branches) if (branch.children.some((c) => c.id === id)) return { id, parent };
  return null;
}
