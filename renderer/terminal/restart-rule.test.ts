// A fresh session in a tab whose terminal holds the old one's output, against a real xterm: the
// old text stays, the rule comes on the row right after it, and the new prompt right after the
// rule, with no blank rows between, wherever the old session left the cursor.
import xterm from '@xterm/xterm';
import { describe, expect, it } from 'vitest';
import { bufferText } from './buffer-text.js';
import { lastTextRow } from './room-below.js';
import { RoomKeeper } from './room-keeper.js';
import { PendingRule, restartPreamble, RESTART_RULE_TEXT } from './restart-rule.js';

const ROWS = 10;
/** Rows under an ended session's bar. */
const COVERED = 3;
const PROMPT = '$ ';

function written(term: xterm.Terminal, data: string): Promise<void> {
  return new Promise((resolve) => term.write(data, resolve));
}

async function settled(term: xterm.Terminal): Promise<void> {
  for (let i = 0; i < 4; i++) await written(term, '');
}

/** The preamble for the terminal as it is, then the new shell's prompt; the buffer's last lines. */
async function restartedTail(term: xterm.Terminal, lines: number): Promise<string[]> {
  const b = term.buffer.active;
  await written(term, restartPreamble({ rows: term.rows, cursorRow: b.cursorY, cursorCol: b.cursorX, lastTextRow: lastTextRow(b, term.rows) }));
  await written(term, PROMPT);
  return bufferText(term).split('\n').slice(-lines);
}

function terminal(): xterm.Terminal {
  return new xterm.Terminal({ rows: ROWS, cols: 40, allowProposedApi: true });
}

describe('restartPreamble', () => {
  it('puts the rule right after the last text when an ended session lifted it above its bar', async () => {
    const term = terminal();
    await written(term, `${Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\r\n')}\r\n$ exit\r\nexit\r\n`);
    new RoomKeeper(term, () => COVERED).request();
    await settled(term);
    // The feeds left blank rows below the text (what showed as empty lines after Reopen).
    expect(term.buffer.active.cursorY - lastTextRow(term.buffer.active, ROWS)).toBeGreaterThan(1);
    expect(await restartedTail(term, 4)).toEqual(['$ exit', 'exit', RESTART_RULE_TEXT, PROMPT]);
  });

  it('starts a new row after a shell that stopped mid-line (a live session restarted at its prompt)', async () => {
    const term = terminal();
    await written(term, 'output\r\n$ ');
    expect(await restartedTail(term, 4)).toEqual(['output', '$ ', RESTART_RULE_TEXT, PROMPT]);
  });

  it('scrolls one row when the old text reaches the last row', async () => {
    const term = terminal();
    await written(term, Array.from({ length: ROWS }, (_, i) => `line ${i}`).join('\r\n'));
    expect(await restartedTail(term, 3)).toEqual([`line ${ROWS - 1}`, RESTART_RULE_TEXT, PROMPT]);
  });

  it('puts the rule on the first row of an empty view (a session that never printed)', async () => {
    const term = terminal();
    expect(await restartedTail(term, 3)).toEqual([RESTART_RULE_TEXT, PROMPT]);
  });

  it('drops the old program’s modes (bracketed paste, application cursor keys, a scroll region)', async () => {
    const term = terminal();
    await written(term, 'top\r\n\x1b[?2004h\x1b[?1h\x1b[2;5r');
    expect(term.modes.bracketedPasteMode).toBe(true);
    expect(await restartedTail(term, 3)).toEqual(['top', RESTART_RULE_TEXT, PROMPT]);
    expect(term.modes).toMatchObject({ bracketedPasteMode: false, applicationCursorKeysMode: false });
  });
});

describe('PendingRule', () => {
  const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

  it('holds one rule for restarts that come before it is written, then takes the next restart afresh', () => {
    const rule = new PendingRule();
    expect(rule.hold(bytes('live'))).toBe(false);
    expect(rule.begin()).toBe(true);
    expect(rule.hold(bytes('a'))).toBe(true);
    // Restarted again while the first rule waits for the old output to be parsed: no second rule.
    expect(rule.begin()).toBe(false);
    expect(rule.hold(bytes('b'))).toBe(true);
    expect(rule.written().map((b) => new TextDecoder().decode(b))).toEqual(['a', 'b']);
    expect(rule.hold(bytes('after'))).toBe(false);
    expect(rule.begin()).toBe(true);
  });

  it('two restarts before the old output is parsed leave one "New session" rule, the new prompt after it (as TerminalController.restarted)', async () => {
    const term = terminal();
    const rule = new PendingRule();
    const restarted = (): void => {
      if (!rule.begin()) return;
      term.write('', () => {
        const b = term.buffer.active;
        term.write(restartPreamble({ rows: term.rows, cursorRow: b.cursorY, cursorCol: b.cursorX, lastTextRow: lastTextRow(b, term.rows) }));
        for (const held of rule.written()) term.write(held);
      });
    };
    term.write('old output\r\n');
    restarted();
    restarted();
    expect(rule.hold(bytes(PROMPT))).toBe(true);
    await settled(term);
    expect(bufferText(term).split('\n').filter((line) => line !== '')).toEqual(['old output', RESTART_RULE_TEXT, PROMPT]);
  });
});
