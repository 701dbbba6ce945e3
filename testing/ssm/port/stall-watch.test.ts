import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { STALL_QUIET_MS, failOnStall } from './stall-watch.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const never = new Promise<never>(() => undefined);

describe('failOnStall', () => {
  it('rejects with the report once the counter stood still for the quiet window', async () => {
    const result = failOnStall(never, { moved: () => 7, report: () => 'echoed 3 of 8' });
    const outcome = result.then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    await vi.advanceTimersByTimeAsync(STALL_QUIET_MS - 1000);
    let settled = false;
    void outcome.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await outcome).toBe(`stalled: nothing moved for ${STALL_QUIET_MS} ms\nechoed 3 of 8`);
  });

  it('keeps waiting while the counter moves, and returns the work’s result', async () => {
    let moved = 0;
    let finish: (value: string) => void = () => undefined;
    const work = new Promise<string>((resolve) => (finish = resolve));
    const result = failOnStall(work, { moved: () => moved, report: () => 'unused', quietMs: 1000 });
    for (let i = 0; i < 10; i++) {
      moved += 1;
      await vi.advanceTimersByTimeAsync(500); // 5 s in all, never 1 s without a move
    }
    finish('done');
    expect(await result).toBe('done');
    expect(vi.getTimerCount()).toBe(0); // the poll stopped with the work
  });
});
