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

/**
 * From the filter into what it found: the first matching container or instance (what a filter is
 * mostly typed to reach), else the first match, else the tree's usual entry. The row's focus
 * selects it, so Enter there opens it.
 */
export function focusFirstMatch(): boolean {
  const matches = [...document.querySelectorAll<HTMLElement>('[role="tree"] [role="treeitem"].is-match')];
  const target = matches.find((r) => r.dataset['nodeKind'] === 'container' || r.dataset['nodeKind'] === 'instance') ?? matches[0];
  if (target === undefined) return focusTree();
  target.focus();
  target.scrollIntoView({ block: 'nearest' });
  return true;
}

/** Nothing has the keyboard: it is on the page body (or nowhere). */
export function keyboardIsLost(): boolean {
  return document.activeElement === null || document.activeElement === document.body;
}
