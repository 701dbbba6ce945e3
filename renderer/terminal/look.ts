// Whether a terminal's look changed. Settings change for many reasons (a target remembered as
// recent, a region opened): only a change of what the terminal shows may restyle it, because
// setting xterm's theme repaints every row and a refit can resize the remote shell.
import type { TerminalLook } from './terminal-controller.js';

export function sameLook(a: TerminalLook, b: TerminalLook): boolean {
  return (
    a.fontFamily === b.fontFamily &&
    a.fontSize === b.fontSize &&
    a.scrollback === b.scrollback &&
    a.pasteGuardLines === b.pasteGuardLines &&
    a.copyOnSelect === b.copyOnSelect &&
    a.theme === b.theme
  );
}
