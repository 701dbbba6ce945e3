import { describe, expect, it } from 'vitest';
import { filterSelectionRedraws, showsSelection, skipEmptySelectionRedraws, type SelectionRedrawTarget } from './selection-redraw.js';

type P = [number, number];
type Call = [P | undefined, P | undefined, boolean];

/** Stands in for xterm's render service: records what reaches the renderer. */
class Service implements SelectionRedrawTarget {
  readonly calls: Call[] = [];
  handleSelectionChanged(start: P | undefined, end: P | undefined, columnSelectMode: boolean): void {
    this.calls.push([start, end, columnSelectMode]);
  }
}

describe('showsSelection', () => {
  it('is true only with both ends set and apart', () => {
    expect(showsSelection(undefined, undefined)).toBe(false);
    expect(showsSelection([3, 4], undefined)).toBe(false);
    expect(showsSelection(undefined, [3, 4])).toBe(false);
    expect(showsSelection([3, 4], [3, 4])).toBe(false); // a click
    expect(showsSelection([3, 4], [5, 4])).toBe(true);
    expect(showsSelection([3, 4], [3, 5])).toBe(true);
  });
});

describe('skipEmptySelectionRedraws', () => {
  it('drops repeated redraws with nothing selected, after passing the first', () => {
    const s = new Service();
    skipEmptySelectionRedraws(s);
    s.handleSelectionChanged(undefined, undefined, false);
    s.handleSelectionChanged(undefined, undefined, false);
    s.handleSelectionChanged([2, 2], [2, 2], false); // a click: still nothing shown
    s.handleSelectionChanged(undefined, undefined, false);
    expect(s.calls).toEqual([[undefined, undefined, false]]);
  });

  it('passes a selection appearing, every redraw while one shows, and its removal once', () => {
    const s = new Service();
    skipEmptySelectionRedraws(s);
    s.handleSelectionChanged(undefined, undefined, false);
    s.handleSelectionChanged([0, 1], [4, 1], false);
    s.handleSelectionChanged([0, 1], [4, 1], false); // scrolled with the selection: rows move
    s.handleSelectionChanged([0, 1], [4, 3], true);
    s.handleSelectionChanged([7, 7], [7, 7], false); // clicked elsewhere: the highlight must go
    s.handleSelectionChanged(undefined, undefined, false);
    expect(s.calls).toEqual([
      [undefined, undefined, false],
      [[0, 1], [4, 1], false],
      [[0, 1], [4, 1], false],
      [[0, 1], [4, 3], true],
      [[7, 7], [7, 7], false],
    ]);
  });

  it('keeps the service as `this` for the original method', () => {
    const s = new Service();
    skipEmptySelectionRedraws(s);
    s.handleSelectionChanged([0, 0], [1, 0], false);
    expect(s.calls).toHaveLength(1);
  });
});

describe('filterSelectionRedraws', () => {
  it('wraps the render service of a terminal shaped like xterm 6', () => {
    const service = new Service();
    const terminal = { _core: { _renderService: service } };
    expect(filterSelectionRedraws(terminal)).toBe(true);
    service.handleSelectionChanged(undefined, undefined, false);
    service.handleSelectionChanged(undefined, undefined, false);
    expect(service.calls).toHaveLength(1);
  });

  it('changes nothing and says so when the internals are not there', () => {
    expect(filterSelectionRedraws({})).toBe(false);
    expect(filterSelectionRedraws({ _core: null })).toBe(false);
    expect(filterSelectionRedraws({ _core: { _renderService: { handleSelectionChanged: 'no' } } })).toBe(false);
    // A method with other parameters (a later xterm) is not wrapped.
    const other = { handleSelectionChanged: (_selection: unknown): void => undefined };
    expect(filterSelectionRedraws({ _core: { _renderService: other } })).toBe(false);
  });
});
