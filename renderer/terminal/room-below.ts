// Room under an ended session's text for the bar that says it ended. The bar floats over the
// terminal's last rows instead of shrinking it (a refit moves every row the person was reading);
// when the last text would lie under it, the terminal moves on by a few blank lines, as it does
// when a line is printed, so the last output stays in sight above the bar.

/** The view at the bottom of the buffer: its rows, the cursor's row and the last row holding text (-1: none), counted from its top. */
export interface ViewEnd {
  readonly rows: number;
  readonly cursorRow: number;
  readonly lastTextRow: number;
}

/** Line feeds to write at the cursor so the last text is above the view's last `covered` rows; 0 when it already is. */
export function feedsToClear(view: ViewEnd, covered: number): number {
  // A bar as tall as the view leaves no room to move the text into.
  if (covered <= 0 || covered >= view.rows) return 0;
  const lift = view.lastTextRow - (view.rows - covered - 1);
  if (lift <= 0) return 0;
  // The cursor goes down to the last row first; each feed past it moves the text up one row.
  return view.rows - 1 - view.cursorRow + lift;
}

/** How many of the screen's rows lie at or below `coverTop` (px): a row partly under the bar counts. */
export function rowsUnder(coverTop: number, screen: { readonly top: number; readonly height: number }, rows: number): number {
  const cellHeight = screen.height / rows;
  const clear = Math.floor((coverTop - screen.top) / cellHeight);
  return Math.min(rows, Math.max(0, rows - clear));
}

/** The last row of the bottom view that holds text, counted from the view's top; -1 when none does. */
export function lastTextRow(buffer: { readonly baseY: number; getLine(y: number): { translateToString(trimRight?: boolean): string } | undefined }, rows: number): number {
  for (let row = rows - 1; row >= 0; row--) {
    if ((buffer.getLine(buffer.baseY + row)?.translateToString(true).length ?? 0) > 0) return row;
  }
  return -1;
}
