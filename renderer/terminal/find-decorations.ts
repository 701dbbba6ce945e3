// The find bar's highlight colours for each theme. The active match is the strongest mark on the
// screen: the addon selects it, so xterm paints it with the theme's selection colour (the WebGL
// renderer puts the selection over a decoration's fill), and an accent outline drawn above the
// text sets it apart. Every other match gets a lighter amber fill and no outline.
// Colours are opaque #RRGGBB: the WebGL renderer drops a decoration's alpha, so a translucent
// colour would be painted at full strength there.
import type { ISearchOptions } from '@xterm/addon-search';
import { SELECTION_BACKGROUND, type ResolvedTheme } from './xterm-theme.js';

export type FindDecorations = NonNullable<ISearchOptions['decorations']>;

/** Other matches on the dark background: a dim amber, lighter than the selection, text stays readable. */
const DARK_MATCH = '#4a3d1c';
/** Other matches on the light background: a pale amber, lighter than the selection. */
const LIGHT_MATCH = '#fbeab8';
/** The active match's outline on each background: the theme's accent blue. */
const DARK_ACTIVE_BORDER = '#7cbcff';
const LIGHT_ACTIVE_BORDER = '#0b6bcb';
/** The overview ruler marks: amber for matches, blue for the active one (the same hues as the text). */
const MATCH_RULER = '#e6b450';
const ACTIVE_RULER = '#4aa3ff';

export function findDecorations(theme: ResolvedTheme): FindDecorations {
  const light = theme === 'light';
  return {
    matchBackground: light ? LIGHT_MATCH : DARK_MATCH,
    matchOverviewRuler: MATCH_RULER,
    // The selection covers the fill anyway; using its colour keeps the DOM renderer identical.
    activeMatchBackground: SELECTION_BACKGROUND[theme],
    activeMatchBorder: light ? LIGHT_ACTIVE_BORDER : DARK_ACTIVE_BORDER,
    activeMatchColorOverviewRuler: ACTIVE_RULER,
  };
}
