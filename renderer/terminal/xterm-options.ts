// The xterm options a terminal is made with from its look, and the look applied to a live one
// (only what changed is set: each font or scrollback change makes xterm measure or reflow again).
import type { ITerminalInitOnlyOptions, ITerminalOptions } from '@xterm/xterm';
import { TERMINAL } from './constants.js';
import type { TerminalLook } from './terminal-host.js';
import { xtermTheme } from './xterm-theme.js';

/** `size`: an adopted session's last size; `openLink` opens every link the terminal shows. */
export function xtermOptions(look: TerminalLook, size: { readonly cols: number; readonly rows: number } | undefined, openLink: (url: string) => void): ITerminalOptions & ITerminalInitOnlyOptions {
  return {
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
    linkHandler: { activate: (_e, uri) => openLink(uri) },
  };
}

/** Sets a new look on a live terminal's options; the theme always (the caller checked the look changed). */
export function applyLookOptions(o: ITerminalOptions, look: TerminalLook): void {
  if (o.fontFamily !== look.fontFamily) o.fontFamily = look.fontFamily;
  if (o.fontSize !== look.fontSize) o.fontSize = look.fontSize;
  if (o.scrollback !== look.scrollback) o.scrollback = look.scrollback;
  o.theme = xtermTheme(look.theme);
}
