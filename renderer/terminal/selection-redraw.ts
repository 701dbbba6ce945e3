// xterm 6 redraws every row of a terminal whenever it scrolls, even with nothing selected: each
// scroll asks the selection service for a refresh, which in the next animation frame hands the
// (unchanged, empty) selection to the renderer, and the DOM renderer answers that by rebuilding
// every row at once, outside its own render scheduling and even while rendering is paused for a
// terminal out of view. A flooding terminal scrolls in every frame, so its rows were built twice
// per frame (this redraw and xterm's own), and each hidden terminal written in a tick rebuilt all
// its rows once more. UI bench CPU profile, 8 tabs flooding, unpaced: this path was half of the
// DOM renderer's script time (createRow and replaceChildren under handleSelectionChanged).
//
// The filter passes every change that shows: a selection appearing, moving or going away. It
// drops only "still nothing selected" (no selection, or an empty one: a click leaves start = end,
// which neither renderer highlights), which redraws rows the renderer draws anyway when their
// content changes.
import { renderServiceOf } from './xterm-render-service.js';

type Point = readonly [number, number];

/** The part of xterm's render service the selection service calls (not public API: checked before use). */
export interface SelectionRedrawTarget {
  handleSelectionChanged(start: [number, number] | undefined, end: [number, number] | undefined, columnSelectMode: boolean): void;
}

/** What the renderers draw as selected: both ends set and apart (start = end is a click, not a selection). */
export function showsSelection(start: Point | undefined, end: Point | undefined): boolean {
  return start !== undefined && end !== undefined && (start[0] !== end[0] || start[1] !== end[1]);
}

/** Wraps `target.handleSelectionChanged` so that a redraw from no selection to no selection is dropped. */
export function skipEmptySelectionRedraws(target: SelectionRedrawTarget): void {
  const original = target.handleSelectionChanged.bind(target);
  // The first call always passes, so the renderer's state starts from what xterm says.
  let shown: boolean | null = null;
  target.handleSelectionChanged = (start, end, columnSelectMode) => {
    const shows = showsSelection(start, end);
    if (!shows && shown === false) return;
    shown = shows;
    original(start, end, columnSelectMode);
  };
}

/** The method xterm 6 has takes (start, end, columnSelectMode): one shaped otherwise (a later xterm) is left alone rather than fed a guess. */
const SELECTION_CHANGED_ARITY = 3;

function isTarget(value: unknown): value is SelectionRedrawTarget {
  if (typeof value !== 'object' || value === null) return false;
  const method = (value as { handleSelectionChanged?: unknown }).handleSelectionChanged;
  return typeof method === 'function' && method.length === SELECTION_CHANGED_ARITY;
}

/**
 * Finds the render service of an opened xterm Terminal (its `_core._renderService`, as xterm's own
 * fit addon reads it) and filters its selection redraws. Returns false, changing nothing, when
 * xterm's internals are not shaped as expected (a newer xterm): the terminal then works as before.
 */
export function filterSelectionRedraws(terminal: object): boolean {
  const service = renderServiceOf(terminal);
  if (!isTarget(service)) return false;
  skipEmptySelectionRedraws(service);
  return true;
}
