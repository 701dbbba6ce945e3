// One owner per terminal tab: the xterm instance, its addons, listeners and ack counter. It lives
// outside React (the registry keeps it), is re-parented between slots instead of re-created, and
// disposes everything exactly once. Terminal bytes go straight from the data plane into xterm.
// Beside it: the clipboard and paste guard (terminal-clipboard.ts), xterm's options from the look
// (xterm-options.ts), search (terminal-find.ts), WebGL (webgl-renderer.ts), and the filter that
// spares xterm a full redraw per scroll with nothing selected (selection-redraw.ts), and the fix
// for a cleared selection drawn again at a resize (selection-ghost.ts). Bars over the view: the
// find bar's match kept out from under it (find-reveal.ts), an ended session's text kept above
// the bar that says so (room-below.ts), a session's that may still go on drawn above it
// (view-lift.ts), and a fresh session's rule (restart-rule.ts). A key held when the keyboard
// left is forgotten (held-keys.ts).
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon, type ISearchResultChangeEvent } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal, type IDisposable } from '@xterm/xterm';
import { AckCounter } from './ack-counter.js';
import { bufferText, lastLineText } from './buffer-text.js';
import type { Drainable } from './background-writer.js';
import { TERMINAL } from './constants.js';
import { Debounce } from './debounce.js';
import { barCells, revealMatch } from './find-reveal.js';
import { forgetHeldKeysOnFocus } from './held-keys.js';
import { sameLook } from './look.js';
import { PendingOutput } from './pending-output.js';
import { lastTextRow, rowsUnder } from './room-below.js';
import { RoomKeeper } from './room-keeper.js';
import { LEAVE_ALTERNATE_SCREEN, PendingRule, restartPreamble } from './restart-rule.js';
import { preventSelectionGhosts } from './selection-ghost.js';
import { filterSelectionRedraws } from './selection-redraw.js';
import { TerminalClipboard } from './terminal-clipboard.js';
import { TerminalFind, type FindOptions } from './terminal-find.js';
import type { TerminalHost, TerminalLook } from './terminal-host.js';
import { ViewLift } from './view-lift.js';
import { WebglRenderer } from './webgl-renderer.js';
import { applyLookOptions, xtermOptions } from './xterm-options.js';

export type { FindOptions } from './terminal-find.js';
export type { TerminalHost, TerminalLook } from './terminal-host.js';

const encoder = new TextEncoder();

export class TerminalController implements Drainable {
  /** The element xterm renders into; moved between slots, never re-created. */
  readonly element: HTMLDivElement;
  readonly #term: Terminal;
  readonly #fit = new FitAddon();
  readonly #ack: AckCounter;
  readonly #disposables: IDisposable[] = [];
  readonly #webgl: WebglRenderer;
  readonly #find: TerminalFind;
  readonly #clipboard: TerminalClipboard;
  #opened = false;
  #visible = false;
  #live = true;
  #disposed = false;
  /** The look last applied (the constructor's), so an unchanged one costs nothing. */
  #look: TerminalLook;
  #parsed = 0;
  /** Output held while hidden, parsed on the background budget. */
  readonly #pending = new PendingOutput();
  #observer: ResizeObserver | null = null;
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
  /** The slot React gave this terminal; the element is in it only while visible. */
  #slot: HTMLElement | null = null;
  /** Fits xterm to its slot once the slot stops changing size. */
  readonly #fitLater = new Debounce(TERMINAL.FIT_DEBOUNCE_MS, () => {
    // A hidden or detached pane measures 0×0; fitting then would shrink the remote terminal to nothing.
    if (!this.#opened || !this.#visible || this.element.clientWidth === 0 || this.element.clientHeight === 0) return;
    this.#fit.fit();
    // Shown again, or fewer rows (xterm scrolls to keep the cursor's row): the last text may be under the bar.
    this.#makeRoom();
    this.#lift.update();
  });
  /** Sends the terminal's size once it has stopped changing. */
  readonly #resizeRemoteLater = new Debounce(TERMINAL.REMOTE_RESIZE_DEBOUNCE_MS, () => {
    if (this.#live && !this.#disposed) this.host.sendResize(this.sessionId, this.#term.cols, this.#term.rows);
  });

  /** `size`: an adopted session's last size, so its replayed output wraps as it was written. */
  constructor(
    readonly sessionId: string,
    private readonly host: TerminalHost,
    look: TerminalLook,
    size?: { readonly cols: number; readonly rows: number },
  ) {
    this.element = document.createElement('div');
    this.element.className = 'xterm-container';
    this.#look = look;
    this.#ack = new AckCounter({ send: (n) => this.host.sendAck(this.sessionId, n) });
    this.#term = new Terminal(xtermOptions(look, size, (url) => this.host.openLink(url)));
    this.#webgl = new WebglRenderer(this.#term);
    this.#room = new RoomKeeper(this.#term, () => this.#coveredRows());
    this.#lift = new ViewLift(this.#term, () => this.element.querySelector<HTMLElement>('.xterm-screen'));
    this.#term.loadAddon(this.#fit);
    const search = new SearchAddon();
    this.#term.loadAddon(search);
    this.#find = new TerminalFind(search, { viewportY: () => this.#term.buffer.active.viewportY, scrollToLine: (line) => this.#term.scrollToLine(line) });
    this.#term.loadAddon(new Unicode11Addon());
    this.#term.unicode.activeVersion = '11';
    this.#term.loadAddon(new WebLinksAddon((_e, url) => this.host.openLink(url)));
    this.#disposables.push(
      this.#term.onData((data) => this.#send(encoder.encode(data))),
      this.#term.onBinary((data) => this.#send(Uint8Array.from(data, (c) => c.charCodeAt(0) & 0xff))),
      this.#term.onResize(() => this.#resizeRemoteLater.schedule()),
      this.#term.onSelectionChange(() => this.#clipboard.selectionChanged()),
      // Text that arrives while the bar shows (a first prompt while connecting) is lifted above it too.
      this.#term.onWriteParsed(() => {
        if (this.#lifting) this.#lift.update();
      }),
    );
    this.#clipboard = new TerminalClipboard(this.#term, this.element, host, look);
    // A live shell takes Tab (completion); a terminal that takes no more input leaves Tab and
    // Shift+Tab to the page, so the keyboard reaches the ended session's banner below it.
    this.#term.attachCustomKeyEventHandler((e) => (!this.#live && e.key === 'Tab' ? false : this.#clipboard.key(e)));
  }

  get cols(): number {
    return this.#term.cols;
  }

  get rows(): number {
    return this.#term.rows;
  }

  /** Output from the session: parsed by xterm, acked after parsing (never on receipt). */
  write(bytes: Uint8Array): void {
    if (this.#disposed) return;
    if (this.#rule.hold(bytes)) return;
    if (this.#visible) {
      this.host.background.foreground(bytes.byteLength); // hidden terminals yield to a visible flood
      return this.#writeNow(bytes);
    }
    this.#pending.push(bytes);
    this.host.background.wake(this);
  }

  get hasPending(): boolean {
    return this.#pending.hasPending;
  }

  drain(budget: number): number {
    return this.#pending.drain(budget, this.#writeNow);
  }

  readonly #writeNow = (bytes: Uint8Array): void => {
    const n = bytes.byteLength;
    this.#term.write(bytes, () => {
      this.#parsed += n;
      this.#ack.parsed(n);
    });
  };

  /** Output bytes xterm has parsed since the tab opened. */
  get parsedBytes(): number {
    return this.#parsed;
  }

  /**
   * Gives the terminal its slot; the first time, xterm opens there. While hidden the element stays
   * out of the document (see setVisible), so it is only put in when shown.
   */
  attach(slot: HTMLElement): void {
    if (this.#disposed) return;
    this.#slot = slot;
    if (!this.#opened) {
      slot.appendChild(this.element);
      this.#term.open(this.element);
      filterSelectionRedraws(this.#term); // xterm's render service exists from open on
      preventSelectionGhosts(this.#term); // after the filter: it wraps the filtered method
      const textarea = this.#term.textarea;
      if (textarea !== undefined) this.#disposables.push({ dispose: forgetHeldKeysOnFocus(this.#term, textarea) });
      this.#opened = true;
      if (!this.#visible) this.element.remove();
    } else if (this.#visible && this.element.parentElement !== slot) {
      slot.appendChild(this.element);
    }
    this.#observer?.disconnect();
    this.#observer = new ResizeObserver(() => this.#fitLater.schedule());
    this.#observer.observe(slot);
    this.#fitLater.schedule();
  }

  /** Takes the terminal out of a slot (only if it is still its slot: a newer one may have taken it). */
  detach(slot: HTMLElement): void {
    if (this.#slot !== slot) return;
    this.#slot = null;
    this.#observer?.disconnect();
    this.#observer = null;
    if (this.element.parentElement === slot) slot.removeChild(this.element);
  }

  /**
   * WebGL only while visible: browsers allow ~16 contexts, and hidden tabs need none. A hidden
   * terminal also leaves the document: xterm redraws every row of a DOM-rendered terminal on each
   * scroll and, inside a display:none slot, measures every glyph again with a forced layout (widths
   * of 0 are never cached), which let hidden floods take most of each frame. Out of the document
   * that work touches no layout; showing the tab puts it back and xterm repaints it.
   */
  setVisible(visible: boolean): void {
    if (this.#disposed || visible === this.#visible) return;
    this.#visible = visible;
    if (visible) {
      this.host.background.forget(this);
      for (const chunk of this.#pending.takeAll()) this.#writeNow(chunk);
      if (this.#slot !== null && this.element.parentElement !== this.#slot) this.#slot.appendChild(this.element);
      if (this.#opened) this.#webgl.load();
      this.#fitLater.schedule();
    } else {
      this.#webgl.dispose();
      if (this.#opened) this.element.remove();
    }
  }

  /** The session's state: input and resizes go only to a live session. */
  setLive(live: boolean): void {
    this.#live = live;
    this.#term.options.disableStdin = !live;
    this.#term.options.cursorBlink = live && TERMINAL.CURSOR_BLINK;
    // Resizes are not sent while the session is not live: a session restarted (Reopen) or
    // reconnected after the view changed size would keep the old size (the remote's lines
    // wrapping at the wrong width) until the next resize. Each live status sends the size now.
    if (live) this.#resizeRemoteLater.schedule();
  }

  /** Another window took the session: the text stays readable, but no input, ack or resize is sent. */
  released(): void {
    this.#ack.dispose();
    this.setLive(false);
  }

  /**
   * A restarted session starts from zero on both sides of flow control, and its output starts on
   * the row after the old text, below a rule (restart-rule.ts). Where that row is can only be
   * measured once what is queued (the old session's last output, the feeds that made room for the
   * ended session's bar) is parsed: the new session's output is held until the rule is written.
   */
  restarted(): void {
    this.#cover = null;
    this.#ack.reset();
    // Restarted again before the rule was written: that rule serves this session too.
    const ruleDue = this.#rule.begin();
    // The old session's output a hidden tab still holds goes before the rule.
    for (const chunk of this.#pending.takeAll()) this.#writeNow(chunk);
    if (ruleDue) {
      this.#afterParsing(() => {
        if (this.#term.buffer.active.type === 'alternate') this.#term.write(LEAVE_ALTERNATE_SCREEN, () => this.#afterParsing(() => this.#writeRule()));
        else this.#writeRule();
      });
    }
    this.setLive(true);
  }

  /** `then` once what is queued is parsed (xterm runs a write's callback after parsing it). */
  #afterParsing(then: () => void): void {
    this.#term.write('', () => {
      if (!this.#disposed) then();
    });
  }

  /** The rule on the row after the old text, then the new session's output held meanwhile. */
  #writeRule(): void {
    const buffer = this.#term.buffer.active;
    const rows = this.#term.rows;
    this.#term.write(restartPreamble({ rows, cursorRow: buffer.cursorY, cursorCol: buffer.cursorX, lastTextRow: lastTextRow(buffer, rows) }));
    for (const bytes of this.#rule.written()) this.write(bytes);
  }

  applyLook(look: TerminalLook): void {
    if (sameLook(this.#look, look)) return; // settings changed elsewhere (say a recent target): no repaint, no refit
    this.#look = look;
    this.#clipboard.setLook(look);
    applyLookOptions(this.#term.options, look);
    this.#find.setTheme(look.theme); // an open find bar's highlights take the new colours now
    this.#fitLater.schedule();
  }

  focus(): void {
    this.#term.focus();
  }

  /** Finds the next or previous match; false when there is none. Throws a SyntaxError for a bad regex (the find bar checks first). */
  find(query: string, direction: 'next' | 'previous', options: FindOptions): boolean {
    return this.#find.find(query, direction, options, this.#look.theme);
  }

  /**
   * After a find, with the find bar's box: scrolls the match found (the search selects it) out
   * from under the bar, or says the edge the bar should move to instead ('top' | 'bottom'), when
   * the scrollback cannot scroll that far or the view is following the output (find-reveal.ts);
   * null when the bar stays where it is.
   */
  revealMatch(bar: DOMRectReadOnly): 'top' | 'bottom' | null {
    const match = this.#term.getSelectionPosition(); // from 0, whatever its typings say
    const screen = this.element.querySelector('.xterm-screen');
    if (match === undefined || screen === null) return null;
    const { rows, cols } = this.#term;
    const { viewportY, baseY } = this.#term.buffer.active;
    const cells = { startRow: match.start.y - viewportY, startCol: match.start.x, endRow: match.end.y - viewportY, endCol: match.end.x };
    const covered = barCells(bar, screen.getBoundingClientRect(), rows, cols);
    const reveal = revealMatch(cells, covered, { rows, cols, above: viewportY, below: baseY - viewportY });
    if (reveal.kind === 'scroll') this.#term.scrollLines(reveal.lines);
    if (reveal.kind !== 'move') return null;
    return covered.edge === 'top' ? 'bottom' : 'top';
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
   * connected but may still go on (connecting, reconnecting, the host link lost, taken by another
   * window); null when it goes. Such a terminal is never written to: its screen is drawn higher
   * instead, as far as its last text needs (view-lift.ts), now, after each fit and after output.
   */
  liftAbove(coverTop: (() => number) | null): void {
    if (this.#disposed) return;
    this.#lifting = coverTop !== null;
    this.#lift.cover(coverTop);
  }

  #makeRoom(): void {
    if (this.#cover === null || this.#live || !this.#opened || !this.#visible) return;
    this.#room.request();
  }

  /** The view's rows under an ended session's bar, or null when its text is not to be moved (RoomKeeper). */
  #coveredRows(): number | null {
    const cover = this.#cover;
    const screen = this.element.querySelector('.xterm-screen');
    if (cover === null || this.#disposed || this.#live || screen === null) return null;
    return rowsUnder(cover(), screen.getBoundingClientRect(), this.#term.rows);
  }

  /** The find bar's "3 of 17": the addon tells it after every search and when output changes the matches. */
  onFindResults(listener: (e: ISearchResultChangeEvent) => void): IDisposable {
    return this.#find.onResults(listener);
  }

  clearFind(): void {
    this.#find.clear();
    this.#term.clearSelection();
  }

  get hasSelection(): boolean {
    return this.#term.hasSelection();
  }

  /** The selected text, as Copy would take it. */
  get selectionText(): string {
    return this.#term.getSelection();
  }

  /** Copies the selection; false when nothing is selected or the clipboard refused. */
  copySelection(): Promise<boolean> {
    return this.#clipboard.copySelection();
  }

  /** Pastes the clipboard through the paste guard; false when the clipboard could not be read. */
  pasteClipboard(): Promise<boolean> {
    return this.#clipboard.pasteClipboard();
  }

  /** Pastes text through the paste guard (terminal-clipboard.ts). Every paste comes here. */
  pasteGuarded(text: string): Promise<void> {
    return this.#clipboard.pasteGuarded(text);
  }

  selectAll(): void {
    this.#term.selectAll();
  }

  /** Clears the screen and scrollback on this side; the shell keeps its state (its prompt shows again after the next output). */
  clear(): void {
    this.#term.clear();
  }

  /** The buffer's text, line by line (trailing blanks trimmed). For the e2e test hook only. */
  readText(): string {
    return bufferText(this.#term);
  }

  /** The last line of readText, without reading the scrollback. For the e2e test hook only. */
  readLastLine(): string {
    return lastLineText(this.#term);
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#fitLater.cancel();
    this.#resizeRemoteLater.cancel();
    this.#observer?.disconnect();
    this.#clipboard.dispose();
    this.#ack.dispose();
    this.host.background.forget(this);
    this.#pending.clear();
    this.#webgl.dispose();
    for (const d of this.#disposables.splice(0)) d.dispose();
    this.#term.dispose();
    this.element.remove();
  }

  #send(bytes: Uint8Array): void {
    if (!this.#live || bytes.byteLength === 0) return;
    this.host.background.input(); // hidden terminals' parsing waits for the echo
    this.host.sendInput(this.sessionId, bytes);
  }
}
