// Where a tab's menu opens: under the tab strip, so it never covers the tab it is about (its
// title, its status dot). A right-click opens it under the pointer's column; the keyboard
// (Shift+F10, the menu key) opens it under the tab's start, as the tree's menu opens under its row.

export const TAB_MENU_ANCHOR = {
  /** A hairline between the strip's edge and the menu, so the menu's border does not merge with the strip's. */
  GAP_PX: 2,
} as const;

export interface TabBox {
  readonly left: number;
  readonly right: number;
  readonly bottom: number;
}

/**
 * The menu's top-left corner. `pointerX` is the right-click's column, or null when the keyboard
 * opened the menu; `stripBottom` is the tab strip's lower edge (the tab's own when they differ).
 */
export function tabMenuAnchor(tab: TabBox, stripBottom: number, pointerX: number | null): { readonly x: number; readonly y: number } {
  const x = pointerX === null ? tab.left : Math.min(Math.max(pointerX, tab.left), tab.right);
  return { x, y: Math.max(stripBottom, tab.bottom) + TAB_MENU_ANCHOR.GAP_PX };
}
