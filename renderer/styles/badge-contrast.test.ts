// Colours as the style sheets give them, checked in both themes: the tree's badges are readable
// (WCAG AA for small text, 4.5:1) on the pane, a hovered row and the selected row, and a disabled
// primary button is grey rather than a paler accent. QA saw the "no exec" badge all but vanish on
// the selected row, and a disabled Start forward that looked like an enabled one washed out. Each
// badge's border is seen on those rows too (3:1): the muted one's had made "stopped" look plain there.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const tokens = readFileSync(new URL('./tokens.css', import.meta.url), 'utf8');
/** app.css's parts in its @import order, which is the cascade's. */
const app = [...readFileSync(new URL('./app.css', import.meta.url), 'utf8').matchAll(/@import '\.\/([\w-]+\.css)';/g)]
  .map((m) => readFileSync(new URL(`./${m[1] ?? ''}`, import.meta.url), 'utf8'))
  .join('\n');

type Rgb = readonly [number, number, number];

/** The declarations of every rule whose selector list names `selector` exactly, later ones winning. */
function declarations(css: string, selector: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const selectors = (m[1] ?? '').split(',').map((s) => s.trim());
    if (!selectors.includes(selector)) continue;
    for (const decl of (m[2] ?? '').split(';')) {
      const colon = decl.indexOf(':');
      if (colon > 0) out.set(decl.slice(0, colon).trim(), decl.slice(colon + 1).trim());
    }
  }
  return out;
}

/** A theme's custom properties: the dark theme is also the document's default (`:root`). */
function theme(name: 'dark' | 'light'): Map<string, string> {
  const vars = new Map<string, string>();
  const base = [...declarations(tokens, ':root'), ...declarations(tokens, "[data-theme='dark']")];
  const own = name === 'light' ? [...declarations(tokens, "[data-theme='light']")] : [];
  for (const [k, v] of [...base, ...own]) if (k.startsWith('--')) vars.set(k, v);
  return vars;
}

function resolve(value: string, vars: ReadonlyMap<string, string>): string {
  const m = /^var\((--[\w-]+)\)$/.exec(value);
  if (m === null) return value;
  const next = vars.get(m[1] ?? '');
  if (next === undefined) throw new Error(`${value} is not defined`);
  return resolve(next, vars);
}

function rgb(hex: string): Rgb {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (m === null) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1] ?? '', 16), parseInt(m[2] ?? '', 16), parseInt(m[3] ?? '', 16)];
}

function luminance([r, g, b]: Rgb): number {
  const lin = (c: number): number => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** A colour drawn at `opacity` over `under`. */
function over(fg: Rgb, under: Rgb, opacity: number): Rgb {
  return [0, 1, 2].map((i) => fg[i as 0] * opacity + under[i as 0] * (1 - opacity)) as unknown as Rgb;
}

/** The properties a selector chain ends up with, later selectors winning (as the cascade orders them). */
function cascade(selectors: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of selectors) for (const [k, v] of declarations(app, s)) out.set(k, v);
  return out;
}

const TONES = ['ok', 'warn', 'fail', 'muted'] as const;
/** The rows a badge sits on: the pane (and the details under the tree), a hovered row, the selected row. */
const BACKGROUNDS = ['--bg-pane', '--bg-hover', '--bg-selected'] as const;
const AA_SMALL_TEXT = 4.5;
/** WCAG's contrast for a visible outline (1.4.11): a badge's border below it read as plain text on the selected row. */
const NON_TEXT = 3;

describe.each(['dark', 'light'] as const)('the %s theme', (name) => {
  const vars = theme(name);

  it.each(TONES)('the %s badge reads at 4.5:1 or more on every row background', (tone) => {
    const style = cascade(['.tree-badge', `.tone-${tone}`, `.tree-badge.tone-${tone}`]);
    const color = rgb(resolve(style.get('color') ?? 'none', vars));
    const opacity = Number(style.get('opacity') ?? '1');
    for (const bg of BACKGROUNDS) {
      const under = rgb(resolve(`var(${bg})`, vars));
      expect(contrast(over(color, under, opacity), under), `${tone} on ${bg}`).toBeGreaterThanOrEqual(AA_SMALL_TEXT);
    }
  });

  it.each(TONES)('the %s badge keeps a border seen at 3:1 or more on every row background', (tone) => {
    const style = cascade(['.tree-badge', `.tone-${tone}`, `.tree-badge.tone-${tone}`]);
    const opacity = Number(style.get('opacity') ?? '1');
    const declared = style.get('border-color') ?? /currentColor$/i.exec(style.get('border') ?? '')?.[0] ?? 'none';
    const border = rgb(resolve(declared.toLowerCase() === 'currentcolor' ? (style.get('color') ?? 'none') : declared, vars));
    for (const bg of BACKGROUNDS) {
      const under = rgb(resolve(`var(${bg})`, vars));
      expect(contrast(over(border, under, opacity), under), `${tone} border on ${bg}`).toBeGreaterThanOrEqual(NON_TEXT);
    }
  });

  it('a disabled primary button is grey, not a paler accent, and its label still reads', () => {
    const style = cascade(['.button', '.button-primary', '.button:disabled', '.button-primary:disabled']);
    const dialog = rgb(resolve('var(--bg-raised)', vars));
    const opacity = Number(style.get('opacity') ?? '1');
    const bg = over(rgb(resolve(style.get('background') ?? 'none', vars)), dialog, opacity);
    const fg = over(rgb(resolve(style.get('color') ?? 'none', vars)), bg, opacity);
    // Grey: its channels within a few steps of each other (the accent's differ by over 150).
    expect(Math.max(...bg) - Math.min(...bg)).toBeLessThanOrEqual(16);
    expect(Math.max(...fg) - Math.min(...fg)).toBeLessThanOrEqual(24);
    // Quieter than an enabled button's label, but legible.
    expect(contrast(fg, bg)).toBeGreaterThanOrEqual(3);
  });
});
