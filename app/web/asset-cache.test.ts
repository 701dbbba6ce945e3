// Which renderer files count as content-hashed, and the in-memory budget for them.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssetCache, isHashedAsset } from './asset-cache.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'porthole-assets-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('isHashedAsset', () => {
  it('takes vite\'s names in assets/ and nothing else', () => {
    expect(isHashedAsset('/r/assets/index-CVXYN4le.js')).toBe(true);
    expect(isHashedAsset('/r/assets/Dialog-BU8yhPkO.js.map')).toBe(false);
    expect(isHashedAsset('/r/assets/index-7jls9KfX.css')).toBe(true);
    expect(isHashedAsset('/r/assets/terminal-controller-D5H7o6YG.js')).toBe(true);
    expect(isHashedAsset('/r/index.html')).toBe(false);
    expect(isHashedAsset('/r/favicon.svg')).toBe(false);
    expect(isHashedAsset('/r/index-CVXYN4le.js')).toBe(false);
    expect(isHashedAsset('/r/assets/notes.txt')).toBe(false);
    expect(isHashedAsset('/r/assets/sub/index-CVXYN4le.js')).toBe(false);
  });
});

describe('AssetCache', () => {
  it('reads a file once and keeps it while the budget lasts', async () => {
    const small = join(dir, 'a-12345678.js');
    const big = join(dir, 'b-12345678.js');
    await writeFile(small, 'aaaa');
    await writeFile(big, 'b'.repeat(10));
    const cache = new AssetCache(8);
    expect((await cache.read(small)).toString()).toBe('aaaa');
    expect(cache.bytes).toBe(4);
    await writeFile(small, 'zzzz');
    expect((await cache.read(small)).toString()).toBe('aaaa');
    // Past the budget: served, not kept, so a later read sees the disk.
    expect((await cache.read(big)).toString()).toBe('b'.repeat(10));
    expect(cache.bytes).toBe(4);
    await writeFile(big, 'c'.repeat(10));
    expect((await cache.read(big)).toString()).toBe('c'.repeat(10));
  });

  it('does not keep a failed read', async () => {
    const later = join(dir, 'later-12345678.js');
    const cache = new AssetCache();
    await expect(cache.read(later)).rejects.toThrow(/ENOENT/);
    await writeFile(later, 'now here');
    expect((await cache.read(later)).toString()).toBe('now here');
  });
});
