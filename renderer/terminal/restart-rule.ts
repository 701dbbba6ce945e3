// What a terminal shows when its tab gets a fresh session (Reopen, Restart session), as VS Code's
// terminal does when it restarts one in place: the old output stays, one dim rule says a new
// session starts there, and the new shell's prompt follows on the next row. The rows below the
// old text are blank when the session ended: the line feeds written to keep its last text above
// the ended session's bar (room-below.ts), and whatever the old program left. The rule goes on the
// row right after the last text, so the new prompt does not land below a run of empty lines.

/** The line between the old session's output and the new one's (dim, as VS Code's own terminal notes are). */
export const RESTART_RULE_TEXT = '── New session ──';

/** SGR dim on and off (22 ends dim and bold, leaving colours as they are). */
const DIM = '\x1b[2m';
const NOT_DIM = '\x1b[22m';
/**
 * DECSTR, soft terminal reset: the old program's modes (scroll region, origin mode, hidden cursor,
 * application cursor keys, bracketed paste, charsets, colours) do not reach the new shell, and
 * the cursor addressing below counts from the view's top.
 */
const SOFT_RESET = '\x1b[!p';
/** Leaves the alternate screen a full-screen program (vim, less) left on: the new shell writes to the normal one. */
export const LEAVE_ALTERNATE_SCREEN = '\x1b[?1049l';

/** The normal buffer's bottom view when the new session starts, counted from the view's top. */
export interface RestartView {
  readonly rows: number;
  readonly cursorRow: number;
  readonly cursorCol: number;
  /** The last row of the view holding text; -1 when none does. */
  readonly lastTextRow: number;
}

/**
 * What to write before the new session's first output: a soft reset, the cursor on the row after
 * the last text (after the cursor's own row when the old shell stopped mid-line, at a prompt), the
 * rule, and the next row for the new shell.
 */
export function restartPreamble(view: RestartView): string {
  const textEnd = Math.max(view.lastTextRow, view.cursorCol > 0 ? view.cursorRow : -1);
  const row = textEnd + 1;
  // The text reaches the last row: go there, and a line feed scrolls the view up one row for the rule.
  const place = row >= view.rows ? `\x1b[${view.rows};1H\r\n` : `\x1b[${row + 1};1H`;
  return `${SOFT_RESET}${place}${DIM}${RESTART_RULE_TEXT}${NOT_DIM}\r\n`;
}

/**
 * A restarted session's output, held until the rule before it is written (the row for it can only
 * be measured once the old output is parsed). One rule is pending at a time: a second restart
 * before the first rule is written (Reopen pressed twice, a restart that failed and was retried)
 * is covered by that rule, and writes no second "New session" rule.
 */
export class PendingRule {
  #held: Uint8Array[] | null = null;

  /** A restart: true when a rule is to be written for it; false when one is pending already. */
  begin(): boolean {
    if (this.#held !== null) return false;
    this.#held = [];
    return true;
  }

  /** Keeps `bytes` for after the pending rule; false when no rule is pending (write them now). */
  hold(bytes: Uint8Array): boolean {
    if (this.#held === null) return false;
    this.#held.push(bytes);
    return true;
  }

  /** The rule is written: what was held meanwhile, in order, to write after it. */
  written(): Uint8Array[] {
    const held = this.#held ?? [];
    this.#held = null;
    return held;
  }
}
