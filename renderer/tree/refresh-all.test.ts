import { describe, expect, it } from 'vitest';
import { REFRESH_ALL, RefreshAllStore, type RefreshAnswer } from './refresh-all.js';

/** A refresh the test settles by hand, and a clock whose one timer the test fires. */
function rig() {
  let settle: (answer: RefreshAnswer) => void = () => undefined;
  let fail: (err: Error) => void = () => undefined;
  let calls = 0;
  const timers: Array<{ run: () => void; ms: number; cleared: boolean }> = [];
  const store = new RefreshAllStore(
    () => {
      calls++;
      return new Promise<RefreshAnswer>((resolve, reject) => {
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
  return { store, settle: (a: RefreshAnswer) => settle(a), fail: (e: Error) => fail(e), calls: () => calls, timers };
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
    r.settle({ failed: 'The config profile (prod) could not be found' });
    await running;
    expect(r.store.state).toEqual({ phase: 'failed', message: 'The config profile (prod) could not be found' });
    expect(r.timers).toHaveLength(0);
    running = r.store.run();
    expect(r.store.state.phase).toBe('busy');
    r.fail(new Error('the link to the host is lost'));
    await running;
    expect(r.store.state).toEqual({ phase: 'failed', message: 'the link to the host is lost' });
  });

  it('a second press while one runs joins it: one refresh, and the second press settles only when it does', async () => {
    const r = rig();
    const first = r.store.run();
    let secondSettled = false;
    const second = r.store.run().then(() => {
      secondSettled = true;
    });
    expect(r.calls()).toBe(1);
    await Promise.resolve();
    await Promise.resolve();
    expect(secondSettled).toBe(false);
    r.settle(null);
    await second;
    expect(r.store.state.phase).toBe('done');
    await first;
    // Once it settled, a press starts a new one.
    void r.store.run();
    expect(r.calls()).toBe(2);
  });

  it('a refresh some branches of which failed says how many, keeps the first failure\'s words, and stays until the next try', async () => {
    const r = rig();
    const running = r.store.run();
    r.settle({ failures: { count: 3, first: { message: 'The credentials of profile "prod" have expired.', nextStep: 'Sign in again.' } } });
    await running;
    expect(r.store.state).toEqual({ phase: 'partial', at: 1_700_000_000_000, count: 3, first: 'The credentials of profile "prod" have expired. Sign in again.' });
    expect(r.timers).toHaveLength(0);
  });

  it('a new refresh while "done" shows cancels the old timer, which then cannot hide the new state', async () => {
    const r = rig();
    let running = r.store.run();
    r.settle(null);
    await running;
    running = r.store.run();
    expect(r.timers[0]?.cleared).toBe(true);
    expect(r.store.state.phase).toBe('busy');
    r.settle({ failed: 'denied' });
    await running;
    r.timers[0]?.run();
    expect(r.store.state.phase).toBe('failed');
  });
});
