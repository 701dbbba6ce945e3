import { describe, expect, it } from 'vitest';
import { checkPaste, countPasteLines, sanitizePaste } from './paste-guard.js';

describe('paste guard', () => {
  it('counts lines as a shell submits them', () => {
    expect(countPasteLines('')).toBe(0);
    expect(countPasteLines('ls')).toBe(1);
    expect(countPasteLines('ls\n')).toBe(1);
    expect(countPasteLines('a\nb')).toBe(2);
    expect(countPasteLines('a\r\nb\r\nc\r\n')).toBe(3);
  });

  it('asks only above the limit, and never when the limit is 0', () => {
    const six = 'echo 1\n'.repeat(6);
    expect(checkPaste(six, 5)).toEqual({ lines: 6, needsConfirmation: true });
    expect(checkPaste(six, 6).needsConfirmation).toBe(false);
    expect(checkPaste(six, 0).needsConfirmation).toBe(false);
  });

  it('takes control characters out of a paste, keeping text, tabs and line breaks', () => {
    expect(sanitizePaste('echo ok\x1b[201~rm -rf ~/x\r')).toBe('echo ok[201~rm -rf ~/x\r');
    expect(sanitizePaste('a\tb\r\nc\nd')).toBe('a\tb\r\nc\nd');
    expect(sanitizePaste('x\x03\x04\x15\x00\x7f\x9b\x1by')).toBe('xy');
    expect(sanitizePaste('héllo ✓ 日本 🙂')).toBe('héllo ✓ 日本 🙂');
  });
});
