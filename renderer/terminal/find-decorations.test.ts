import { describe, expect, it } from 'vitest';
import { findDecorations } from './find-decorations.js';
import { xtermTheme, type ResolvedTheme } from './xterm-theme.js';

/** WCAG relative luminance of an opaque #RRGGBB colour. */
function luminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const THEMES: readonly ResolvedTheme[] = ['dark', 'light'];
/** The active match's fill against the background: visible as a fill on its own, not only by its outline. */
const ACTIVE_FILL_MIN_CONTRAST = 1.5;
/** How much further from the background it is than the other matches' fill: a step one sees at a glance (the light theme's pale blue was 0.2). */
const ACTIVE_FILL_MIN_STEP = 0.3;

describe.each(THEMES)('findDecorations(%s)', (theme) => {
  const d = findDecorations(theme);
  const colours = xtermTheme(theme);
  const background = colours.background ?? '';
  const foreground = colours.foreground ?? '';

  it('uses opaque #RRGGBB fills (the WebGL renderer drops alpha, painting a translucent fill at full strength)', () => {
    expect(d.matchBackground).toMatch(/^#[0-9a-f]{6}$/i);
    expect(d.activeMatchBackground).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('marks the active match more strongly than the others: a fill clearly further from the background, and an outline they lack', () => {
    const active = contrast(d.activeMatchBackground ?? '', background);
    expect(active).toBeGreaterThanOrEqual(ACTIVE_FILL_MIN_CONTRAST);
    expect(active - contrast(d.matchBackground ?? '', background)).toBeGreaterThanOrEqual(ACTIVE_FILL_MIN_STEP);
    expect(d.matchBorder).toBeUndefined();
    expect(contrast(d.activeMatchBorder ?? '', background)).toBeGreaterThanOrEqual(3);
  });

  it('paints the active match in the selection colour, which xterm draws over it anyway', () => {
    expect(d.activeMatchBackground).toBe(colours.selectionBackground);
  });

  it('keeps the text readable on both fills (WCAG AA, 4.5:1)', () => {
    expect(contrast(foreground, d.matchBackground ?? '')).toBeGreaterThanOrEqual(4.5);
    expect(contrast(foreground, d.activeMatchBackground ?? '')).toBeGreaterThanOrEqual(4.5);
  });
});
