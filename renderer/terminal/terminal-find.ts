// The find bar's search in one terminal: the search addon, its highlight colours and the search
// shown (so that toggling an option alone starts a fresh search, and a theme switch repaints the
// highlights at once instead of at the next search).
import type { ISearchOptions, ISearchResultChangeEvent, SearchAddon } from '@xterm/addon-search';
import type { IDisposable } from '@xterm/xterm';
import { findDecorations } from './find-decorations.js';
import type { ResolvedTheme } from './xterm-theme.js';

/** How the find bar matches (the search addon's own options). */
export interface FindOptions {
  readonly caseSensitive: boolean;
  readonly wholeWord: boolean;
  readonly regex: boolean;
}

/** What this uses of the search addon. */
export type FindSearch = Pick<SearchAddon, 'findNext' | 'findPrevious' | 'clearDecorations' | 'onDidChangeResults'>;

/** What this uses of the terminal: the scrolled position, kept while the highlights are repainted. */
export interface FindViewport {
  viewportY(): number;
  scrollToLine(line: number): void;
}

interface Shown {
  readonly query: string;
  readonly options: FindOptions;
  readonly theme: ResolvedTheme;
}

function sameOptions(a: FindOptions, b: FindOptions): boolean {
  return a.caseSensitive === b.caseSensitive && a.wholeWord === b.wholeWord && a.regex === b.regex;
}

export class TerminalFind {
  /** The search whose highlights are on screen; null when none is. */
  #shown: Shown | null = null;

  constructor(
    private readonly search: FindSearch,
    private readonly viewport: FindViewport,
  ) {}

  /** Finds the next or previous match; false when there is none. Throws a SyntaxError for a bad regex (the find bar checks first). */
  find(query: string, direction: 'next' | 'previous', options: FindOptions, theme: ResolvedTheme): boolean {
    if (query.length === 0) {
      this.clear();
      return false;
    }
    // The addon keeps its highlights while the query stays the same, and records new options
    // before comparing them with the last ones: a toggle alone would keep the old highlights and
    // count, and new colours would never show. Forget its cached search when either changes.
    const last = this.#shown;
    if (last !== null && (!sameOptions(last.options, options) || last.theme !== theme)) this.search.clearDecorations();
    this.#shown = { query, options, theme };
    const search: ISearchOptions = { ...options, incremental: direction === 'next', decorations: findDecorations(theme) };
    return direction === 'next' ? this.search.findNext(query, search) : this.search.findPrevious(query, search);
  }

  /**
   * The theme changed: paints the shown search's highlights in its colours now. The same match
   * stays active (the addon finds it again from its selection, as it does when output arrives)
   * and the view stays where it was scrolled.
   */
  setTheme(theme: ResolvedTheme): void {
    const shown = this.#shown;
    if (shown === null || shown.theme === theme) return;
    const y = this.viewport.viewportY();
    this.search.clearDecorations();
    this.#shown = { ...shown, theme };
    this.search.findPrevious(shown.query, { ...shown.options, incremental: true, decorations: findDecorations(theme) });
    if (this.viewport.viewportY() !== y) this.viewport.scrollToLine(y);
  }

  /** The find bar's "3 of 17": the addon tells it after every search and when output changes the matches. */
  onResults(listener: (e: ISearchResultChangeEvent) => void): IDisposable {
    return this.search.onDidChangeResults(listener);
  }

  clear(): void {
    this.#shown = null;
    this.search.clearDecorations();
  }
}
