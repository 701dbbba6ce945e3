import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeOf, resolveStaticPath } from './static-files.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'porthole-host-'));
  await mkdir(join(dir, 'site', 'assets'), { recursive: true });
  await writeFile(join(dir, 'site', 'index.html'), 'x');
  await writeFile(join(dir, 'site', 'assets', 'a.js'), 'x');
  await writeFile(join(dir, 'outside.txt'), 'x');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('static files', () => {
  it('maps / to index.html and assets to their files', () => {
    const site = join(dir, 'site');
    expect(resolveStaticPath(site, '/')).toBe(join(site, 'index.html'));
    expect(resolveStaticPath(site, '/assets/a.js')).toBe(join(site, 'assets', 'a.js'));
    expect(contentTypeOf('a.js')).toMatch(/^text\/javascript/);
  });

  it('refuses paths that escape the folder, directories, NULs and missing files', () => {
    const site = join(dir, 'site');
    for (const p of ['/../outside.txt', '/%2e%2e/outside.txt', '/assets/../../outside.txt', '/assets', '/nope.js', '/a%00.js', '/%E0%A4%A']) {
      expect(resolveStaticPath(site, p)).toBeNull();
    }
  });
});
