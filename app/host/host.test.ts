import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideSandbox } from './sandbox.js';
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

describe('sandbox decision', () => {
  const noFiles = { AWS_CONFIG_FILE: '/nonexistent/config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials' };

  it('starts the sandbox when no credentials are found', () => {
    expect(decideSandbox({ ...noFiles })).toEqual({ start: true, why: 'no AWS credentials found' });
  });

  it('stays off when credentials are present in the environment or in files', () => {
    expect(decideSandbox({ ...noFiles, AWS_PROFILE: 'dev' }).start).toBe(false);
    expect(decideSandbox({ ...noFiles, AWS_ACCESS_KEY_ID: 'AKIA' }).start).toBe(false);
    expect(decideSandbox({ AWS_CONFIG_FILE: join(dir, 'outside.txt'), AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' }).start).toBe(false);
  });

  it('obeys PORTHOLE_SANDBOX either way', () => {
    expect(decideSandbox({ ...noFiles, PORTHOLE_SANDBOX: '0' }).start).toBe(false);
    expect(decideSandbox({ ...noFiles, AWS_PROFILE: 'dev', PORTHOLE_SANDBOX: '1' }).start).toBe(true);
  });
});
