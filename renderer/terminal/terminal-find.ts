// The find bar's search in one terminal: the search addon, its highlight colours and the options
// of the last search (so that toggling an option alone starts a fresh search).
import { SearchAddon, type ISearchResultChangeEvent } from '@xterm/addon-search';
import type { IDisposable, Terminal } from '@xterm/xterm';

/** How the find bar matches (the search addon's own options). */
export interface FindOptions {
  readonly caseSensitive: boolean;
  readonly wholeWord: boolean;
  readonly regex: boolean;
}

/** Highlights of the find bar's matches: every match, and the current one stronger. */
const FIND_DECORATIONS = { matchOverviewRuler: '#e6b450', activeMatchColorOverviewRuler: '#4aa3ff', matchBackground: '#e6b45055', activeMatchBackground: '#4aa3ff88' } as const;

export class TerminalFind {
  readonly #search = new SearchAddon();
  #options: FindOptions | null = null;

  constructor(term: Terminal) {
    term.loadAddon(this.#search);
  }

  /** Finds the next or previous match; false when there is none. Throws a SyntaxError for a bad regex (the find bar checks first). */
  find(query: string, direction: 'next' | 'previous', options: FindOptions): boolean {
    if (query.length === 0) {
      this.#search.clearDecorations();
      return false;
    }
    const search = { ...options, incremental: direction === 'next', decorations: FIND_DECORATIONS };
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
