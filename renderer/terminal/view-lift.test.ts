// The screen of a session that may still go on, drawn above the bar over the view's foot, against
// a real xterm: as far as the last text needs and no further, measured again without lifting
// twice, undone when the bar goes, and never by writing to the terminal or changing its size.
import xterm from '@xterm/xterm';
import { describe, expect, it } from 'vitest';
import { rowsToLift, ViewLift, type LiftScreen } from './view-lift.js';

const ROWS = 10;
const CELL_PX = 17;
/** Where the screen lies unlifted. */
const SCREEN_TOP = 40;
/** A bar over the last two rows, and a hair of the third: that row counts as covered. */
const BAR_TOP = SCREEN_TOP + (ROWS - 2) * CELL_PX - 3;

function written(term: xterm.Terminal, data: string): Promise<void> {
  return new Promise((resolve) => term.write(data, resolve));
}

/** A full screen of output, the prompt on the last row with the cursor after it. */
async function fullScreen(): Promise<xterm.Terminal> {
  const term = new xterm.Terminal({ rows: ROWS, cols: 20, allowProposedApi: true });
  await written(term, [...Array.from({ length: ROWS + 5 }, (_, i) => `line ${i}`), '$ typed'].join('\r\n'));
  return term;
}

/** xterm's screen element as the browser lays it out: its box moves with the translate set on it. */
function screen(): LiftScreen {
  const style = { translate: '' };
  return {
    style,
    getBoundingClientRect: () => {
      const y = /^0 (-?[\d.]+)px$/.exec(style.translate)?.[1];
      return { top: SCREEN_TOP + (y === undefined ? 0 : Number(y)), height: ROWS * CELL_PX };
    },
  };
}

describe('rowsToLift', () => {
  it('lifts the last text just above the bar, and no further', () => {
    expect(rowsToLift(31, 30, 2)).toBe(2);
    expect(rowsToLift(31, 29, 2)).toBe(1);
    expect(rowsToLift(31, 28, 2)).toBe(0);
    expect(rowsToLift(31, 2, 2)).toBe(0);
  });

  it('does nothing without a bar or text, or with a bar as tall as the view', () => {
    expect(rowsToLift(31, 30, 0)).toBe(0);
    expect(rowsToLift(31, -1, 2)).toBe(0);
    expect(rowsToLift(3, 2, 3)).toBe(0);
  });
});

describe('ViewLift', () => {
  it('draws a full screen three rows higher for a bar over two and a bit, writing nothing', async () => {
    const term = await fullScreen();
    const before = { text: term.buffer.active.getLine(term.buffer.active.baseY + ROWS - 1)?.translateToString(true), cursor: term.buffer.active.cursorY, baseY: term.buffer.active.baseY };
    const el = screen();
    const lift = new ViewLift(term, () => el);
    lift.cover(() => BAR_TOP);
    expect(lift.rows).toBe(3);
    expect(el.style.translate).toBe(`0 ${-3 * CELL_PX}px`);
    // The prompt's row now ends at or above the bar.
    expect(SCREEN_TOP - 3 * CELL_PX + ROWS * CELL_PX).toBeLessThanOrEqual(BAR_TOP);
    await written(term, '');
    const buffer = term.buffer.active;
    expect({ text: buffer.getLine(buffer.baseY + ROWS - 1)?.translateToString(true), cursor: buffer.cursorY, baseY: buffer.baseY }).toEqual(before);
    expect(term.rows).toBe(ROWS);
  });

  it('measured again while lifted (a fit, the bar resized), lifts by the same rows, not twice', async () => {
    const term = await fullScreen();
    const el = screen();
    const lift = new ViewLift(term, () => el);
    lift.cover(() => BAR_TOP);
    lift.update();
    lift.update();
    expect(lift.rows).toBe(3);
    expect(el.style.translate).toBe(`0 ${-3 * CELL_PX}px`);
  });

  it('leaves a screen whose last text is above the bar where it is', async () => {
    const term = new xterm.Terminal({ rows: ROWS, cols: 20, allowProposedApi: true });
    await written(term, 'line 0\r\n$ ');
    const el = screen();
    const lift = new ViewLift(term, () => el);
    lift.cover(() => BAR_TOP);
    expect(lift.rows).toBe(0);
    expect(el.style.translate).toBe('');
  });

  it('lifts output that arrives while the bar shows, and puts the screen back when the bar goes', async () => {
    const term = new xterm.Terminal({ rows: ROWS, cols: 20, allowProposedApi: true });
    const el = screen();
    const lift = new ViewLift(term, () => el);
    lift.cover(() => BAR_TOP);
    expect(lift.rows).toBe(0);
    await written(term, Array.from({ length: ROWS - 1 }, (_, i) => `line ${i}`).join('\r\n'));
    lift.update();
    expect(lift.rows).toBe(2);
    lift.cover(null);
    expect(lift.rows).toBe(0);
    expect(el.style.translate).toBe('');
  });

  it('scrolled up to the top of the scrollback, draws the screen where xterm puts it, so the first line shows; lifted again at the bottom', async () => {
    const term = await fullScreen();
    const el = screen();
    const lift = new ViewLift(term, () => el);
    lift.cover(() => BAR_TOP);
    expect(lift.rows).toBe(3);
    term.scrollToTop();
    expect(term.buffer.active.viewportY).toBe(0);
    lift.update();
    expect(lift.rows).toBe(0);
    expect(el.style.translate).toBe('');
    // The view's first row, at the screen's top (inside the view), holds the buffer's first line.
    expect(el.getBoundingClientRect().top).toBe(SCREEN_TOP);
    expect(term.buffer.active.getLine(term.buffer.active.viewportY)?.translateToString(true)).toBe('line 0');
    // One row up from the bottom is in the scrollback too.
    term.scrollToBottom();
    term.scrollLines(-1);
    lift.update();
    expect(lift.rows).toBe(0);
    term.scrollToBottom();
    lift.update();
    expect(lift.rows).toBe(3);
    expect(el.style.translate).toBe(`0 ${-3 * CELL_PX}px`);
  });

  it('keeps its lift while the screen is out of the document (a hidden tab measures 0)', async () => {
    const term = await fullScreen();
    const el = screen();
    let hidden = false;
    const measured: LiftScreen = { style: el.style, getBoundingClientRect: () => (hidden ? { top: 0, height: 0 } : el.getBoundingClientRect()) };
    const lift = new ViewLift(term, () => measured);
    lift.cover(() => BAR_TOP);
    hidden = true;
    lift.update();
    expect(lift.rows).toBe(3);
    expect(el.style.translate).toBe(`0 ${-3 * CELL_PX}px`);
  });
});
