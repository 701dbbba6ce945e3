// A terminal under the bar over its foot that tells its session's state, and at a fresh session.
// An ended session's last text is moved above the bar by line feeds (room-below.ts,
// room-keeper.ts); a session that may still go on elsewhere (the host link lost, taken by another
// window) is never written to, so its screen is drawn higher instead (view-lift.ts); a connecting
// or reconnecting session's banner takes rows of its own (SessionBanner.tsx), so nothing is moved
// for it. A restarted session's output starts below one rule, on the row after the old
// text (restart-rule.ts). Which bar shows, and where it starts, is banner-room.ts's to say.
import type { Terminal } from '@xterm/xterm';
import { LEAVE_ALTERNATE_SCREEN, PendingRule, restartPreamble } from './restart-rule.js';
import { lastTextRow, rowsUnder } from './room-below.js';
import { RoomKeeper } from './room-keeper.js';
import { ViewLift } from './view-lift.js';

/** What the bars read of their terminal's state, as it is at each call. */
export interface BarsState {
  /** The session takes input: the remote owns the cursor, so nothing is written to make room. */
  live(): boolean;
  /** xterm is open and its element in the document, so the view can be measured. */
  shown(): boolean;
  disposed(): boolean;
}

export class SessionBars {
  /** Where a bar over the view's lower edge starts (px), while an ended session shows one; see keepTextAbove. */
  #cover: (() => number) | null = null;
  /** Whether a bar over a session that may still go on is shown (see liftAbove). */
  #lifting = false;
  /** Moves an ended session's last text above that bar, one pass at a time. */
  readonly #room: RoomKeeper;
  /** Draws the screen above a bar over a session that may still go on (view-lift.ts). */
  readonly #lift: ViewLift;
  /** A restarted session's output, held until the one rule before it is written (restart-rule.ts). */
  readonly #rule = new PendingRule();

  /** `element`: the terminal's container; `write`: the terminal's output path, for what a pending rule held. */
  constructor(
    private readonly term: Terminal,
    private readonly element: HTMLElement,
    private readonly state: BarsState,
    private readonly write: (bytes: Uint8Array) => void,
  ) {
    this.#room = new RoomKeeper(term, () => this.#coveredRows());
    this.#lift = new ViewLift(term, () => element.querySelector<HTMLElement>('.xterm-screen'));
  }

  /** Keeps a restarted session's `bytes` until its rule is written; false when none is pending (write them now). */
  hold(bytes: Uint8Array): boolean {
    return this.#rule.hold(bytes);
  }

  /**
   * The session ended, and a bar saying so floats over the view's lower edge from `coverTop()`
   * (px) down; null when it goes. The last text moves up above it (room-below.ts), now and after
   * each fit. Never for a live session: the remote owns the cursor.
   */
  keepTextAbove(coverTop: (() => number) | null): void {
    this.#cover = coverTop;
    this.#makeRoom();
  }

  /**
   * A bar floats over the view's lower edge from `coverTop()` (px) down while the session is not
   * connected but may still go on; null when it goes. Such a terminal is never written to: its
   * screen is drawn higher instead, as far as its last text needs (view-lift.ts), now, after each
   * fit and after output.
   */
  liftAbove(coverTop: (() => number) | null): void {
    if (this.state.disposed()) return;
    this.#lifting = coverTop !== null;
    this.#lift.cover(coverTop);
  }

  /** xterm fitted its slot: shown again, or fewer rows (xterm scrolls to keep the cursor's row), the last text may be under the bar. */
  fitted(): void {
    this.#makeRoom();
    this.#lift.update();
  }

  /**
   * xterm parsed output or its view scrolled: text that arrives while the bar shows (a first
   * prompt) is lifted above it too, and a view scrolled up into the scrollback is
   * drawn unlifted, so its top lines show (view-lift.ts).
   */
  viewChanged(): void {
    if (this.#lifting) this.#lift.update();
  }

  /**
   * A restarted session's output starts on the row after the old text, below a rule. Where that
   * row is can only be measured once what is queued (the old session's last output, the feeds
   * that made room for the ended session's bar) is parsed: the new session's output is held until
   * the rule is written. Call it after the old output still held is queued.
   */
  restarted(): void {
    this.#cover = null;
    // Restarted again before the rule was written: that rule serves this session too.
    if (!this.#rule.begin()) return;
    this.#afterParsing(() => {
      if (this.term.buffer.active.type === 'alternate') this.term.write(LEAVE_ALTERNATE_SCREEN, () => this.#afterParsing(() => this.#writeRule()));
      else this.#writeRule();
    });
  }

  /** `then` once what is queued is parsed (xterm runs a write's callback after parsing it). */
  #afterParsing(then: () => void): void {
    this.term.write('', () => {
      if (!this.state.disposed()) then();
    });
  }

  /** The rule on the row after the old text, then the new session's output held meanwhile. */
  #writeRule(): void {
    const buffer = this.term.buffer.active;
    const rows = this.term.rows;
    this.term.write(restartPreamble({ rows, cursorRow: buffer.cursorY, cursorCol: buffer.cursorX, lastTextRow: lastTextRow(buffer, rows) }));
    for (const bytes of this.#rule.written()) this.write(bytes);
  }

  #makeRoom(): void {
    if (this.#cover === null || this.state.live() || !this.state.shown()) return;
    this.#room.request();
  }

  /** The view's rows under an ended session's bar, or null when its text is not to be moved (RoomKeeper). */
  #coveredRows(): number | null {
    const cover = this.#cover;
    const screen = this.element.querySelector('.xterm-screen');
    if (cover === null || this.state.disposed() || this.state.live() || screen === null) return null;
    return rowsUnder(cover(), screen.getBoundingClientRect(), this.term.rows);
  }
}
