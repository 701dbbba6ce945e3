import { describe, expect, it } from 'vitest';
import { atLeast, compareVersions } from './version.js';

describe('version comparison', () => {
  it('compares numerically, component by component', () => {
    expect(compareVersions('1.10.0', '1.4.0')).toBe(1);
    expect(compareVersions('1.3.0', '1.4.0')).toBe(-1);
    expect(compareVersions('1.4', '1.4.0')).toBe(0);
    expect(compareVersions('3.0.161.0', '3.0.196.0')).toBe(-1);
    expect(compareVersions('LATEST', '1.4.0')).toBeNull();
  });
  it('treats LATEST as new enough and junk as too old', () => {
    expect(atLeast('LATEST', '1.4.0')).toBe(true);
    expect(atLeast('1.4.0', '1.4.0')).toBe(true);
    expect(atLeast('1.50.1', '1.50.2')).toBe(false);
    expect(atLeast('garbage', '1.0.0')).toBe(false);
  });
});
