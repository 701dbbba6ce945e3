import { describe, expect, it } from 'vitest';
import { LAYOUT_BOUNDS } from '../../shared/contract/index.js';
import { clamp, cssValue, LAYOUT, panelHeightMax, treeWidthMax } from './layout-store.js';

describe('layout bounds', () => {
  it('leaves the terminal its minimum width beside the tree, never below the tree minimum', () => {
    expect(treeWidthMax(1440)).toBe(1440 - LAYOUT.TERMINAL_MIN_WIDTH);
    expect(treeWidthMax(400)).toBe(LAYOUT_BOUNDS.TREE_WIDTH_MIN);
    expect(treeWidthMax(5000)).toBe(LAYOUT_BOUNDS.TREE_WIDTH_MAX);
  });

  it('leaves the terminal its minimum height above the panel', () => {
    expect(panelHeightMax(600)).toBe(600 - LAYOUT.TERMINAL_MIN_HEIGHT);
    expect(panelHeightMax(200)).toBe(LAYOUT_BOUNDS.PANEL_HEIGHT_MIN);
  });

  it('clamps and writes CSS values in the units the style sheets expect', () => {
    expect(clamp(50, 180, 600)).toBe(180);
    expect(clamp(900, 180, 600)).toBe(600);
    expect(cssValue('treeWidth', 320)).toBe('320px');
    expect(cssValue('splitRatio', 0.62)).toBe('0.62');
  });
});
