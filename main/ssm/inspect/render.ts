// Text rendering of frame descriptions for `porthole inspect`: a heading per frame, then every
// field with its offset, size, bytes and meaning, the payload decoded, the digest verdict and a
// hexdump — in the spirit of tcp-h2-describe.
import type { FieldDescription, FrameDescription } from './types.js';

export const RENDER = {
  /** Field bytes beyond this are elided in the table (the hexdump shows them all). */
  MAX_FIELD_BYTES_SHOWN: 16,
  NAME_WIDTH: 16,
  BYTES_WIDTH: 48,
} as const;

export interface RenderOptions {
  /** Include the hexdump of each frame (default true). */
  hexdump?: boolean;
}

function spaced(hexString: string): string {
  return (hexString.match(/../g) ?? []).join(' ');
}

function fieldBytes(f: FieldDescription): string {
  const max = RENDER.MAX_FIELD_BYTES_SHOWN * 2;
  if (f.hex.length <= max) return spaced(f.hex);
  return `${spaced(f.hex.slice(0, max))} …`;
}

function renderField(f: FieldDescription): string[] {
  const head = `  ${String(f.offset).padStart(5)}  ${String(f.length).padStart(4)}  ${f.name.padEnd(RENDER.NAME_WIDTH)}`;
  const lines = [`${head}${fieldBytes(f).padEnd(RENDER.BYTES_WIDTH)}  ${f.value}`];
  const indent = ' '.repeat(head.length);
  for (const note of f.notes) lines.push(`${indent}  - ${note}`);
  return lines;
}

export function renderFrame(d: FrameDescription, options: RenderOptions = {}): string {
  const out: string[] = [];
  out.push(`=== frame ${d.index}  +${d.t} ms  ${d.dir}  ${d.kind}, ${d.length} bytes`);
  out.push(`    ${d.summary}`);
  if (d.fields.length > 0) {
    out.push(`  ${'offset'.padStart(5)}  ${'size'.padStart(4)}  ${'field'.padEnd(RENDER.NAME_WIDTH)}${'bytes'.padEnd(RENDER.BYTES_WIDTH)}  value`);
    for (const f of d.fields) out.push(...renderField(f));
  }
  if (d.payload) {
    out.push(`  payload (${d.payload.kind}, ${d.payload.length} bytes at offset ${d.payload.offset}):`);
    for (const line of d.payload.lines) out.push(`    ${line}`);
  }
  if (d.digest) {
    const verdict =
      d.digest.status === 'ok'
        ? 'verified: SHA-256 of the payload matches PayloadDigest'
        : d.digest.status === 'masked'
          ? `not comparable: the payload was masked in the capture${d.digest.atCapture ? '; it matched when captured' : ''}`
          : `MISMATCH: SHA-256 of the payload is ${d.digest.computed}`;
    out.push(`  digest ${verdict}`);
  }
  if (d.masked.length > 0) out.push(`  masked in capture: ${d.masked.join(', ')} (same length, offsets unchanged)`);
  for (const note of d.notes) out.push(`  note: ${note}`);
  for (const problem of d.problems) out.push(`  PROBLEM: ${problem}`);
  if (options.hexdump ?? true) {
    out.push('  hexdump:');
    for (const line of d.hexdump) out.push(`    ${line}`);
  }
  return out.join('\n') + '\n';
}

export function renderCapture(frames: FrameDescription[], options: RenderOptions = {}): string {
  return frames.map((f) => renderFrame(f, options)).join('\n');
}
