// Guards the house's import rules beyond what the compiler can see (e.g. `import * as` of a
// forbidden module, or a require() call): electron only in app/, no Node/React in shared/.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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
    // The renderer's read-only hook through which the e2e tests read the text xterm holds (its
    // buffer is not in the DOM). It is compiled only into the test build (vite --mode test, to
    // dist/testing/renderer), never into the packaged renderer.
    const allowed = new Set([join('renderer', 'root', 'test-hook.ts')]);
    const misplaced = PRODUCT_FOLDERS.flatMap((folder) => sourceFiles(join(root, folder)))
      .map((f) => relative(root, f))
      .filter((f) => !isTest(f) && !allowed.has(f))
      .filter((f) => f.split(sep).includes('testing') || f.split(sep).includes('hardening') || /(^|[\\/])(bench|test)-[^\\/]*$/.test(f));
    expect(misplaced).toEqual([]);
  });

  it('main/ layers point one way: hubs/ import neither ipc/ nor composition/, and no product code in main/ imports composition/', () => {
    const into = (from: string, targets: string[]) =>
      sourceFiles(join(root, from)).filter((f) => !isTest(f)).flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(specifiers)]
          .map((m) => relative(root, resolve(dirname(file), m[1]!)).split(sep).slice(0, 2).join('/'))
          .filter((to) => targets.includes(to))
          .map((to) => `${relative(root, file)} -> ${to}`),
      );
    expect(into('main/hubs', ['main/ipc', 'main/composition'])).toEqual([]);
    const others = readdirSync(join(root, 'main'), { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'composition');
    expect(others.flatMap((d) => into(join('main', d.name), ['main/composition']))).toEqual([]);
  });

  it('the renderer knows no host: opening windows and unload prompts live only in renderer/bridge/', () => {
    const hostEffects = /window\.open\s*\(|['"]beforeunload['"]/;
    const outsideBridge = importers('renderer', hostEffects).filter((f) => !f.startsWith(join('renderer', 'bridge') + sep) && !isTest(f));
    expect(outsideBridge).toEqual([]);
  });
});

describe('the map (docs/architecture.md) and the folders it names', () => {
  const doc = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');
  const tree = /```\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
  const folders = (dir: string) =>
    readdirSync(join(root, dir), { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('.') && !['node_modules', 'dist', 'test-results', 'release', 'playwright-report'].includes(d.name))
      .map((d) => d.name)
      .sort();
  /** Names at one indent level of the map's tree: `name/` at the start of the line after `indent` spaces. */
  const mapped = (indent: number, within?: string): string[] => {
    let lines = tree.split('\n');
    if (within !== undefined) {
      const from = lines.findIndex((l) => l.startsWith(`${within}/`));
      const to = lines.findIndex((l, i) => i > from && /^\S/.test(l));
      lines = lines.slice(from + 1, to === -1 ? undefined : to);
    }
    return lines.flatMap((l) => new RegExp(`^ {${indent}}([\\w.-]+)/ `).exec(l)?.[1] ?? []).sort();
  };

  it('names every top-level folder of main/, and none that does not exist', () => {
    expect(mapped(2, 'main')).toEqual(folders('main'));
  });

  it("names every folder at the repository's top level (those git keeps), and none that does not exist", () => {
    expect(mapped(0)).toEqual(folders('.'));
  });

  it('every top-level folder of main/ has an index.ts that opens with a paragraph saying what it is for', () => {
    const WORDS_IN_A_PARAGRAPH = 20;
    const lacking = folders('main').filter((dir) => {
      const index = join(root, 'main', dir, 'index.ts');
      if (!existsSync(index)) return true;
      const opening = /^(\/\*\*[\s\S]*?\*\/|(?:\/\/[^\n]*\n)+)/.exec(readFileSync(index, 'utf8'))?.[1] ?? '';
      return opening.split(/\s+/).filter((w) => /[a-z]/i.test(w)).length < WORDS_IN_A_PARAGRAPH;
    });
    expect(lacking).toEqual([]);
  });
});
