// Keeps the find bar off the match it found. The bar floats over a corner of the terminal (as VS
// Code's find widget does); a match under it is scrolled out from under it, and when the
// scrollback cannot scroll that far (the match is on the first lines, or the last), or the view is
// following the output at the bottom, the bar moves to the other edge instead, as a browser's find
// bar steps aside from the match.

/** A match in cells of the view: rows counted from the view's top, columns end-exclusive on its last row. */
export interface MatchCells {
  readonly startRow: number;
  readonly startCol: number;
  readonly endRow: number;
  readonly endCol: number;
}

/** The find bar in cells: the rows it covers at the view's top or bottom edge, from column `fromCol` to the right edge. */
export interface BarCells {
  readonly edge: 'top' | 'bottom';
  readonly rows: number;
  readonly fromCol: number;
}

/** The view: its size, and how many lines of the buffer lie above and below it. */
export interface ViewCells {
  readonly rows: number;
  readonly cols: number;
  readonly above: number;
  readonly below: number;
}

/** Nothing to do; scroll by `lines` (negative: up, to older output); or move the bar to the other edge. */
export type Reveal = { readonly kind: 'clear' } | { readonly kind: 'scroll'; readonly lines: number } | { readonly kind: 'move' };

/** Whether any cell of the match lies under the bar. */
export function matchUnderBar(match: MatchCells, bar: BarCells, view: ViewCells): boolean {
  const [first, last] = bar.edge === 'top' ? [0, bar.rows - 1] : [view.rows - bar.rows, view.rows - 1];
  for (let row = Math.max(match.startRow, first); row <= Math.min(match.endRow, last); row++) {
    const end = row === match.endRow ? match.endCol : view.cols;
    if (end > bar.fromCol) return true;
  }
  return false;
}

export function revealMatch(match: MatchCells, bar: BarCells, view: ViewCells): Reveal {
  if (bar.rows <= 0 || !matchUnderBar(match, bar, view)) return { kind: 'clear' };
  if (bar.edge === 'top') {
    // A view at the bottom of the buffer follows the output, its prompt on its last rows: scrolling
    // it would drop the prompt out of sight and stop it following, on every letter typed. The bar
    // steps aside instead, as VS Code never scrolls for a match already in view.
    if (view.below === 0) return { kind: 'move' };
    // Down the view until the match's first row is just below the bar: the view scrolls up.
    const lines = bar.rows - match.startRow;
    return lines <= view.above ? { kind: 'scroll', lines: -lines } : { kind: 'move' };
  }
  const lines = match.endRow - (view.rows - bar.rows) + 1;
  return lines <= view.below ? { kind: 'scroll', lines } : { kind: 'move' };
}

/** The bar's box in cells of the terminal's screen (both boxes in the same pixels). */
export function barCells(bar: DOMRectReadOnly, screen: DOMRectReadOnly, rows: number, cols: number): BarCells {
  const cellHeight = screen.height / rows;
  const cellWidth = screen.width / cols;
  const top = bar.top + bar.height / 2 < screen.top + screen.height / 2;
  const coveredPx = top ? bar.bottom - screen.top : screen.bottom - bar.top;
  const covered = Math.min(rows, Math.max(0, Math.ceil(coveredPx / cellHeight)));
  const fromCol = Math.min(cols, Math.max(0, Math.floor((bar.left - screen.left) / cellWidth)));
  return { edge: top ? 'top' : 'bottom', rows: covered, fromCol };
}
