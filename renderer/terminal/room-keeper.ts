// Runs the passes that move an ended session's last text up above the bar over the view's foot
// (room-below.ts), one at a time. A pass waits for output still being parsed (an empty write's
// callback), then writes its line feeds; xterm runs write callbacks inside its parse loop, so
// those feeds go to the end of the write queue. A second pass queued meanwhile (the banner shown,
// its first resize, a fit, the tab shown) would measure the view before the first pass's feeds
// and write them again, lifting the text rows too high. So only one pass is in flight: a request
// meanwhile marks the view changed, and one more pass runs after the feeds are parsed.
import type { IBuffer } from '@xterm/xterm';
import { feedsToClear, lastTextRow } from './room-below.js';

/** DECTCEM off: an ended session's terminal shows no cursor (nothing will be typed there, and a row partly under the bar would show a sliver of it). */
export const HIDE_CURSOR = '\x1b[?25l';

/** The part of xterm a pass uses. */
export interface RoomTerminal {
  write(data: string, callback?: () => void): void;
  readonly rows: number;
  readonly buffer: { readonly active: IBuffer };
}

export class RoomKeeper {
  #queued = false;
  #dirty = false;

  /** `covered`: the view's rows under the bar now, or null when no text is to be moved (no bar, a live session, a disposed terminal). */
  constructor(
    private readonly term: RoomTerminal,
    private readonly covered: () => number | null,
  ) {}

  /** A pass after any output still being parsed; while one is in flight, one more after it. */
  request(): void {
    if (this.#queued) {
      this.#dirty = true;
      return;
    }
    this.#queued = true;
    this.#dirty = false;
    this.term.write('', () => {
      const covered = this.covered();
      const buffer = this.term.buffer.active;
      // The alternate screen (a full-screen program) has no scrollback to keep its top lines in.
      if (covered === null || buffer.type !== 'normal') {
        this.#settled();
        return;
      }
      const rows = this.term.rows;
      const feeds = feedsToClear({ rows, cursorRow: buffer.cursorY, lastTextRow: lastTextRow(buffer, rows) }, covered);
      this.term.write(`${'\r\n'.repeat(feeds)}${HIDE_CURSOR}`, () => this.#settled());
    });
  }

  #settled(): void {
    this.#queued = false;
    if (this.#dirty) this.request();
  }
}
