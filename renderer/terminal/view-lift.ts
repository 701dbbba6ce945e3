// Keeps a session's last text in sight above the bar over the view's foot while the session may
// still go on (the host link lost, taken by another window). Nothing may be written
// to such a terminal (the remote owns its cursor: line feeds would move its prompt), and a refit to
// fewer rows would drop the rows below the cursor (a full-screen program's status line) and send
// the remote a new size. So the screen itself is drawn whole rows higher, as far as the last text
// needs and no further: its rows, cursor and selection move together, the buffer and the row count
// stay as they were, and the scrollbar beside it stays put. The rows lifted past the view's top
// are hidden meanwhile, as when output scrolls them up, and come back when the bar goes. The lift
// is for the view at the bottom of the buffer, where the last text is: scrolled up into the
// scrollback, the screen is drawn where xterm puts it, so the top of the scrollback (line 1) can
// be read while the bar shows; back at the bottom, it is drawn higher again.
import type { IBuffer } from '@xterm/xterm';
import { lastTextRow, rowsUnder } from './room-below.js';

/** Whole rows to draw the screen higher so the last text row clears the view's last `covered` rows; 0 when it already does. */
export function rowsToLift(rows: number, lastText: number, covered: number): number {
  // A bar as tall as the view leaves no room to lift the text into.
  if (covered <= 0 || covered >= rows || lastText < 0) return 0;
  return Math.max(0, lastText - (rows - covered - 1));
}

/** The part of xterm a lift reads. */
export interface LiftTerminal {
  readonly rows: number;
  readonly buffer: { readonly active: IBuffer };
}

/** Whether `buffer`'s view is scrolled up from its bottom (the reader is in the scrollback). */
export function scrolledUp(buffer: Pick<IBuffer, 'viewportY' | 'baseY'>): boolean {
  return buffer.viewportY < buffer.baseY;
}

/** The element xterm draws the rows in (.xterm-screen): measured, and moved with the CSS `translate` property (xterm sets no transform of its own there). */
export interface LiftScreen {
  getBoundingClientRect(): { readonly top: number; readonly height: number };
  readonly style: { translate: string };
}

export class ViewLift {
  /** Where the bar starts (px), or null while there is none. */
  #cover: (() => number) | null = null;
  /** Rows the screen is drawn higher now, and by how many px. */
  #rows = 0;
  #px = 0;

  constructor(
    private readonly term: LiftTerminal,
    private readonly screen: () => LiftScreen | null,
  ) {}

  /** Rows lifted now (0: none). */
  get rows(): number {
    return this.#rows;
  }

  /** A bar starts at `coverTop()` (px) over the view's foot, or (null) none does any more. */
  cover(coverTop: (() => number) | null): void {
    this.#cover = coverTop;
    this.update();
  }

  /** Measures again: after the bar, the terminal's size, its text or its scroll position changed. */
  update(): void {
    const screen = this.screen();
    if (screen === null) return;
    const cover = this.#cover;
    // Lifted while scrolled up, the view's top rows (at the top of the scrollback, its first lines) could never be seen.
    if (cover === null || scrolledUp(this.term.buffer.active)) return this.#apply(screen, 0);
    const box = screen.getBoundingClientRect();
    const rows = this.term.rows;
    // Out of the document (a hidden tab) the screen measures 0: keep the lift until it is shown and measured again.
    if (box.height <= 0 || rows <= 0) return;
    // The screen's box is where it is drawn now; the rows under the bar are counted from where it lies unlifted.
    const covered = rowsUnder(cover(), { top: box.top + this.#px, height: box.height }, rows);
    this.#apply(screen, rowsToLift(rows, lastTextRow(this.term.buffer.active, rows), covered), box.height / rows);
  }

  #apply(screen: LiftScreen, rows: number, cellHeight = 0): void {
    this.#rows = rows;
    this.#px = rows * cellHeight;
    screen.style.translate = rows === 0 ? '' : `0 ${-this.#px}px`;
  }
}
