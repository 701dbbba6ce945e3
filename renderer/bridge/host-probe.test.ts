import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HOST_PROBE, hostWasRestarted, watchForRestart } from './host-probe.js';

const URL = 'http://127.0.0.1:7000/';
const stale = (): Response => new Response(null, { status: 403, headers: { 'X-Porthole-Refused': 'stale-token' } });

describe('hostWasRestarted', () => {
  it('is true only for a 403 marked stale-token', async () => {
    expect(await hostWasRestarted(URL, async () => stale())).toBe(true);
    expect(await hostWasRestarted(URL, async () => new Response(null, { status: 403 }))).toBe(false);
    expect(await hostWasRestarted(URL, async () => new Response(null, { status: 200, headers: { 'X-Porthole-Refused': 'stale-token' } }))).toBe(false);
    expect(await hostWasRestarted(URL, async () => Promise.reject(new TypeError('Failed to fetch')))).toBe(false);
  });

  it('asks with HEAD, no cache, the page\'s own cookie and no redirect', async () => {
    const fetchFn = vi.fn(async () => stale());
    await hostWasRestarted(URL, fetchFn);
    expect(fetchFn).toHaveBeenCalledWith(URL, { method: 'HEAD', cache: 'no-store', credentials: 'same-origin', redirect: 'manual' });
  });
});

describe('watchForRestart', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps asking while nothing answers, tells once when a new start answers, then stops', async () => {
    const answers: Array<() => Promise<Response>> = [() => Promise.reject(new TypeError('refused')), () => Promise.reject(new TypeError('refused')), async () => stale()];
    const fetchFn = vi.fn(async () => (answers.shift() ?? (async () => stale()))());
    const told = vi.fn();
    watchForRestart(URL, told, fetchFn);
    await vi.advanceTimersByTimeAsync(HOST_PROBE.INTERVAL_MS * 2);
    expect(fetchFn).toHaveBeenCalledTimes(2);
    expect(told).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(HOST_PROBE.INTERVAL_MS);
    expect(told).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(HOST_PROBE.INTERVAL_MS * 5);
    expect(fetchFn).toHaveBeenCalledTimes(3);
    expect(told).toHaveBeenCalledTimes(1);
  });

  it('asks nothing more once stopped', async () => {
    const fetchFn = vi.fn(async () => new Response(null, { status: 200 }));
    const stop = watchForRestart(URL, () => undefined, fetchFn);
    await vi.advanceTimersByTimeAsync(HOST_PROBE.INTERVAL_MS);
    stop();
    await vi.advanceTimersByTimeAsync(HOST_PROBE.INTERVAL_MS * 5);
    expect(fetchFn).toHaveBeenCalledTimes(1);
  });
});
