// Passes that move an ended session's last text above the bar, against a real xterm: passes
// requested back to back (the banner shown, its first resize, a fit) lift the text once, to the
// row directly above the bar, not once per request.
import xterm from '@xterm/xterm';
import { describe, expect, it } from 'vitest';
import { lastTextRow } from './room-below.js';
import { RoomKeeper } from './room-keeper.js';

const ROWS = 10;
const COVERED = 2;

function written(term: xterm.Terminal, data: string): Promise<void> {
  return new Promise((resolve) => term.write(data, resolve));
}

/** Until every write queued so far, and any queued from their callbacks, is parsed. */
async function settled(term: xterm.Terminal): Promise<void> {
  for (let i = 0; i < 4; i++) await written(term, '');
}

/** A full screen of output, the last line on the last row with the cursor on it. */
async function fullScreen(): Promise<xterm.Terminal> {
  const term = new xterm.Terminal({ rows: ROWS, cols: 20, allowProposedApi: true });
  await written(term, Array.from({ length: ROWS }, (_, i) => `line ${i}`).join('\r\n'));
  return term;
}

describe('RoomKeeper', () => {
  it('lifts the last text to the row directly above the bar once, for passes queued back to back', async () => {
    const term = await fullScreen();
    const keeper = new RoomKeeper(term, () => COVERED);
    keeper.request();
    keeper.request();
    keeper.request();
    await settled(term);
    const buffer = term.buffer.active;
    expect(lastTextRow(buffer, ROWS)).toBe(ROWS - COVERED - 1);
    expect(buffer.getLine(buffer.baseY + ROWS - COVERED - 1)?.translateToString(true)).toBe(`line ${ROWS - 1}`);
  });

  it('measures again after a request made while a pass was in flight (the bar grew)', async () => {
    const term = await fullScreen();
    let covered = COVERED;
    const keeper = new RoomKeeper(term, () => covered);
    keeper.request();
    covered = COVERED + 1;
    keeper.request();
    await settled(term);
    expect(lastTextRow(term.buffer.active, ROWS)).toBe(ROWS - COVERED - 2);
  });

  it('writes nothing without a bar', async () => {
    const term = await fullScreen();
    const writes: string[] = [];
    const keeper = new RoomKeeper({ rows: term.rows, buffer: term.buffer, write: (d, cb) => (writes.push(d), term.write(d, cb)) }, () => null);
    keeper.request();
    await settled(term);
    expect(writes).toEqual(['']);
    expect(lastTextRow(term.buffer.active, ROWS)).toBe(ROWS - 1);
  });
});
