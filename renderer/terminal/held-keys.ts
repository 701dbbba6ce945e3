// xterm drops text an input event inserts (an input method's commit, dictation, the emoji picker)
// while it believes a key is down in its terminal: each keydown on its textarea sets a flag that
// only a keyup on that same textarea clears (CoreBrowserTerminal._keyDownSeen; xterm.js issues
// #5887, #6144). A key xterm sent on its keypress (A-Z, and keys it leaves to the browser) sets a
// second flag, _keyPressHandled, that also only a keyup there clears, and that drops the next
// inserted text whatever its kind. An app shortcut pressed in the terminal reaches the app
// because the custom key handler returns false for it, and the app then moves the keyboard away:
// Alt+PageUp shows the previous tab and focuses its terminal, Ctrl+Shift+F focuses the find box;
// a session that ends while a key is held moves the keyboard to its banner. The keyup goes there,
// the flags stay set, and back in this terminal the first text inserted is lost. A textarea that
// has just been given the keyboard has seen no key go down since, so both are cleared then.

/** The part of xterm's core this touches (not public API: checked before use). */
interface KeyDownState {
  _keyDownSeen: boolean;
  _keyPressHandled: boolean;
}

/** The terminal's core when it has xterm 6's flags; undefined when a newer xterm shapes it otherwise. */
function keyDownStateOf(terminal: object): KeyDownState | undefined {
  const core: unknown = (terminal as { _core?: unknown })._core;
  if (typeof core !== 'object' || core === null) return undefined;
  const flags = core as { _keyDownSeen?: unknown; _keyPressHandled?: unknown };
  return typeof flags._keyDownSeen === 'boolean' && typeof flags._keyPressHandled === 'boolean' ? (core as KeyDownState) : undefined;
}

/** Forgets a key held down when the keyboard left, each time `textarea` (xterm's own) gets focus; returns the undo. */
export function forgetHeldKeysOnFocus(terminal: object, textarea: HTMLTextAreaElement): () => void {
  const forget = (): void => {
    const state = keyDownStateOf(terminal);
    if (state === undefined) return;
    state._keyDownSeen = false;
    state._keyPressHandled = false;
  };
  textarea.addEventListener('focus', forget);
  return () => textarea.removeEventListener('focus', forget);
}
