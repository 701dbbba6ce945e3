// A press on something that does not take the keyboard (the tree's empty space or its header, the
// panel's tab row, the tab strip's empty end, a terminal's margin, the status bar) leaves it on the
// page body, where no key does anything. As in VS Code, it goes back to what the place belongs to:
// the tree's current row in the tree, the panel's tab in its tab row, the active terminal in the
// terminal area (else the tree). Not when the press selected text (it keeps its selection), nor
// inside a dialog, popover or menu, which keep their own focus rules. The panel's body takes the
// keyboard itself (a tabpanel with tabindex -1), so a press there keeps it in the panel.

/** Where the keyboard goes after a press on `target` left it on the body; null: leave it. */
export type BlankClickHome = 'tree' | 'panel-tab' | 'terminal';

/** Places with focus rules of their own. */
const OWN_FOCUS_RULES = '[role="dialog"], [role="alertdialog"], [role="menu"], [role="listbox"], [data-overlay]';

export function blankClickHome(target: Element): BlankClickHome | null {
  if (target.closest(OWN_FOCUS_RULES) !== null) return null;
  if (target.closest('#targets-pane, .tree-rail') !== null) return 'tree';
  if (target.closest('#bottom-panel') !== null) return 'panel-tab';
  return 'terminal';
}

/** The tree's current row (its Tab stop), focused where it is: a press on empty space scrolls nothing. */
function focusTreeRow(): boolean {
  const row = document.querySelector<HTMLElement>('[role="tree"] [role="treeitem"][tabindex="0"]') ?? document.querySelector<HTMLElement>('[role="tree"] [role="treeitem"]');
  row?.focus({ preventScroll: true });
  return row !== null;
}

function focusPanelTabStop(): boolean {
  const tab = document.querySelector<HTMLElement>('#bottom-panel [role="tab"][tabindex="0"]');
  tab?.focus({ preventScroll: true });
  return tab !== null;
}

interface Work {
  /** Focuses the active terminal; false when there is none. */
  focusTerminal(): boolean;
}

/** Installs the rule on the document; returns its removal. */
export function installBlankClickFocus(work: Work): () => void {
  const onClick = (e: MouseEvent): void => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (e.button !== 0 || !lost || !(e.target instanceof Element)) return;
    if (window.getSelection()?.isCollapsed === false) return;
    const home = blankClickHome(e.target);
    if (home === 'tree') focusTreeRow();
    else if (home === 'panel-tab') focusPanelTabStop();
    else if (home === 'terminal' && !work.focusTerminal()) focusTreeRow();
  };
  document.addEventListener('click', onClick);
  return () => document.removeEventListener('click', onClick);
}
