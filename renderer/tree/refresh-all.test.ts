import { describe, expect, it } from 'vitest';
import { REFRESH_ALL, RefreshAllStore } from './refresh-all.js';

/** A refresh the test settles by hand, and a clock whose one timer the test fires. */
function rig() {
  let settle: (problem: string | null) => void = () => undefined;
  let fail: (err: Error) => void = () => undefined;
  let calls = 0;
  const timers: Array<{ run: () => void; ms: number; cleared: boolean }> = [];
  const store = new RefreshAllStore(
    () => {
      calls++;
      return new Promise<string | null>((resolve, reject) => {
        settle = resolve;
        fail = reject;
      });
    },
    {
      now: () => 1_700_000_000_000,
      setTimeout: (run, ms) => {
        const t = { run, ms, cleared: false };
        timers.push(t);
        return t;
      },
      clearTimeout: (handle) => {
        (handle as { cleared: boolean }).cleared = true;
      },
    },
  );
  return { store, settle: (p: string | null) => settle(p), fail: (e: Error) => fail(e), calls: () => calls, timers };
}

describe('RefreshAllStore: Refresh everything says it runs, then that it finished or why not', () => {
  it('is busy until the refresh settles, then done, then quiet again after DONE_SHOWN_MS', async () => {
    const r = rig();
    expect(r.store.state.phase).toBe('idle');
    const running = r.store.run();
    expect(r.store.state.phase).toBe('busy');
    r.settle(null);
    await running;
    expect(r.store.state).toEqual({ phase: 'done', at: 1_700_000_000_000 });
    expect(r.timers.map((t) => t.ms)).toEqual([REFRESH_ALL.DONE_SHOWN_MS]);
    r.timers[0]?.run();
    expect(r.store.state.phase).toBe('idle');
  });

  it('keeps the problem until the next try, from an answer or a thrown error', async () => {
    const r = rig();
    let running = r.store.run();
    r.settle('The config profile (prod) could not be found');
    await running;
    expect(r.store.state).toEqual({ phase: 'failed', message: 'The config profile (prod) could not be found' });
    expect(r.timers).toHaveLength(0);
    running = r.store.run();
    expect(r.store.state.phase).toBe('busy');
    r.fail(new Error('the link to the host is lost'));
    await running;
    expect(r.store.state).toEqual({ phase: 'failed', message: 'the link to the host is lost' });
  });

  it('a second press while one runs joins it rather than starting another', async () => {
    const r = rig();
    const first = r.store.run();
    await r.store.run();
    expect(r.calls()).toBe(1);
    r.settle(null);
    await first;
    expect(r.store.state.phase).toBe('done');
  });

  it('a new refresh while "done" shows cancels the old timer, which then cannot hide the new state', async () => {
    const r = rig();
    let running = r.store.run();
    r.settle(null);
    await running;
    running = r.store.run();
    expect(r.timers[0]?.cleared).toBe(true);
    expect(r.store.state.phase).toBe('busy');
    r.settle('denied');
    await running;
    r.timers[0]?.run();
    expect(r.store.state.phase).toBe('failed');
  });
});
