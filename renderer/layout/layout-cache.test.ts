import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT } from '../../shared/contract/index.js';
import { LAYOUT_CACHE_KEY, readCachedLayout, writeCachedLayout } from './layout-cache.js';

function memory(): { getItem(k: string): string | null; setItem(k: string, v: string): void; data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('layout cache', () => {
  it('gives back the layout written last', () => {
    const s = memory();
    const layout = { ...DEFAULT_LAYOUT, treeWidth: 420, treeCollapsed: true, splitRatio: 0.3 };
    writeCachedLayout(s, layout);
    expect(readCachedLayout(s)).toEqual(layout);
  });

  it('ignores what is missing, not JSON, or outside the contract', () => {
    const s = memory();
    expect(readCachedLayout(s)).toBeNull();
    s.data.set(LAYOUT_CACHE_KEY, '{not json');
    expect(readCachedLayout(s)).toBeNull();
    s.data.set(LAYOUT_CACHE_KEY, JSON.stringify({ ...DEFAULT_LAYOUT, treeWidth: 'wide' }));
    expect(readCachedLayout(s)).toBeNull();
  });

  it('survives storage that throws or is absent', () => {
    const throwing = { getItem: (): string | null => { throw new Error('SecurityError'); }, setItem: (): void => { throw new Error('QuotaExceededError'); } };
    expect(readCachedLayout(throwing)).toBeNull();
    expect(() => writeCachedLayout(throwing, DEFAULT_LAYOUT)).not.toThrow();
    expect(readCachedLayout(null)).toBeNull();
  });
});
