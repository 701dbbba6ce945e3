// The terminal's font-family from the person's free text: their fonts first, then a monospace stack
// that exists everywhere, so an unknown or misspelt font falls back to a fixed-width one instead of
// a proportional default. Names are re-quoted one by one; anything that is not a plain name (a
// stray quote, a semicolon, a CSS function) is dropped rather than handed to CSS and canvas, where
// one bad family would make the whole list invalid.

/** Tried after the person's fonts, in order: the OS's UI monospace, then common ones per platform, then the generic. */
export const MONOSPACE_FALLBACK = ['ui-monospace', 'DejaVu Sans Mono', 'Menlo', 'Consolas', 'Liberation Mono', 'monospace'] as const;

/** CSS generic families: written bare (quoted they would name a font called "monospace"). */
const GENERIC = new Set(['monospace', 'ui-monospace', 'serif', 'sans-serif', 'system-ui', 'cursive', 'fantasy', 'ui-serif', 'ui-sans-serif']);

/** A family name as people type it: letters, digits, spaces and a few punctuation marks fonts use. */
const PLAIN_NAME = /^[\p{L}\p{N} _.+&'-]+$/u;

function unquote(part: string): string | null {
  const t = part.trim();
  const quoted = /^(["'])(.*)\1$/.exec(t);
  const name = (quoted ? quoted[2] : t)?.trim() ?? '';
  if (name === '' || !PLAIN_NAME.test(name) || (!quoted && name.includes("'"))) return null;
  return name;
}

function quote(name: string): string {
  return GENERIC.has(name.toLowerCase()) ? name.toLowerCase() : `"${name}"`;
}

/** The person's font names that can be used, unquoted, in their order (duplicates dropped). */
export function fontNames(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(',')) {
    const name = unquote(part);
    if (name !== null && !out.some((n) => n.toLowerCase() === name.toLowerCase())) out.push(name);
  }
  return out;
}

/** The CSS font-family for terminals: the usable names, then the fallback stack (without repeats). */
export function terminalFontStack(text: string): string {
  const names = fontNames(text);
  for (const f of MONOSPACE_FALLBACK) if (!names.some((n) => n.toLowerCase() === f.toLowerCase())) names.push(f);
  return names.map(quote).join(', ');
}
