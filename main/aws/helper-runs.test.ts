// The runs of one profile's credential_process: joined while in flight, handed over at a reopen
// (a refresh) even when the answer comes before the reopened session asks, and never otherwise reused.
import type { AwsCredentialIdentity } from '@smithy/types';
import { describe, expect, it, vi } from 'vitest';
import { HelperRuns } from './helper-runs.js';

const KEY = 'the command';
const KEYS: AwsCredentialIdentity = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
const OTHER_KEYS: AwsCredentialIdentity = { accessKeyId: 'AKIDOTHER', secretAccessKey: 'other' };

/** A start() that counts its runs and answers (or fails) only when told. */
function helper(): { start: () => Promise<AwsCredentialIdentity>; runs: () => number; answer: (id?: AwsCredentialIdentity) => void; fail: () => void } {
  let runs = 0;
  let settle: { resolve: (id: AwsCredentialIdentity) => void; reject: (e: Error) => void } | undefined;
  return {
    start: () => {
      runs += 1;
      return new Promise((resolve, reject) => {
        settle = { resolve, reject };
      });
    },
    runs: () => runs,
    answer: (id = KEYS) => settle?.resolve(id),
    fail: () => settle?.reject(new Error('the sign-in failed')),
  };
}

/**
 * Fresh runs with one run of a fresh helper in flight: `first` is what that run's ask gets;
 * `answered()` has the helper answer and waits for that ask to get it.
 */
function oneInFlight(): { runs: HelperRuns; h: ReturnType<typeof helper>; first: Promise<AwsCredentialIdentity>; answered: () => Promise<void> } {
  const runs = new HelperRuns();
  const h = helper();
  const first = runs.run(KEY, h.start);
  return { runs, h, first, answered: async () => { h.answer(); await first; } };
}

/** A start() that answers `id` at once, to count whether (and how often) an ask ran the helper. */
const answering = (id: AwsCredentialIdentity) => vi.fn(() => Promise.resolve(id));

describe('HelperRuns', () => {
  it('joins a run in flight', async () => {
    const { runs, h, first } = oneInFlight();
    const second = runs.run(KEY, h.start);
    h.answer();
    await expect(Promise.all([first, second])).resolves.toEqual([KEYS, KEYS]);
    expect(h.runs()).toBe(1);
  });

  it('without a reopen, runs the helper again once the last run answered', async () => {
    const { runs, h, answered } = oneInFlight();
    await answered();
    void runs.run(KEY, h.start);
    expect(h.runs()).toBe(2);
  });

  it('hands the answer of a run in flight at a reopen to the first ask after it, even one after the answer', async () => {
    const { runs, answered } = oneInFlight();
    runs.handOver();
    await answered();
    const again = answering(OTHER_KEYS);
    await expect(runs.run(KEY, again)).resolves.toEqual(KEYS);
    expect(again).not.toHaveBeenCalled();
    // Handed over once: the ask after that runs the helper again.
    await expect(runs.run(KEY, again)).resolves.toEqual(OTHER_KEYS);
    expect(again).toHaveBeenCalledTimes(1);
  });

  it('does not hand over a run that failed, nor credentials already expired: the helper runs again', async () => {
    const runs = new HelperRuns();
    const failing = helper();
    const failed = runs.run(KEY, failing.start);
    runs.handOver();
    failing.fail();
    await expect(failed).rejects.toThrow('the sign-in failed');
    const afterFailure = answering(KEYS);
    await expect(runs.run(KEY, afterFailure)).resolves.toEqual(KEYS);
    expect(afterFailure).toHaveBeenCalledTimes(1);

    const expiring = helper();
    const old = runs.run(KEY, expiring.start);
    runs.handOver();
    expiring.answer({ ...KEYS, expiration: new Date(Date.now() - 1) });
    await old;
    const afterExpiry = answering(KEYS);
    await expect(runs.run(KEY, afterExpiry)).resolves.toEqual(KEYS);
    expect(afterExpiry).toHaveBeenCalledTimes(1);
  });

  it('hands nothing over once the profile is closed', async () => {
    const { runs, h, answered } = oneInFlight();
    runs.handOver();
    runs.cancel();
    await answered();
    void runs.run(KEY, h.start);
    expect(h.runs()).toBe(2);
  });

  it('a second reopen hands over only what runs then, not the answer an earlier reopen handed over', async () => {
    const { runs, answered } = oneInFlight();
    runs.handOver();
    await answered();
    // Refreshed again before anything asked (say after fixing the profile's account): nothing runs
    // now, so the next ask runs the helper instead of reusing the first sign-in's answer.
    runs.handOver();
    const again = answering(OTHER_KEYS);
    await expect(runs.run(KEY, again)).resolves.toEqual(OTHER_KEYS);
    expect(again).toHaveBeenCalledTimes(1);
  });
});
