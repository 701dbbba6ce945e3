// Guards the house's import rules beyond what the compiler can see (e.g. `import * as` of a
// forbidden module, or a require() call): electron only in app/, no Node/React in shared/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
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

const electronImport = /(from\s+['"]electron['"])|(require\(\s*['"]electron['"]\s*\))|(import\(\s*['"]electron['"]\s*\))/;

describe('import boundaries', () => {
  it('main/, shared/ and renderer/ never import electron', () => {
    expect([...importers('main', electronImport), ...importers('shared', electronImport), ...importers('renderer', electronImport)]).toEqual([]);
  });

  it('shared/ imports neither Node built-ins nor React nor ws', () => {
    expect(importers('shared', /from\s+['"](node:[^'"]+|fs|path|os|crypto|react|react-dom|ws)['"]/)).toEqual([]);
  });
});
