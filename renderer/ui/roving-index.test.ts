import { describe, expect, it } from 'vitest';
import { rovingIndex } from './roving-index.js';

describe('rovingIndex: the arrow, Home and End keys in a row of tabs', () => {
  it('moves right and left, wrapping at both ends', () => {
    expect(rovingIndex('ArrowRight', 0, 4)).toBe(1);
    expect(rovingIndex('ArrowRight', 3, 4)).toBe(0);
    expect(rovingIndex('ArrowLeft', 2, 4)).toBe(1);
    expect(rovingIndex('ArrowLeft', 0, 4)).toBe(3);
  });

  it('goes to the first and last with Home and End', () => {
    expect(rovingIndex('Home', 2, 4)).toBe(0);
    expect(rovingIndex('End', 1, 4)).toBe(3);
  });

  it('moves nothing for other keys, an empty row or a position outside it', () => {
    expect(rovingIndex('ArrowDown', 1, 4)).toBeNull();
    expect(rovingIndex('Enter', 1, 4)).toBeNull();
    expect(rovingIndex('ArrowRight', 0, 0)).toBeNull();
    expect(rovingIndex('ArrowRight', -1, 4)).toBeNull();
    expect(rovingIndex('End', 4, 4)).toBeNull();
  });
});
