// The tree's keyboard entry: the row holding its tab stop (the selected one, else the first), or
// its filter when it has no rows. Used by the focus commands and wherever the keyboard would
// otherwise fall on the page body (the last tab closed).

/** Focuses the tree; false when the tree is not showing (collapsed to its rail). */
export function focusTree(): boolean {
  const row = document.querySelector<HTMLElement>('[role="tree"] [role="treeitem"][tabindex="0"]') ?? document.querySelector<HTMLElement>('[role="tree"] [role="treeitem"]');
  const target = row ?? document.querySelector<HTMLElement>('.tree-filter input');
  target?.focus();
  return target !== null;
}

/** Nothing has the keyboard: it is on the page body (or nowhere). */
export function keyboardIsLost(): boolean {
  return document.activeElement === null || document.activeElement === document.body;
}
