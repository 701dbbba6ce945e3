import { mkdirSync, mkdtempSync, rmSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fingerprint, OUTPUTS, staleReason, writeStamp } from './build-stamp.mjs';

let root: string;

function put(rel: string, text: string): void {
  const path = join(root, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** A checkout that was just built: sources, every output, and the stamp of the build. */
function builtCheckout(): void {
  put('main/a.ts', 'export const a = 1;\n');
  put('renderer/ui/b.tsx', 'export const b = 2;\n');
  put('package.json', '{}\n');
  for (const out of OUTPUTS) put(out, 'built\n');
  writeStamp(root, fingerprint(root));
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'porthole-stamp-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('build staleness', () => {
  it('a fresh checkout with no build is stale', () => {
    put('main/a.ts', 'x');
    expect(staleReason(root)).toMatch(/missing/);
  });

  it('outputs without a stamp are stale (built by something that did not record its inputs)', () => {
    put('main/a.ts', 'x');
    for (const out of OUTPUTS) put(out, 'built\n');
    expect(staleReason(root)).toBe('no record of a previous build');
  });

  it('nothing changed since the build: up to date', () => {
    builtCheckout();
    expect(staleReason(root)).toBeNull();
  });

  it('an edited source (same size, new mtime) is stale', () => {
    builtCheckout();
    put('main/a.ts', 'export const a = 3;\n');
    utimesSync(join(root, 'main/a.ts'), new Date(), new Date(Date.now() + 5_000));
    expect(staleReason(root)).toBe('sources changed since the last build');
  });

  it('an edit that keeps the mtime but changes the size is stale', () => {
    builtCheckout();
    const t = new Date('2020-01-01T00:00:00Z');
    utimesSync(join(root, 'main/a.ts'), t, t);
    writeStamp(root, fingerprint(root));
    put('main/a.ts', 'export const a = 1234;\n');
    utimesSync(join(root, 'main/a.ts'), t, t);
    expect(staleReason(root)).not.toBeNull();
  });

  it('an added, deleted or renamed source is stale', () => {
    builtCheckout();
    put('shared/new.ts', 'n');
    expect(staleReason(root)).not.toBeNull();

    builtCheckout();
    rmSync(join(root, 'renderer/ui/b.tsx'));
    expect(staleReason(root)).not.toBeNull();

    builtCheckout();
    renameSync(join(root, 'main/a.ts'), join(root, 'main/c.ts'));
    expect(staleReason(root)).not.toBeNull();
  });

  it('a changed root config (package-lock, tsconfig) is stale', () => {
    builtCheckout();
    put('package-lock.json', '{"lockfileVersion":3}\n');
    expect(staleReason(root)).not.toBeNull();
  });

  it('a deleted output is stale even when the stamp matches', () => {
    builtCheckout();
    rmSync(join(root, 'dist/renderer/index.html'));
    expect(staleReason(root)).toMatch(/index\.html is missing/);
  });

  it('files written by runs (bench report, docs outside the inputs, dist) do not make it stale', () => {
    builtCheckout();
    put('bench/results/latest.md', '# bench\n');
    put('e2e/artifacts/shot.png', 'png');
    put('docs/notes.md', 'notes');
    put('dist/main/x.js', 'x');
    expect(staleReason(root)).toBeNull();
  });
});
