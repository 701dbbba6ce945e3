// The tree's saved view (open branches and selection) as several windows share it. Each window
// sends what it changed since its last save (treeViewChange) and main merges that into the saved
// view (withTreeViewChange), one change at a time through the settings writer. So a branch stays
// open until a window closes it, the selection is the one picked last in any window, and a new
// window (or a restart) opens what was open in all of them.
import { SETTINGS_BOUNDS, type TreePlace, type TreeView, type TreeViewChange } from './contract/settings.js';

export const EMPTY_TREE_VIEW: TreeView = { open: [], selected: null };

function samePlace(a: TreePlace | null, b: TreePlace | null): boolean {
  return a === b || (a !== null && b !== null && a.id === b.id && a.parent === b.parent);
}

/** What changed from `before` (the view this window saved or restored last) to `after`; null when nothing did. */
export function treeViewChange(before: TreeView, after: TreeView): TreeViewChange | null {
  const was = new Map(before.open.map((p) => [p.id, p]));
  const now = new Set(after.open.map((p) => p.id));
  const opened = after.open.filter((p) => !samePlace(was.get(p.id) ?? null, p));
  const closed = before.open.filter((p) => !now.has(p.id)).map((p) => p.id);
  const selectionChanged = !samePlace(before.selected, after.selected);
  if (opened.length === 0 && closed.length === 0 && !selectionChanged) return null;
  return { opened, closed, ...(selectionChanged ? { selected: after.selected } : {}) };
}

/**
 * The saved view after one window's change: its closed branches go, its opened ones are added
 * (newest last; past the bound the oldest go), every other window's stay; the selection changes
 * only when this window's did.
 */
export function withTreeViewChange(saved: TreeView | null, change: TreeViewChange): TreeView {
  const base = saved ?? EMPTY_TREE_VIEW;
  const opened = new Map(change.opened.map((p) => [p.id, p])); // an id named twice: the last place
  const gone = new Set([...change.closed, ...opened.keys()]);
  const open = [...base.open.filter((p) => !gone.has(p.id)), ...opened.values()].slice(-SETTINGS_BOUNDS.TREE_OPEN_MAX);
  return { open, selected: change.selected === undefined ? base.selected : change.selected };
}
