import { describe, expect, it } from 'vitest';
import { abiAlreadyMatches } from './ready-to-run.mjs';

describe('ready-to-run: when native-abi.mjs can be skipped', () => {
  it('skips only when node-pty was last built for the runtime wanted', () => {
    expect(abiAlreadyMatches('node', null, false)).toBe(true); // npm ci builds for Node and writes no record
    expect(abiAlreadyMatches('node', 'node', true)).toBe(true);
    expect(abiAlreadyMatches('node', 'electron', true)).toBe(false);
    expect(abiAlreadyMatches('electron', 'electron', true)).toBe(true);
    expect(abiAlreadyMatches('electron', null, true)).toBe(false);
    expect(abiAlreadyMatches('electron', 'node', true)).toBe(false);
  });

  it('leaves Electron without a binary to native-abi.mjs (it says why nothing is rebuilt)', () => {
    expect(abiAlreadyMatches('electron', 'electron', false)).toBe(false);
  });
});
