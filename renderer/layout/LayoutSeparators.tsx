// The three separators the user shapes the layout with — tree | work area, terminal / bottom
// panel, left / right terminal in split view — and the rail a collapsed tree leaves behind.
import { useSyncExternalStore } from 'react';
import { DEFAULT_LAYOUT, LAYOUT_BOUNDS, type Layout } from '../../shared/contract/index.js';
import type { AppModel } from '../root/app-model.js';
import { useModel } from '../root/model-context.js';
import { useStore } from '../state/store.js';
import { clamp, LAYOUT, panelHeightMax, treeWidthMax } from './layout-store.js';
import { Separator } from './Separator.js';

const px = (v: number): string => `${v} pixels`;

/** Re-renders on window resizes, so aria-valuenow/max follow the bounds the window sets. */
function useWindowSize(): string {
  return useSyncExternalStore(
    (changed) => {
      window.addEventListener('resize', changed);
      return () => window.removeEventListener('resize', changed);
    },
    () => `${window.innerWidth}x${window.innerHeight}`,
  );
}

/** Focuses what the next render shows (the control that reopens what Enter just collapsed). */
function focusNextFrame(selector: string): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(selector)?.focus());
}

/** The layout sizes set in pixels by a separator. */
type PixelSize = 'treeWidth' | 'panelHeight';

/**
 * What the tree and panel separators share: a size in pixels from its minimum to a maximum the
 * window sets, shown live while dragged, saved when let go, back to its default on double-click.
 */
function pixelSize(model: AppModel, key: PixelSize, value: number, min: number, max: () => number) {
  return {
    value: clamp(value, min, max()),
    min,
    max,
    step: LAYOUT.STEP_PX,
    bigStep: LAYOUT.BIG_STEP_PX,
    valueText: px,
    preview: (v: number) => model.layout.preview(key, v),
    commit: (v: number) => model.layout.update(sized(key, v)),
    reset: () => model.layout.update(sized(key, DEFAULT_LAYOUT[key])),
  };
}

function sized(key: PixelSize, v: number): Partial<Layout> {
  return key === 'treeWidth' ? { treeWidth: v } : { panelHeight: v };
}

export function TreeSeparator() {
  const model = useModel();
  const { treeWidth } = useStore(model.layout);
  useWindowSize();
  return (
    <Separator
      orientation="vertical"
      label="Targets width"
      controls="targets-pane"
      className="tree-separator"
      testId="tree-separator"
      {...pixelSize(model, 'treeWidth', treeWidth, LAYOUT_BOUNDS.TREE_WIDTH_MIN, () => treeWidthMax(window.innerWidth))}
      fromDrag={(start, delta) => start + delta}
      toggle={() => {
        model.layout.update({ treeCollapsed: true });
        // The separator goes away with the tree: the keyboard moves to what brings it back.
        focusNextFrame('.tree-rail button');
      }}
    />
  );
}

/** The work area's height, read when a bound is needed (the window may have been resized). */
function workAreaHeight(): number {
  return document.querySelector<HTMLElement>('.work-area')?.clientHeight ?? window.innerHeight;
}

export function PanelSeparator() {
  const model = useModel();
  const { panelHeight } = useStore(model.layout);
  useWindowSize();
  return (
    <Separator
      orientation="horizontal"
      label="Bottom panel height"
      controls="bottom-panel"
      className="panel-separator"
      testId="panel-separator"
      {...pixelSize(model, 'panelHeight', panelHeight, LAYOUT_BOUNDS.PANEL_HEIGHT_MIN, () => panelHeightMax(workAreaHeight()))}
      // The panel is below the line: dragging up makes it taller.
      fromDrag={(start, delta) => start - delta}
      toggle={() => {
        model.panel.toggle();
        focusNextFrame('.bottom-panel .panel-tabs .icon-button');
      }}
    />
  );
}

/** In split view: the left terminal's share of the width, in percent. */
export function SplitSeparator() {
  const model = useModel();
  const { splitRatio } = useStore(model.layout);
  const hostWidth = (): number => document.querySelector<HTMLElement>('[data-testid="terminal-host"]')?.clientWidth ?? window.innerWidth;
  return (
    <Separator
      orientation="vertical"
      label="Split between the two terminals"
      className="split-separator"
      testId="split-separator"
      value={Math.round(splitRatio * 100)}
      min={LAYOUT_BOUNDS.SPLIT_RATIO_MIN * 100}
      max={() => LAYOUT_BOUNDS.SPLIT_RATIO_MAX * 100}
      step={LAYOUT.STEP_PERCENT}
      bigStep={LAYOUT.BIG_STEP_PERCENT}
      valueText={(v) => `left terminal ${v} percent`}
      fromDrag={(start, delta) => start + (delta / hostWidth()) * 100}
      preview={(v) => model.layout.preview('splitRatio', v / 100)}
      commit={(v) => model.layout.update({ splitRatio: v / 100 })}
      reset={() => model.layout.update({ splitRatio: DEFAULT_LAYOUT.splitRatio })}
    />
  );
}

/** What a collapsed tree leaves: a narrow rail whose button brings it back. */
export function TreeRail({ shortcut }: { shortcut: string }) {
  const model = useModel();
  return (
    <nav className="tree-rail" aria-label="Targets (collapsed)">
      <button className="icon-button" aria-label="Show targets" title={`Show targets${shortcut ? ` (${shortcut})` : ''}`} onClick={() => model.layout.update({ treeCollapsed: false })}>
        »
      </button>
    </nav>
  );
}
