import { describe, expect, it } from 'vitest';
import { TAB_MENU_ANCHOR, tabMenuAnchor } from './tab-menu-anchor.js';

const tab = { left: 120, right: 300, bottom: 34 };
/** The strip's visible part, wider than the tab; its lower edge one below the tab's. */
const strip = (bottom: number) => ({ left: 40, right: 900, bottom });

describe('tabMenuAnchor', () => {
  it('opens a right-click menu under the strip at the pointer column, below the tab', () => {
    expect(tabMenuAnchor(tab, strip(35), 200)).toEqual({ x: 200, y: 35 + TAB_MENU_ANCHOR.GAP_PX });
  });

  it('opens a keyboard menu under the tab start', () => {
    expect(tabMenuAnchor(tab, strip(35), null)).toEqual({ x: 120, y: 35 + TAB_MENU_ANCHOR.GAP_PX });
  });

  it('keeps the menu under its tab when the pointer column is outside it, and below the lower of tab and strip', () => {
    expect(tabMenuAnchor(tab, strip(30), 500)).toEqual({ x: 300, y: 34 + TAB_MENU_ANCHOR.GAP_PX });
    expect(tabMenuAnchor(tab, strip(30), 10).x).toBe(120);
  });

  it('points at the part of the strip that shows when the tab starts out of its view', () => {
    // Scrolled partly out at the strip's left (its start under the tree pane, or left of the window).
    expect(tabMenuAnchor({ left: -60, right: 80, bottom: 34 }, strip(35), null)).toEqual({ x: 40, y: 35 + TAB_MENU_ANCHOR.GAP_PX });
    // Wholly out at its right.
    expect(tabMenuAnchor({ left: 1200, right: 1340, bottom: 34 }, strip(35), null).x).toBe(900);
  });
});
