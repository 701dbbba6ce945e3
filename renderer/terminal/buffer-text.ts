// A terminal's buffer as text, line by line with trailing blanks trimmed (the e2e test hook reads it).
import type { Terminal } from '@xterm/xterm';

/** The part of xterm's terminal these read. */
export type BufferSource = Pick<Terminal, 'buffer'>;

export function bufferText(term: BufferSource): string {
  const buffer = term.buffer.active;
  const lines: string[] = [];
  for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

/**
 * The last line of bufferText, read from the end: what is after the last newline there. It costs
 * the blank rows below that line, not the whole scrollback (10,000 lines take milliseconds to
 * read, which a probe timing a keystroke's echo would add to what it measures).
 */
export function lastLineText(term: BufferSource): string {
  const buffer = term.buffer.active;
  for (let i = buffer.length - 1; i >= 0; i--) {
    const line = buffer.getLine(i)?.translateToString(true) ?? '';
    if (line !== '') return line;
  }
  return '';
}
