// xterm colours for each app theme. The UI chrome uses CSS tokens; xterm needs concrete colours,
// so the two palettes here are tuned to match tokens.css (background and foreground equal).
import type { ITheme } from '@xterm/xterm';

export type ResolvedTheme = 'dark' | 'light';

/**
 * The selection colour of each theme. The find bar's active match shows it too (find-decorations.ts),
 * so each must stand out from the background more than the other matches' amber: the light one is a
 * mid blue (1.6:1 on white, 9.8:1 under the text), not the pale blue that only its outline set apart.
 */
export const SELECTION_BACKGROUND: Readonly<Record<ResolvedTheme, string>> = { dark: '#2f4a6d', light: '#aecff6' };

const DARK: ITheme = {
  background: '#111317',
  foreground: '#d7dae0',
  cursor: '#4aa3ff',
  cursorAccent: '#111317',
  selectionBackground: SELECTION_BACKGROUND.dark,
  black: '#1b1e24',
  red: '#f2707a',
  green: '#4cc38a',
  yellow: '#e6b450',
  blue: '#4aa3ff',
  magenta: '#c792ea',
  cyan: '#5ccfe6',
  white: '#c5c9d0',
  brightBlack: '#5d636e',
  brightRed: '#ff8f97',
  brightGreen: '#72dba6',
  brightYellow: '#f2cc73',
  brightBlue: '#7cbcff',
  brightMagenta: '#dcb1f5',
  brightCyan: '#8ce0f0',
  brightWhite: '#f2f4f7',
};

const LIGHT: ITheme = {
  background: '#ffffff',
  foreground: '#1f2329',
  cursor: '#0b6bcb',
  cursorAccent: '#ffffff',
  selectionBackground: SELECTION_BACKGROUND.light,
  black: '#1f2329',
  red: '#c62f3b',
  green: '#1f8a57',
  yellow: '#9a6700',
  blue: '#0b6bcb',
  magenta: '#8a3fb8',
  cyan: '#0f7b8a',
  white: '#d6d9de',
  brightBlack: '#6b727d',
  brightRed: '#e0434f',
  brightGreen: '#27a86a',
  brightYellow: '#b88200',
  brightBlue: '#2f86e0',
  brightMagenta: '#a35ad1',
  brightCyan: '#1593a5',
  brightWhite: '#f4f5f7',
};

export function xtermTheme(theme: ResolvedTheme): ITheme {
  return theme === 'light' ? LIGHT : DARK;
}

/** The theme the document currently shows (use-theme.ts sets data-theme). */
export function documentTheme(): ResolvedTheme {
  return document.documentElement.dataset['theme'] === 'light' ? 'light' : 'dark';
}
