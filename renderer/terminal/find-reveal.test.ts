import { describe, expect, it } from 'vitest';
import { barCells, matchUnderBar, revealMatch, type BarCells, type ViewCells } from './find-reveal.js';

const view: ViewCells = { rows: 30, cols: 100, above: 50, below: 0 };
const top: BarCells = { edge: 'top', rows: 2, fromCol: 50 };
const bottom: BarCells = { edge: 'bottom', rows: 2, fromCol: 50 };
const at = (row: number, startCol: number, endCol: number) => ({ startRow: row, startCol, endRow: row, endCol });

describe('matchUnderBar', () => {
  it('sees a match on a covered row that reaches the bar’s columns', () => {
    expect(matchUnderBar(at(1, 55, 60), top, view)).toBe(true);
    expect(matchUnderBar(at(0, 10, 51), top, view)).toBe(true);
  });

  it('leaves a match left of the bar, or below its rows, alone', () => {
    expect(matchUnderBar(at(0, 10, 50), top, view)).toBe(false);
    expect(matchUnderBar(at(2, 55, 60), top, view)).toBe(false);
  });

  it('sees a wrapped match whose first row runs under the bar', () => {
    expect(matchUnderBar({ startRow: 1, startCol: 90, endRow: 2, endCol: 5 }, top, view)).toBe(true);
  });

  it('checks the bottom rows when the bar is at the bottom', () => {
    expect(matchUnderBar(at(29, 60, 62), bottom, view)).toBe(true);
    expect(matchUnderBar(at(0, 60, 62), bottom, view)).toBe(false);
  });
});

describe('revealMatch', () => {
  it('scrolls a match under the top bar down to just below it in a view scrolled up from the bottom', () => {
    const scrolledUp = { ...view, below: 3 };
    expect(revealMatch(at(0, 60, 65), top, scrolledUp)).toEqual({ kind: 'scroll', lines: -2 });
    expect(revealMatch(at(1, 60, 65), top, scrolledUp)).toEqual({ kind: 'scroll', lines: -1 });
  });

  it('moves the bar when the scrollback above is too short', () => {
    expect(revealMatch(at(0, 60, 65), top, { ...view, above: 1, below: 3 })).toEqual({ kind: 'move' });
  });

  it('never scrolls a view following the output at the bottom: the bar moves', () => {
    expect(revealMatch(at(0, 60, 65), top, view)).toEqual({ kind: 'move' });
    expect(revealMatch(at(1, 60, 65), top, view)).toEqual({ kind: 'move' });
  });

  it('scrolls a match under the bottom bar up, or moves the bar at the end of the buffer', () => {
    expect(revealMatch(at(29, 60, 65), bottom, { ...view, below: 5 })).toEqual({ kind: 'scroll', lines: 2 });
    expect(revealMatch(at(29, 60, 65), bottom, view)).toEqual({ kind: 'move' });
  });

  it('does nothing for a match in the clear', () => {
    expect(revealMatch(at(10, 60, 65), top, view)).toEqual({ kind: 'clear' });
  });
});

describe('barCells', () => {
  const rect = (x: number, y: number, width: number, height: number): DOMRectReadOnly =>
    ({ x, y, left: x, top: y, width, height, right: x + width, bottom: y + height, toJSON: () => ({}) });
  // 100 columns of 8 px, 30 rows of 17 px, from (10, 40).
  const screen = rect(10, 40, 800, 510);

  it('counts the rows a bar at the top covers, part of a row included, and the column it starts at', () => {
    expect(barCells(rect(410, 40, 390, 36), screen, 30, 100)).toEqual({ edge: 'top', rows: 3, fromCol: 50 });
  });

  it('counts from the bottom for a bar at the bottom', () => {
    expect(barCells(rect(410, 516, 390, 30), screen, 30, 100)).toEqual({ edge: 'bottom', rows: 2, fromCol: 50 });
  });
});
