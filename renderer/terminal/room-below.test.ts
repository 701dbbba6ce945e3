import { describe, expect, it } from 'vitest';
import { feedsToClear, lastTextRow, rowsUnder } from './room-below.js';

describe('feedsToClear', () => {
  it('writes nothing when the last text is above the bar', () => {
    // A short session: a prompt and "exit" on the first rows of 31.
    expect(feedsToClear({ rows: 31, cursorRow: 2, lastTextRow: 1 }, 2)).toBe(0);
    expect(feedsToClear({ rows: 31, cursorRow: 29, lastTextRow: 28 }, 2)).toBe(0);
  });

  it('lifts a full screen’s last text just above the bar', () => {
    // Text to the last row, cursor on it: two feeds scroll it up two rows, out from under a 2-row bar.
    expect(feedsToClear({ rows: 31, cursorRow: 30, lastTextRow: 30 }, 2)).toBe(2);
    // The cursor on the blank row below the text: it reaches the bottom first.
    expect(feedsToClear({ rows: 31, cursorRow: 29, lastTextRow: 29 }, 2)).toBe(2);
    expect(feedsToClear({ rows: 31, cursorRow: 30, lastTextRow: 29 }, 2)).toBe(1);
  });

  it('counts from a cursor above the last text (a full-screen program left it there)', () => {
    expect(feedsToClear({ rows: 31, cursorRow: 10, lastTextRow: 30 }, 2)).toBe(22);
  });

  it('does nothing without a bar, or with a bar that covers the whole view', () => {
    expect(feedsToClear({ rows: 31, cursorRow: 30, lastTextRow: 30 }, 0)).toBe(0);
    expect(feedsToClear({ rows: 3, cursorRow: 2, lastTextRow: 2 }, 3)).toBe(0);
  });
});

describe('rowsUnder', () => {
  // 31 rows of 17 px from y = 40.
  const screen = { top: 40, height: 527 };

  it('counts the rows at or below the bar’s top, a row partly under it included', () => {
    expect(rowsUnder(40 + 29 * 17, screen, 31)).toBe(2);
    expect(rowsUnder(40 + 29 * 17 - 1, screen, 31)).toBe(3);
  });

  it('is 0 for a bar below the screen and every row for one above it', () => {
    expect(rowsUnder(600, screen, 31)).toBe(0);
    expect(rowsUnder(10, screen, 31)).toBe(31);
  });
});

describe('lastTextRow', () => {
  const buffer = (lines: readonly string[], baseY: number) => ({ baseY, getLine: (y: number) => (y < lines.length ? { translateToString: () => lines[y] ?? '' } : undefined) });

  it('finds the last row with text in the bottom view', () => {
    expect(lastTextRow(buffer(['a', 'b', '$ exit', '', ''], 1), 4)).toBe(1);
    expect(lastTextRow(buffer(['', '', ''], 0), 3)).toBe(-1);
  });
});
