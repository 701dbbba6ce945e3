import { describe, expect, it } from 'vitest';
import { sameLook } from './look.js';
import type { TerminalLook } from './terminal-controller.js';

const base: TerminalLook = { fontFamily: 'monospace', fontSize: 13, scrollback: 5000, pasteGuardLines: 2, copyOnSelect: false, theme: 'dark' };

describe('sameLook', () => {
  it('is true for an equal look in a new object (a settings change that is not about the terminal)', () => {
    expect(sameLook(base, { ...base })).toBe(true);
  });
  it('is false when any one field differs', () => {
    const changes: Array<Partial<TerminalLook>> = [{ fontFamily: 'Fira Code' }, { fontSize: 14 }, { scrollback: 100 }, { pasteGuardLines: 5 }, { copyOnSelect: true }, { theme: 'light' }];
    for (const c of changes) expect(sameLook(base, { ...base, ...c }), JSON.stringify(c)).toBe(false);
  });
});
