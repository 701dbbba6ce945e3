// The find bar's search: a theme switch repaints an open search's highlights at once, keeping the
// active match and the scrolled position; with no search shown it does nothing.
import type { ISearchOptions } from '@xterm/addon-search';
import { describe, expect, it } from 'vitest';
import { findDecorations } from './find-decorations.js';
import { TerminalFind, type FindOptions, type FindSearch } from './terminal-find.js';

type Call = { readonly op: 'next' | 'previous'; readonly query: string; readonly options: ISearchOptions | undefined } | { readonly op: 'clear' };

/** Stands in for the search addon: records each call; finding scrolls the view to line `jumpTo` when given, as the addon does for a match out of view. */
function setup(jumpTo: number | null = null) {
  const calls: Call[] = [];
  let y = 40;
  const scrolled: number[] = [];
  const search: FindSearch = {
    findNext: (query, options) => (calls.push({ op: 'next', query, options }), true),
    findPrevious: (query, options) => {
      calls.push({ op: 'previous', query, options });
      if (jumpTo !== null) y = jumpTo;
      return true;
    },
    clearDecorations: () => void calls.push({ op: 'clear' }),
    onDidChangeResults: () => ({ dispose: () => undefined }),
  };
  const find = new TerminalFind(search, {
    viewportY: () => y,
    scrollToLine: (line) => {
      scrolled.push(line);
      y = line;
    },
  });
  /** The person scrolls the terminal (not through scrollToLine). */
  const userScroll = (line: number): void => {
    y = line;
  };
  return { find, calls, scrolled, y: () => y, userScroll };
}

const PLAIN: FindOptions = { caseSensitive: false, wholeWord: false, regex: false };

describe('TerminalFind', () => {
  it('a theme switch with a search shown: forgets the cached highlights and finds the same match again in the new colours', () => {
    const { find, calls } = setup();
    find.find('status=', 'previous', PLAIN, 'dark');
    calls.length = 0;
    find.setTheme('light');
    expect(calls).toEqual([
      { op: 'clear' },
      { op: 'previous', query: 'status=', options: { ...PLAIN, incremental: true, decorations: findDecorations('light') } },
    ]);
  });

  it('keeps the view where it was scrolled when the addon would scroll back to the match', () => {
    const { find, scrolled, y, userScroll } = setup(100);
    find.find('status=', 'previous', PLAIN, 'dark');
    expect(y()).toBe(100);
    userScroll(10);
    find.setTheme('light');
    expect(scrolled).toEqual([10]);
    expect(y()).toBe(10);
  });

  it('does nothing without a search shown, after the bar cleared it, or when the theme is the same', () => {
    const { find, calls } = setup();
    find.setTheme('light');
    expect(calls).toEqual([]);
    find.find('x', 'next', PLAIN, 'light');
    find.setTheme('light');
    expect(calls).toHaveLength(1);
    find.clear();
    calls.length = 0;
    find.setTheme('dark');
    expect(calls).toEqual([]);
  });

  it('the next search after a switch uses the new colours and repaints every match (the query alone would keep the old highlights)', () => {
    const { find, calls } = setup();
    find.find('ok', 'previous', PLAIN, 'dark');
    calls.length = 0;
    find.find('ok', 'previous', PLAIN, 'light');
    expect(calls[0]).toEqual({ op: 'clear' });
    expect(calls[1]).toMatchObject({ op: 'previous', options: { decorations: findDecorations('light') } });
  });

  it('a toggle alone starts a fresh search; the same options and theme keep the cached one', () => {
    const { find, calls } = setup();
    find.find('ok', 'previous', PLAIN, 'dark');
    find.find('ok', 'previous', PLAIN, 'dark');
    expect(calls.filter((c) => c.op === 'clear')).toHaveLength(0);
    find.find('ok', 'next', { ...PLAIN, caseSensitive: true }, 'dark');
    expect(calls.filter((c) => c.op === 'clear')).toHaveLength(1);
  });

  it('an empty query clears the highlights and finds nothing', () => {
    const { find, calls } = setup();
    expect(find.find('', 'next', PLAIN, 'dark')).toBe(false);
    expect(calls).toEqual([{ op: 'clear' }]);
  });
});
