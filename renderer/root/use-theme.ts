// Applies the theme setting to the document; `system` follows the OS and its changes.
import { useEffect } from 'react';
import type { Theme } from '../../shared/contract/index.js';
import { terminalFontStack } from '../terminal/font-stack.js';

const DARK_QUERY = '(prefers-color-scheme: dark)';

export function useTheme(theme: Theme | undefined, fontFamily: string | undefined, fontSize: number | undefined): void {
  useEffect(() => {
    const root = document.documentElement;
    if (theme === undefined) return;
    const media = window.matchMedia(DARK_QUERY);
    const apply = (): void => {
      root.dataset['theme'] = theme === 'system' ? (media.matches ? 'dark' : 'light') : theme;
    };
    apply();
    if (theme !== 'system') return;
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);

  useEffect(() => {
    const style = document.documentElement.style;
    if (fontFamily !== undefined) style.setProperty('--font-mono', terminalFontStack(fontFamily));
    if (fontSize !== undefined) style.setProperty('--terminal-font-size', `${fontSize}px`);
  }, [fontFamily, fontSize]);
}
