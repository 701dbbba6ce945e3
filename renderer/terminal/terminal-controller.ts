// One owner per terminal tab: the xterm instance, its addons and listeners. It lives outside
// React (the registry keeps it), is re-parented between slots instead of re-created, and
// disposes everything exactly once. Here: the slot, visibility, fitting and the session's state.
// Beside it: the output path and its flow control (terminal-output.ts), the keyboard's way to the
// session (terminal-input.ts), the clipboard and paste guard (terminal-clipboard.ts), xterm's
// options from the look (xterm-options.ts), search (terminal-find.ts), WebGL (webgl-renderer.ts),
// the filter that spares xterm a full redraw per scroll with nothing selected
// (selection-redraw.ts), and the fix for a cleared selection drawn again at a resize
// (selection-ghost.ts). Bars over the view: the find bar's match kept out from under it
// (find-reveal.ts), and the session banner's (an ended session's text kept above it, a
// one taken elsewhere drawn above it) with a fresh session's rule (session-bars.ts).
import { FitAddon } from '@xterm/addon-fit';
import type { InputKind, InputRefusal } from '../../shared/contract/index.js';
import { SearchAddon, type ISearchResultChangeEvent } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal, type IDisposable } from '@xterm/xterm';
import { bufferText, lastLineText } from './buffer-text.js';
import type { Drainable } from './background-writer.js';
import { TERMINAL } from './constants.js';
import { Debounce } from './debounce.js';
import { barCells, revealMatch } from './find-reveal.js';
import { sameLook } from './look.js';
import { RemoteSize } from './remote-size.js';
import { preventSelectionGhosts } from './selection-ghost.js';
import { filterSelectionRedraws } from './selection-redraw.js';
import { SessionBars } from './session-bars.js';
import { TerminalClipboard } from './terminal-clipboard.js';
import { TerminalFind, type FindOptions } from './terminal-find.js';
import type { TerminalHost, TerminalLook } from './terminal-host.js';
import { connectInput, forgetHeldKeys, type TerminalInput } from './terminal-input.js';
import { TerminalOutput } from './terminal-output.js';
import { WebglRenderer } from './webgl-renderer.js';
import { applyLookOptions, xtermOptions } from './xterm-options.js';

export type { FindOptions } from './terminal-find.js';
export type { TerminalHost, TerminalLook } from './terminal-host.js';

export class TerminalController implements Drainable {
  /** The element xterm renders into; moved between slots, never re-created. */
  readonly element: HTMLDivElement;
  readonly #term: Terminal;
  readonly #fit = new FitAddon();
  readonly #output: TerminalOutput;
  readonly #disposables: IDisposable[] = [];
  readonly #webgl: WebglRenderer;
  readonly #find: TerminalFind;
  readonly #clipboard: TerminalClipboard;
  readonly #input: TerminalInput;
  #opened = false;
  #visible = false;
  #live = true;
  /** Another window took the session (released()) and it has not been live here since. */
  #elsewhere = false;
  #disposed = false;
  /** The look last applied (the constructor's), so an unchanged one costs nothing. */
  #look: TerminalLook;
  #observer: ResizeObserver | null = null;
  /** The session banner over the view's foot, and a restarted session's rule (session-bars.ts). */
  readonly #bars: SessionBars;
  /** The slot React gave this terminal; the element is in it only while visible. */
  #slot: HTMLElement | null = null;
  /** Fits xterm to its slot once the slot stops changing size. */
  readonly #fitLater = new Debounce(TERMINAL.FIT_DEBOUNCE_MS, () => this.#fitNow());
  /** Sends the terminal's size once it has stopped changing, and before any input typed at it. */
  readonly #remoteSize = new RemoteSize(TERMINAL.REMOTE_RESIZE_DEBOUNCE_MS, () => {
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
    this.#term = new Terminal(xtermOptions(look, size, (url) => this.host.openLink(url)));
    this.#output = new TerminalOutput(this.#term, host.background, this, (n) => this.host.sendAck(this.sessionId, n));
    this.#webgl = new WebglRenderer(this.#term);
    this.#bars = new SessionBars(
      this.#term,
      this.element,
      { live: () => this.#live, shown: () => this.#opened && this.#visible, disposed: () => this.#disposed },
      (bytes) => this.write(bytes),
    );
    this.#term.loadAddon(this.#fit);
    const search = new SearchAddon();
    this.#term.loadAddon(search);
    this.#find = new TerminalFind(search, { viewportY: () => this.#term.buffer.active.viewportY, scrollToLine: (line) => this.#term.scrollToLine(line) });
    this.#term.loadAddon(new Unicode11Addon());
    this.#term.unicode.activeVersion = '11';
    this.#term.loadAddon(new WebLinksAddon((_e, url) => this.host.openLink(url)));
    this.#input = connectInput(this.#term, {
      sessionId,
      host,
      live: () => this.#live,
      elsewhere: () => this.#elsewhere,
      key: (e) => this.#clipboard.key(e),
      beforeInput: () => this.#remoteSize.beforeInput(),
    });
    this.#disposables.push(
      ...this.#input.disposables,
      this.#term.onResize(() => this.#remoteSize.changed()),
      this.#term.onSelectionChange(() => this.#clipboard.selectionChanged()),
      this.#term.onWriteParsed(() => this.#bars.viewChanged()),
      this.#term.onScroll(() => this.#bars.viewChanged()),
    );
    this.#clipboard = new TerminalClipboard(this.#term, this.element, host, look, (text) => this.#input.paste(text));
  }

  #fitNow(): void {
    // A hidden or detached pane measures 0×0; fitting then would shrink the remote terminal to nothing.
    if (!this.#opened || !this.#visible || this.element.clientWidth === 0 || this.element.clientHeight === 0) return;
    this.#fit.fit();
    this.#bars.fitted();
  }

  /**
   * Fits xterm to its slot now, not after the slot stops changing: the slot changed by a bar taking
   * room beside it (the banner of a session that reconnects), and no frame should show rows under it.
   */
  refit(): void {
    if (this.#disposed) return;
    this.#fitLater.cancel();
    this.#fitNow();
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
    if (this.#bars.hold(bytes)) return;
    this.#output.write(bytes, this.#visible);
  }

  get hasPending(): boolean {
    return this.#output.hasPending;
  }

  drain(budget: number): number {
    return this.#output.drain(budget);
  }

  /** Output bytes xterm has parsed since the tab opened. */
  get parsedBytes(): number {
    return this.#output.parsedBytes;
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
      const heldKeys = forgetHeldKeys(this.#term);
      if (heldKeys !== null) this.#disposables.push(heldKeys);
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
      this.#output.shown();
      if (this.#slot !== null && this.element.parentElement !== this.#slot) this.#slot.appendChild(this.element);
      if (this.#opened) this.#webgl.load();
      // Fitted before it can take a key: a terminal shown at its old size (80×24 when new) would
      // take keys typed at that size, and the person sees one frame at the wrong size. The later
      // fit catches a slot whose layout is not final yet.
      this.#fitNow();
      this.#fitLater.schedule();
    } else {
      this.#webgl.dispose();
      if (this.#opened) this.element.remove();
    }
  }

  /** The session's state: input and resizes go only to a live session. */
  setLive(live: boolean): void {
    this.#live = live;
    if (live) this.#elsewhere = false; // taken back here
    this.#term.options.disableStdin = !live;
    this.#term.options.cursorBlink = live && TERMINAL.CURSOR_BLINK;
    // Resizes are not sent while the session is not live: a session restarted (Reopen) or
    // reconnected after the view changed size would keep the old size (the remote's lines
    // wrapping at the wrong width) until the next resize. Each live status sends the size now.
    if (live) this.#remoteSize.changed();
  }

  /** Another window took the session: the text stays readable, but no input, ack or resize is sent. */
  released(): void {
    this.#output.released();
    this.setLive(false);
    this.#elsewhere = true;
  }

  /**
   * A restarted session starts from zero on both sides of flow control, and its output starts on
   * the row after the old text, below a rule (session-bars.ts): the old session's output a hidden
   * tab still holds is queued first, so it goes before the rule.
   */
  restarted(): void {
    this.#output.restarted();
    this.#bars.restarted();
    this.setLive(true);
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
    this.#bars.keepTextAbove(coverTop);
  }

  /**
   * A bar floats over the view's lower edge from `coverTop()` (px) down while the session is not
   * connected but may still go on elsewhere (the host link lost, taken by another
   * window); null when it goes. Such a terminal is never written to: its screen is drawn higher
   * instead, as far as its last text needs (view-lift.ts), now, after each fit and after output.
   */
  liftAbove(coverTop: (() => number) | null): void {
    this.#bars.liftAbove(coverTop);
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

  /** Main refused a message of `bytes` of this session's input: the tab says what did not reach it (once per paste). */
  inputRefused(bytes: number, why: InputRefusal, kind: InputKind, detail: string): void {
    if (!this.#disposed) this.#input.refused(bytes, why, kind, detail);
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
    this.#remoteSize.cancel();
    this.#observer?.disconnect();
    this.#clipboard.dispose();
    this.#output.dispose();
    this.#webgl.dispose();
    for (const d of this.#disposables.splice(0)) d.dispose();
    this.#term.dispose();
    this.element.remove();
  }
}
