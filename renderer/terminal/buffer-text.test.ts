import { describe, expect, it } from 'vitest';
import { bufferText, lastLineText, type BufferSource } from './buffer-text.js';

/** A terminal whose buffer holds these rows (each already right-trimmed, as translateToString(true) gives them), counting the rows read. */
function terminalOf(rows: readonly string[]): { term: BufferSource; reads: () => number } {
  let reads = 0;
  const active = {
    length: rows.length,
    getLine: (i: number) => {
      reads++;
      const text = rows[i];
      return text === undefined ? undefined : { translateToString: () => text };
    },
  };
  return { term: { buffer: { active } } as unknown as BufferSource, reads: () => reads };
}

describe('lastLineText', () => {
  it('is what follows the last newline of bufferText: the last non-blank row', () => {
    const rows = ['first', 'second', '$ abc', '', ''];
    const { term } = terminalOf(rows);
    const text = bufferText(term);
    expect(lastLineText(term)).toBe(text.slice(text.lastIndexOf('\n') + 1));
    expect(lastLineText(term)).toBe('$ abc');
  });

  it('reads from the end: the scrollback above the last line is never read', () => {
    const rows = [...Array.from({ length: 10_000 }, (_, i) => `line ${i}`), '$ x', '', ''];
    const { term, reads } = terminalOf(rows);
    expect(lastLineText(term)).toBe('$ x');
    expect(reads()).toBe(3);
  });

  it('is empty for a blank buffer', () => {
    expect(lastLineText(terminalOf(['', '']).term)).toBe('');
    expect(lastLineText(terminalOf([]).term)).toBe('');
  });
});
