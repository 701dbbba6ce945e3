// One terminal's clipboard: copy (on request or on select), paste through the paste guard (every
// paste: the menu, the shortcut, the browser's paste event), and the key handler that leaves app
// shortcuts to the app and turns the copy and paste shortcuts into these.
import type { Terminal } from '@xterm/xterm';
import { checkPaste, sanitizePaste } from './paste-guard.js';
import type { TerminalHost, TerminalLook } from './terminal-host.js';

export class TerminalClipboard {
  #pasteGuardLines: number;
  #copyOnSelect: boolean;
  #disposed = false;

  /** Listens for paste events on `element` (the terminal's container) until disposed. */
  constructor(
    private readonly term: Terminal,
    private readonly element: HTMLElement,
    private readonly host: TerminalHost,
    look: TerminalLook,
    /** Sends a paste through xterm (terminal-input.ts), or tells the tab why it could not. */
    private readonly paste: (text: string) => void,
  ) {
    this.#pasteGuardLines = look.pasteGuardLines;
    this.#copyOnSelect = look.copyOnSelect;
    element.addEventListener('paste', this.#onPaste, { capture: true });
  }

  setLook(look: TerminalLook): void {
    this.#pasteGuardLines = look.pasteGuardLines;
    this.#copyOnSelect = look.copyOnSelect;
  }

  /** xterm's selection changed: copied at once when settings.copyOnSelect says so. */
  selectionChanged(): void {
    if (this.#copyOnSelect && this.term.hasSelection()) void this.copySelection();
  }

  /** Copies the selection; false when nothing is selected or the clipboard refused. */
  async copySelection(): Promise<boolean> {
    const text = this.term.getSelection();
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

  /**
   * Pastes text through xterm (bracketed paste when the shell asked for it), without control
   * characters (paste-guard.ts says why), asking first if it is long. Every paste comes here.
   */
  async pasteGuarded(text: string): Promise<void> {
    const clean = sanitizePaste(text);
    const check = checkPaste(clean, this.#pasteGuardLines);
    if (check.needsConfirmation && !(await this.host.confirmPaste(check.lines))) return;
    if (!this.#disposed) this.paste(clean);
  }

  /** xterm's key handler: returns false for keys the app handles (xterm then ignores them and they bubble to the app). */
  key(e: KeyboardEvent): boolean {
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

  dispose(): void {
    this.#disposed = true;
    this.element.removeEventListener('paste', this.#onPaste, { capture: true });
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
