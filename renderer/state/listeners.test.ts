import { afterEach, describe, expect, it, vi } from 'vitest';
import { Listeners } from './listeners.js';

afterEach(() => vi.unstubAllGlobals());

describe('Listeners: what happens when a listener throws', () => {
  it('runs every other listener and hands the error to the page\'s reportError, without throwing to the emitter', () => {
    const reported: unknown[] = [];
    vi.stubGlobal('reportError', (e: unknown) => reported.push(e));
    const listeners = new Listeners<[string]>();
    const heard: string[] = [];
    listeners.add((s) => heard.push(`first ${s}`));
    listeners.add(() => {
      throw new Error('listener-boom');
    });
    listeners.add((s) => heard.push(`third ${s}`));
    expect(() => listeners.emit('x')).not.toThrow();
    expect(heard).toEqual(['first x', 'third x']);
    expect(reported.map((e) => (e as Error).message)).toEqual(['listener-boom']);
  });

  it('add() returns the unsubscribe function', () => {
    const listeners = new Listeners<[number]>();
    const heard: number[] = [];
    const off = listeners.add((n) => heard.push(n));
    listeners.emit(1);
    off();
    listeners.emit(2);
    expect(heard).toEqual([1]);
  });
});
