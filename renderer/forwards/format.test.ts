import { describe, expect, it } from 'vitest';
import { formatBytes, formatRate, looksLikeHttp } from './format.js';

describe('forward panel formatting', () => {
  it('uses decimal units with sensible precision', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1000)).toBe('1.00 kB');
    expect(formatBytes(15_300)).toBe('15.3 kB');
    expect(formatBytes(2_500_000)).toBe('2.50 MB');
    expect(formatRate(340_400)).toBe('340 kB/s');
  });

  it('offers the browser for common HTTP ports only', () => {
    expect(looksLikeHttp(8080)).toBe(true);
    expect(looksLikeHttp(5432)).toBe(false);
  });
});
