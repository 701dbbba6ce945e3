// The find bar's search in one terminal: the search addon, its highlight colours and the options
// of the last search (so that toggling an option alone starts a fresh search).
import { SearchAddon, type ISearchResultChangeEvent } from '@xterm/addon-search';
import type { IDisposable, Terminal } from '@xterm/xterm';
import { findDecorations } from './find-decorations.js';
import type { ResolvedTheme } from './xterm-theme.js';

/** How the find bar matches (the search addon's own options). */
export interface FindOptions {
  readonly caseSensitive: boolean;
  readonly wholeWord: boolean;
  readonly regex: boolean;
}


export class TerminalFind {
  readonly #search = new SearchAddon();
  #options: FindOptions | null = null;

  constructor(term: Terminal) {
    term.loadAddon(this.#search);
  }

  /** Finds the next or previous match; false when there is none. Throws a SyntaxError for a bad regex (the find bar checks first). */
  find(query: string, direction: 'next' | 'previous', options: FindOptions, theme: ResolvedTheme): boolean {
    if (query.length === 0) {
      this.#search.clearDecorations();
      return false;
    }
    const search = { ...options, incremental: direction === 'next', decorations: findDecorations(theme) };
    // The addon records new options before comparing them with the last ones, so a toggle alone
    // would keep the old highlights and count: forget its cached search when the options change.
    const last = this.#options;
    if (last !== null && (last.caseSensitive !== options.caseSensitive || last.wholeWord !== options.wholeWord || last.regex !== options.regex)) this.#search.clearDecorations();
    this.#options = options;
    return direction === 'next' ? this.#search.findNext(query, search) : this.#search.findPrevious(query, search);
  }

  /** The find bar's "3 of 17": the addon tells it after every search and when output changes the matches. */
  onResults(listener: (e: ISearchResultChangeEvent) => void): IDisposable {
    return this.#search.onDidChangeResults(listener);
  }

  clear(): void {
    this.#search.clearDecorations();
  }
}
