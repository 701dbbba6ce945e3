import { describe, expect, it } from 'vitest';
import { listenAddressesOverlap } from './local-address.js';

describe('listenAddressesOverlap', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['0.0.0.0', '127.0.0.1'],
    ['127.0.0.1', '0.0.0.0'],
    ['::', '127.0.0.1'],
    ['127.0.0.1', '::'],
    ['::', '::1'],
    ['::1', '::'],
    ['0.0.0.0', '::'],
    ['0::0', '::1'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['0.0.0.0', '::ffff:127.0.0.1'],
  ])('%s and %s collide on one port', (a, b) => {
    expect(listenAddressesOverlap(a, b)).toBe(true);
  });

  it.each([
    ['127.0.0.1', '127.0.0.2'],
    ['0.0.0.0', '::1'],
    ['::1', '0.0.0.0'],
    ['::1', '127.0.0.1'],
  ])('%s and %s do not', (a, b) => {
    expect(listenAddressesOverlap(a, b)).toBe(false);
  });
});
