import { describe, expect, it } from 'vitest';
import { fontNames, terminalFontStack } from './font-stack.js';

const FALLBACK = 'ui-monospace, "DejaVu Sans Mono", "Menlo", "Consolas", "Liberation Mono", monospace';

describe('terminalFontStack', () => {
  it('puts the named font first and the monospace stack after it', () => {
    expect(terminalFontStack('Fira Code')).toBe(`"Fira Code", ${FALLBACK}`);
  });

  it('keeps several fonts in order, quoted or not, and does not repeat the fallback ones', () => {
    expect(terminalFontStack(`'JetBrains Mono', Menlo,"Source Code Pro"`)).toBe('"JetBrains Mono", "Menlo", "Source Code Pro", ui-monospace, "DejaVu Sans Mono", "Consolas", "Liberation Mono", monospace');
  });

  it('writes generic families bare, whatever their case', () => {
    expect(terminalFontStack('MONOSPACE')).toBe('monospace, ui-monospace, "DejaVu Sans Mono", "Menlo", "Consolas", "Liberation Mono"');
  });

  it('drops what is not a font name instead of breaking the whole list', () => {
    expect(fontNames('Hack; color: red, "unclosed, url(x.ttf), , Iosevka')).toEqual(['Iosevka']);
    expect(terminalFontStack('"}{";')).toBe(FALLBACK);
    expect(terminalFontStack('')).toBe(FALLBACK);
  });

  it('keeps names with digits, dots, dashes and non-Latin letters', () => {
    expect(fontNames('Source Code Pro 2.0, M+ 1m, Noto Sans Mono CJK JP, 思源等宽')).toEqual(['Source Code Pro 2.0', 'M+ 1m', 'Noto Sans Mono CJK JP', '思源等宽']);
  });
});
