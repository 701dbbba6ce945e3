import { describe, expect, it } from 'vitest';
import { Keymap } from './keymap.js';

/** The fields of a keydown the keymap reads. */
function key(k: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {}, code = ''): KeyboardEvent {
  return { key: k, code, ctrlKey: mods.ctrl ?? false, metaKey: mods.meta ?? false, shiftKey: mods.shift ?? false, altKey: mods.alt ?? false } as KeyboardEvent;
}

describe('palette keys', () => {
  for (const host of ['web', 'desktop'] as const) {
    it(`${host} on Linux/Windows: Ctrl+P quick open, Ctrl+Shift+P and F1 the palette`, () => {
      const map = new Keymap(host, false);
      expect(map.match(key('p', { ctrl: true }))).toBe('quickOpen');
      expect(map.match(key('P', { ctrl: true, shift: true }))).toBe('commandPalette');
      expect(map.match(key('F1'))).toBe('commandPalette');
      // Modifiers must match exactly: Alt+P and Shift+F1 reach the terminal.
      expect(map.match(key('p', { alt: true }))).toBeNull();
      expect(map.match(key('F1', { shift: true }))).toBeNull();
      expect(map.labels('commandPalette')).toEqual(['Ctrl+Shift+P', 'F1']);
      expect(map.label('quickOpen')).toBe('Ctrl+P');
    });
  }

  it('macOS: ⌘P and ⇧⌘P; Ctrl+P stays the shell’s', () => {
    const map = new Keymap('desktop', true);
    expect(map.match(key('p', { meta: true }))).toBe('quickOpen');
    expect(map.match(key('p', { meta: true, shift: true }))).toBe('commandPalette');
    expect(map.match(key('p', { ctrl: true }))).toBeNull();
    expect(map.labels('commandPalette')).toEqual(['⇧⌘P', 'F1']);
  });
});
