import { describe, expect, it } from 'vitest';
import { TAB_MENU_ANCHOR, tabMenuAnchor } from './tab-menu-anchor.js';

const tab = { left: 120, right: 300, bottom: 34 };

describe('tabMenuAnchor', () => {
  it('opens a right-click menu under the strip at the pointer column, below the tab', () => {
    expect(tabMenuAnchor(tab, 35, 200)).toEqual({ x: 200, y: 35 + TAB_MENU_ANCHOR.GAP_PX });
  });

  it('opens a keyboard menu under the tab start', () => {
    expect(tabMenuAnchor(tab, 35, null)).toEqual({ x: 120, y: 35 + TAB_MENU_ANCHOR.GAP_PX });
  });

  it('keeps the menu under its tab when the pointer column is outside it, and below the lower of tab and strip', () => {
    expect(tabMenuAnchor(tab, 30, 500)).toEqual({ x: 300, y: 34 + TAB_MENU_ANCHOR.GAP_PX });
    expect(tabMenuAnchor(tab, 30, 10).x).toBe(120);
  });
});
