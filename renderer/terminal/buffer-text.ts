// A terminal's buffer as text, line by line with trailing blanks trimmed (the e2e test hook reads it).
import type { Terminal } from '@xterm/xterm';

export function bufferText(term: Terminal): string {
  const buffer = term.buffer.active;
  const lines: string[] = [];
  for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}
