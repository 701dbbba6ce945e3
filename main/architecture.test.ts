// Guards the house's import rules beyond what the compiler can see (e.g. `import * as` of a
// forbidden module, or a require() call): electron only in app/, no Node/React in shared/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|tsx|mts|cts)$/.test(name)) out.push(p);
  }
  return out;
}

function importers(dir: string, pattern: RegExp): string[] {
  return sourceFiles(join(root, dir))
    .filter((f) => pattern.test(readFileSync(f, 'utf8')))
    .map((f) => relative(root, f));
}

const PRODUCT_FOLDERS = ['shared', 'main', 'app', 'renderer'];
const isTest = (file: string) => /\.test\.tsx?$/.test(file);
const specifiers = /(?:from\s+|import\s*\(\s*|require\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

/** Product (non-test) files with a relative import that lands in one of `folders` at the repo root. */
function productImportsInto(folders: string[]): string[] {
  const out: string[] = [];
  for (const folder of PRODUCT_FOLDERS) {
    for (const file of sourceFiles(join(root, folder)).filter((f) => !isTest(f))) {
      for (const m of readFileSync(file, 'utf8').matchAll(specifiers)) {
        const top = relative(root, resolve(dirname(file), m[1]!)).split(sep)[0];
        if (top !== undefined && folders.includes(top)) out.push(`${relative(root, file)} -> ${m[1]}`);
      }
    }
  }
  return out;
}

const electronImport = /(from\s+['"]electron['"])|(require\(\s*['"]electron['"]\s*\))|(import\(\s*['"]electron['"]\s*\))/;

describe('import boundaries', () => {
  it('main/, shared/ and renderer/ never import electron', () => {
    expect([...importers('main', electronImport), ...importers('shared', electronImport), ...importers('renderer', electronImport)]).toEqual([]);
  });

  it('shared/ imports neither Node built-ins nor React nor ws', () => {
    expect(importers('shared', /from\s+['"](node:[^'"]+|fs|path|os|crypto|react|react-dom|ws)['"]/)).toEqual([]);
  });

  it('product code never imports test support (testing/) or benchmarks (bench/)', () => {
    expect(productImportsInto(['testing', 'bench'])).toEqual([]);
  });

  it('product folders hold no test-support or bench modules (they live in testing/ and bench/)', () => {
    // The one seam that ships: the renderer's read-only hook through which the e2e tests read the
    // text xterm holds (its buffer is not in the DOM). It reads, never writes.
    const allowed = new Set([join('renderer', 'root', 'test-hook.ts')]);
    const misplaced = PRODUCT_FOLDERS.flatMap((folder) => sourceFiles(join(root, folder)))
      .map((f) => relative(root, f))
      .filter((f) => !isTest(f) && !allowed.has(f))
      .filter((f) => f.split(sep).includes('testing') || f.split(sep).includes('hardening') || /(^|[\\/])(bench|test)-[^\\/]*$/.test(f));
    expect(misplaced).toEqual([]);
  });

  it('the renderer knows no host: opening windows and unload prompts live only in renderer/bridge/', () => {
    const hostEffects = /window\.open\s*\(|['"]beforeunload['"]/;
    const outsideBridge = importers('renderer', hostEffects).filter((f) => !f.startsWith(join('renderer', 'bridge') + sep) && !isTest(f));
    expect(outsideBridge).toEqual([]);
  });
});
