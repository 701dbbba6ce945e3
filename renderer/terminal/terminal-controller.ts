// One owner per terminal tab: the xterm instance, its addons, listeners and ack counter. It lives
// outside React (the registry keeps it), is re-parented between slots instead of re-created, and
// disposes everything exactly once. Terminal bytes go straight from the data plane into xterm.
import { FitAddon } from '@xterm/addon-fit';
import type { ISearchResultChangeEvent } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal, type IDisposable } from '@xterm/xterm';
import { AckCounter } from './ack-counter.js';
import type { BackgroundWriter, Drainable } from './background-writer.js';
import { TERMINAL } from './constants.js';
import type { Keymap } from '../commands/keymap.js';
import { checkPaste, sanitizePaste } from './paste-guard.js';
import { xtermTheme, type ResolvedTheme } from './xterm-theme.js';
import { sameLook } from './look.js';
import { TerminalFind, type FindOptions } from './terminal-find.js';
import { WebglRenderer } from './webgl-renderer.js';

/** What a controller needs from the app: the data plane and two questions only the UI can answer. */
export interface TerminalHost {
  sendInput(sessionId: string, bytes: Uint8Array): void;
  sendAck(sessionId: string, bytes: number): void;
  sendResize(sessionId: string, cols: number, rows: number): void;
  /** Asks the person whether to paste this many lines; resolves true to paste. */
  confirmPaste(lines: number): Promise<boolean>;
  openLink(url: string): void;
  /** Paces output for hidden terminals. */
  readonly background: BackgroundWriter;
  /** App shortcuts: xterm leaves these keys alone so they reach the app. */
  readonly keymap: Keymap;
}

export interface TerminalLook {
  readonly fontFamily: string;
  readonly fontSize: number;
  readonly scrollback: number;
  readonly pasteGuardLines: number;
  /** Selecting text copies it to the clipboard (settings.copyOnSelect). */
  readonly copyOnSelect: boolean;
  readonly theme: ResolvedTheme;
}

export type { FindOptions } from './terminal-find.js';

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
  #opened = false;
  #visible = false;
  #live = true;
  #disposed = false;
  #pasteGuardLines: number;
  #copyOnSelect: boolean;
  /** The look last applied (the constructor's), so an unchanged one costs nothing. */
  #look: TerminalLook;
  #parsed = 0;
  /** Output held while hidden, parsed on the background budget (bounded by main's flow-control window). */
  readonly #pending: Uint8Array[] = [];
  #observer: ResizeObserver | null = null;
  /** The slot React gave this terminal; the element is in it only while visible. */
  #slot: HTMLElement | null = null;
  #fitTimer: ReturnType<typeof setTimeout> | null = null;
  #remoteResizeTimer: ReturnType<typeof setTimeout> | null = null;

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
    this.#pasteGuardLines = look.pasteGuardLines;
    this.#copyOnSelect = look.copyOnSelect;
    this.#ack = new AckCounter({ send: (n) => this.host.sendAck(this.sessionId, n) });
    this.#term = new Terminal({
      allowProposedApi: true, // the unicode11 addon uses the proposed unicode API
      fontFamily: look.fontFamily,
      fontSize: look.fontSize,
      lineHeight: TERMINAL.LINE_HEIGHT,
      scrollback: look.scrollback,
      theme: xtermTheme(look.theme),
      cursorBlink: TERMINAL.CURSOR_BLINK,
      macOptionIsMeta: true,
      cols: size?.cols ?? TERMINAL.DEFAULT_COLS,
      rows: size?.rows ?? TERMINAL.DEFAULT_ROWS,
      // OSC 8 hyperlinks go where every other link goes (http and https only: xterm drops other
      // schemes when a handler is set), never to xterm's default (a confirm() prompt, then opening any address).
      linkHandler: { activate: (_e, uri) => this.host.openLink(uri) },
    });
    this.#webgl = new WebglRenderer(this.#term);
    this.#term.loadAddon(this.#fit);
    this.#find = new TerminalFind(this.#term);
    this.#term.loadAddon(new Unicode11Addon());
    this.#term.unicode.activeVersion = '11';
    this.#term.loadAddon(new WebLinksAddon((_e, url) => this.host.openLink(url)));
    this.#disposables.push(
      this.#term.onData((data) => this.#send(encoder.encode(data))),
      this.#term.onBinary((data) => this.#send(Uint8Array.from(data, (c) => c.charCodeAt(0) & 0xff))),
      this.#term.onResize(() => this.#scheduleRemoteResize()),
      this.#term.onSelectionChange(() => {
        if (this.#copyOnSelect && this.#term.hasSelection()) void this.copySelection();
      }),
    );
    this.#term.attachCustomKeyEventHandler((e) => this.#onKey(e));
    this.element.addEventListener('paste', this.#onPaste, { capture: true });
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
    if (this.#visible) {
      this.host.background.foreground(bytes.byteLength); // hidden terminals yield to a visible flood
      return this.#writeNow(bytes);
    }
    this.#pending.push(bytes);
    this.host.background.wake(this);
  }

  get hasPending(): boolean {
    return this.#pending.length > 0;
  }

  drain(budget: number): number {
    let written = 0;
    while (written < budget && this.#pending.length > 0) {
      const next = this.#pending[0];
      if (next === undefined) break;
      const room = budget - written;
      const chunk = next.byteLength <= room ? next : next.subarray(0, room);
      if (chunk === next) this.#pending.shift();
      else this.#pending[0] = next.subarray(room);
      this.#writeNow(chunk);
      written += chunk.byteLength;
    }
    return written;
  }

  #writeNow(bytes: Uint8Array): void {
    const n = bytes.byteLength;
    this.#term.write(bytes, () => {
      this.#parsed += n;
      this.#ack.parsed(n);
    });
  }

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
      this.#opened = true;
      if (!this.#visible) this.element.remove();
    } else if (this.#visible && this.element.parentElement !== slot) {
      slot.appendChild(this.element);
    }
    this.#observer?.disconnect();
    this.#observer = new ResizeObserver(() => this.#scheduleFit());
    this.#observer.observe(slot);
    this.#scheduleFit();
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
      for (const chunk of this.#pending.splice(0)) this.#writeNow(chunk);
      if (this.#slot !== null && this.element.parentElement !== this.#slot) this.#slot.appendChild(this.element);
      if (this.#opened) this.#webgl.load();
      this.#scheduleFit();
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
  }

  /** Another window took the session: the text stays readable, but no input, ack or resize is sent. */
  released(): void {
    this.#ack.dispose();
    this.setLive(false);
  }

  /** A restarted session starts from zero on both sides of flow control. */
  restarted(): void {
    this.#ack.reset();
    this.#term.write('\r\n');
    this.setLive(true);
  }

  applyLook(look: TerminalLook): void {
    if (sameLook(this.#look, look)) return; // settings changed elsewhere (say a recent target): no repaint, no refit
    this.#look = look;
    this.#pasteGuardLines = look.pasteGuardLines;
    this.#copyOnSelect = look.copyOnSelect;
    const o = this.#term.options;
    if (o.fontFamily !== look.fontFamily) o.fontFamily = look.fontFamily;
    if (o.fontSize !== look.fontSize) o.fontSize = look.fontSize;
    if (o.scrollback !== look.scrollback) o.scrollback = look.scrollback;
    o.theme = xtermTheme(look.theme);
    this.#scheduleFit();
  }

  focus(): void {
    this.#term.focus();
  }

  /** Finds the next or previous match; false when there is none. Throws a SyntaxError for a bad regex (the find bar checks first). */
  find(query: string, direction: 'next' | 'previous', options: FindOptions): boolean {
    return this.#find.find(query, direction, options);
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
  async copySelection(): Promise<boolean> {
    const text = this.#term.getSelection();
    if (text.length === 0 || navigator.clipboard === undefined) return false;
    return navigator.clipboard.writeText(text).then(
      () => true,
      () => false,
    );
  }

  /** Pastes the clipboard through the paste guard; false when the clipboard could not be read. */
  async pasteClipboard(): Promise<boolean> {
    if (navigator.clipboard === undefined) return false;
    let text: string;
    try {
      text = await navigator.clipboard.readText();
    } catch {
      return false;
    }
    await this.pasteGuarded(text);
    return true;
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
    const buffer = this.#term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines.join('\n');
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    if (this.#fitTimer !== null) clearTimeout(this.#fitTimer);
    if (this.#remoteResizeTimer !== null) clearTimeout(this.#remoteResizeTimer);
    this.#observer?.disconnect();
    this.element.removeEventListener('paste', this.#onPaste, { capture: true });
    this.#ack.dispose();
    this.host.background.forget(this);
    this.#pending.length = 0;
    this.#webgl.dispose();
    for (const d of this.#disposables.splice(0)) d.dispose();
    this.#term.dispose();
    this.element.remove();
  }

  #send(bytes: Uint8Array): void {
    if (this.#live && bytes.byteLength > 0) this.host.sendInput(this.sessionId, bytes);
  }

  /** Sends the terminal's size once it has stopped changing (TERMINAL.REMOTE_RESIZE_DEBOUNCE_MS). */
  #scheduleRemoteResize(): void {
    if (this.#remoteResizeTimer !== null) clearTimeout(this.#remoteResizeTimer);
    this.#remoteResizeTimer = setTimeout(() => {
      this.#remoteResizeTimer = null;
      if (this.#live && !this.#disposed) this.host.sendResize(this.sessionId, this.#term.cols, this.#term.rows);
    }, TERMINAL.REMOTE_RESIZE_DEBOUNCE_MS);
  }

  #scheduleFit(): void {
    if (this.#fitTimer !== null) clearTimeout(this.#fitTimer);
    this.#fitTimer = setTimeout(() => {
      this.#fitTimer = null;
      // A hidden or detached pane measures 0×0; fitting then would shrink the remote terminal to nothing.
      if (!this.#opened || !this.#visible || this.element.clientWidth === 0 || this.element.clientHeight === 0) return;
      this.#fit.fit();
    }, TERMINAL.FIT_DEBOUNCE_MS);
  }

  /** Returns false for keys the app handles (xterm then ignores them and they bubble to the app). */
  #onKey(e: KeyboardEvent): boolean {
    const action = this.host.keymap.match(e);
    if (action === null) return true;
    if (e.type !== 'keydown') return false;
    if (action === 'copy') {
      void this.copySelection();
      e.preventDefault();
    } else if (action === 'paste') {
      e.preventDefault();
      void this.pasteClipboard();
    }
    return false;
  }

  /**
   * Pastes text through xterm (bracketed paste when the shell asked for it), without control
   * characters (paste-guard.ts says why), asking first if it is long. Every paste comes here.
   */
  async pasteGuarded(text: string): Promise<void> {
    const clean = sanitizePaste(text);
    const check = checkPaste(clean, this.#pasteGuardLines);
    if (check.needsConfirmation && !(await this.host.confirmPaste(check.lines))) return;
    if (!this.#disposed) this.#term.paste(clean);
  }

  readonly #onPaste = (e: ClipboardEvent): void => {
    const text = e.clipboardData?.getData('text/plain') ?? '';
    if (text.length === 0) return;
    // xterm's own paste handler would send the text as it is: every paste takes pasteGuarded.
    e.preventDefault();
    e.stopImmediatePropagation();
    void this.pasteGuarded(text);
  };
}
