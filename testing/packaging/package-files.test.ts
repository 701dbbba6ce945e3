// The desktop package holds product code only. electron-builder itself packages the built dist/
// with the project's electron-builder.yml (its `files` rules are what is under test) into an
// unpacked Linux app, and the test reads the app's file list. Two stand-ins keep this offline and
// quick, neither of which touches the `files` rules: a fake Electron distribution (the real binary
// cannot be downloaded here) and a scratch project whose package.json lists no dependencies (so
// electron-builder does not walk node_modules, which the rules do not govern). asar is switched
// off so the app's files can be listed from disk; the same rules select them either way. Fuses
// are left out too (the stand-in binary has none to flip).
import { execFile } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../ssm/conformance.js';

const ROOT = repoRoot();
/** electron-builder on a loaded 2-core box: starting it and copying dist takes a minute or two. */
const PACKAGE_TIMEOUT_MS = 300_000;
/** What the package may hold besides package.json: the product projects' output. */
const PRODUCT_DIST = ['shared', 'main', 'app', 'renderer'];

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}

const scratch = mkdtempSync(join(tmpdir(), 'porthole-package-'));
let packaged: string[] = [];
let built: string[] = [];

beforeAll(async () => {
  const dist = join(ROOT, 'dist');
  if (!existsSync(join(dist, 'app', 'electron', 'main.js')) || !existsSync(join(dist, 'renderer', 'index.html'))) {
    throw new Error('dist/ is not built: run `npm run build` (npm test does) before this test');
  }
  const project = join(scratch, 'project');
  mkdirSync(project);
  cpSync(dist, join(project, 'dist'), { recursive: true });
  // The project's config as it is, less its electronFuses block: the stand-in binary has no fuse
  // wire to flip (the fuses are checked by electron-fuses.test.ts).
  const config = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8').replace(/^electronFuses:\n(?:[ \t]+.*\n)*/m, '');
  if (/^electronFuses:/m.test(config)) throw new Error('could not take electronFuses out of electron-builder.yml');
  writeFileSync(join(project, 'electron-builder.yml'), config);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  const { name, version, description, license, type, main } = pkg;
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name, version, description, license, type, main, author: 'Porthole contributors' }));
  const electronDist = join(scratch, 'electron');
  mkdirSync(electronDist);
  writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(electronDist, 'electron'), 0o755);
  const electronVersion = (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
  writeFileSync(join(electronDist, 'version'), `v${electronVersion}`);

  const out = join(scratch, 'release');
  await promisify(execFile)(
    join(ROOT, 'node_modules', '.bin', 'electron-builder'),
    ['--dir', '--linux', '--publish', 'never', '--projectDir', project,
      `-c.electronDist=${electronDist}`, `-c.electronVersion=${electronVersion}`, '-c.npmRebuild=false', '-c.asar=false', `-c.directories.output=${out}`],
    { cwd: project, timeout: PACKAGE_TIMEOUT_MS, env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } },
  );
  const app = join(out, 'linux-unpacked', 'resources', 'app');
  packaged = listFiles(app).map((f) => relative(app, f).split(sep).join('/'));
  built = listFiles(join(project, 'dist')).map((f) => relative(project, f).split(sep).join('/'));
}, PACKAGE_TIMEOUT_MS + 60_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the desktop package', () => {
  it('was given test support, benches and test files to leave out (the build holds them)', () => {
    expect(built.some((f) => f.startsWith('dist/testing/'))).toBe(true);
    expect(built.some((f) => f.startsWith('dist/bench/'))).toBe(true);
    expect(built.some((f) => f.endsWith('.test.js'))).toBe(true);
  });

  it('holds package.json and the product projects’ output, nothing else', () => {
    const foreign = packaged.filter((f) => f !== 'package.json' && !PRODUCT_DIST.some((p) => f.startsWith(`dist/${p}/`)));
    expect(foreign).toEqual([]);
  });

  it('holds no tests, test support, benches, source maps or declarations', () => {
    const testish = packaged.filter((f) =>
      /\.test\.js$|\.map$|\.d\.c?ts$|\.tsbuildinfo$/.test(f) || /(^|\/)(testing|hardening|bench)(\/|$)/.test(f) || /(^|\/)(bench|test)-[^/]*\.js$/.test(f),
    );
    expect(testish).toEqual([]);
  });

  it('ships the product renderer build, without the e2e test hook (only the test build has it)', () => {
    const app = join(scratch, 'release', 'linux-unpacked', 'resources', 'app');
    const rendererJs = packaged.filter((f) => f.startsWith('dist/renderer/') && f.endsWith('.js'));
    expect(rendererJs.length).toBeGreaterThan(0);
    expect(rendererJs.filter((f) => readFileSync(join(app, f), 'utf8').includes('__portholeTest'))).toEqual([]);
    const testBuild = built.filter((f) => f.startsWith('dist/testing/renderer/') && f.endsWith('.js'));
    expect(testBuild.some((f) => readFileSync(join(scratch, 'project', f), 'utf8').includes('__portholeTest'))).toBe(true);
  });

  it('holds what the app runs: both hosts, the preload, the renderer, main and the contract', () => {
    for (const f of ['dist/app/electron/main.js', 'dist/app/electron/preload.cjs', 'dist/app/web/main.js', 'dist/renderer/index.html', 'dist/main/composition/index.js', 'dist/shared/contract/index.js']) {
      expect(packaged).toContain(f);
    }
    // Every product module that was built is shipped (the rules drop only maps, declarations, tests).
    const productJs = built.filter((f) => PRODUCT_DIST.some((p) => f.startsWith(`dist/${p}/`)) && /\.c?js$/.test(f) && !f.endsWith('.test.js'));
    expect(productJs.filter((f) => !packaged.includes(f))).toEqual([]);
  });
});
