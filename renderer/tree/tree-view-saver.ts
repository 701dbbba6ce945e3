// This window's part in the tree's saved view (open branches and selection): a moment after its
// open set or selection changes, what changed since its last save (or the restore) goes to main,
// which merges it with the other windows' (shared/tree-view.ts). A save main could not keep goes
// again a few seconds later (TREE_MEMORY.RESEND_DELAY_MS), or sooner with the next change.
import type { TreeView } from '../../shared/contract/index.js';
import { EMPTY_TREE_VIEW, treeViewChange } from '../../shared/tree-view.js';
import { placeOf, TREE_MEMORY, treeView, type TreeMemoryStore, type TreeRestore } from './tree-memory.js';

/** What of the tree's state the saved view is made from. */
export interface TreeViewSource {
  readonly branches: ReadonlyMap<string, { readonly children: readonly { readonly id: string }[] }>;
  readonly expanded: ReadonlySet<string>;
  readonly selected: string | null;
}

export class TreeViewSaver {
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** This window's view as last saved (or restored): only what changed from it is sent, and nothing when nothing did. */
  #saved: TreeView = EMPTY_TREE_VIEW;
  /** The open set and selection the last change saw: other changes (loads, progress) save nothing. */
  #seen: Pick<TreeViewSource, 'expanded' | 'selected'> = { expanded: new Set(), selected: null };

  constructor(
    private readonly memory: TreeMemoryStore,
    /** The tree's state now, and the remembered view still being restored (null: none). */
    private readonly source: () => TreeViewSource,
    private readonly restore: () => TreeRestore | null,
  ) {}

  /** A remembered view is being restored: what is saved from now on is what changes from it. */
  restored(): void {
    this.#saved = treeView([], null, this.restore());
  }

  /** The tree's state changed: a save follows shortly when its open set or selection did. */
  changed(): void {
    const { expanded, selected } = this.source();
    if (expanded === this.#seen.expanded && selected === this.#seen.selected) return;
    this.#seen = { expanded, selected };
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.flush(), TREE_MEMORY.SAVE_DELAY_MS);
  }

  /** Saves what this window changed in the open branches and the selection since its last save, now. */
  flush(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const { branches, expanded, selected } = this.source();
    const open = [...expanded].flatMap((id) => placeOf(branches, id) ?? []);
    const view = treeView(open, selected === null ? null : placeOf(branches, selected), this.restore());
    const change = treeViewChange(this.#saved, view);
    if (change === null) return;
    const previous = this.#saved;
    this.#saved = view;
    void this.memory.save(change).then((kept) => {
      // Not kept (the host link was lost, say): the next save diffs from the view before it, so this change goes again, a little later at the latest.
      if (!kept && this.#saved === view) {
        this.#saved = previous;
        this.#timer ??= setTimeout(() => this.flush(), TREE_MEMORY.RESEND_DELAY_MS);
      }
    });
  }
}
