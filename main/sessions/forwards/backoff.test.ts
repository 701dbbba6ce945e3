import { describe, expect, it } from 'vitest';
import { RestartBackoff } from './backoff.js';

describe('RestartBackoff', () => {
  const schedule = { initialMs: 100, factor: 2, maxMs: 1000, stableAfterMs: 60_000 };

  it('doubles up to the cap while sessions keep dying young', () => {
    const b = new RestartBackoff(schedule);
    expect([b.next(0), b.next(10), b.next(10), b.next(10), b.next(10), b.next(10)]).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('starts over after a session that lived long enough', () => {
    const b = new RestartBackoff(schedule);
    b.next(0);
    b.next(0);
    expect(b.next(60_000)).toBe(100);
    expect(b.next(0)).toBe(200);
  });
});
