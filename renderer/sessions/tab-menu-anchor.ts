// Where a tab's menu opens: under the tab strip, so it never covers the tab it is about (its
// title, its status dot). A right-click opens it under the pointer's column; the keyboard
// (Shift+F10, the menu key) opens it under the tab's start, as the tree's menu opens under its row.
// A tab partly scrolled out of the strip is scrolled into view first (TabStrip.tsx); the menu's
// column stays within the strip's visible part either way, and ContextMenu keeps it in the window.

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
 * opened the menu; `strip` is the tab strip's visible box (the tab's own when there is none).
 */
export function tabMenuAnchor(tab: TabBox, strip: TabBox, pointerX: number | null): { readonly x: number; readonly y: number } {
  const x = pointerX === null ? tab.left : Math.min(Math.max(pointerX, tab.left), tab.right);
  // Under the part of the tab that shows: a tab (or its start) out of the strip's view is never pointed at.
  const shown = Math.min(Math.max(x, strip.left), Math.max(strip.left, strip.right));
  return { x: shown, y: Math.max(strip.bottom, tab.bottom) + TAB_MENU_ANCHOR.GAP_PX };
}
