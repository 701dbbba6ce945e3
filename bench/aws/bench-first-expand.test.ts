// The first-expand benchmark on a small world and a short window: it runs and its figures hang together.
import { describe, expect, it } from 'vitest';
import { benchFirstExpand } from './bench-first-expand.js';

describe('benchFirstExpand', () => {
  it('measures an expand during the prefetch and idle, and counts the window’s calls', async () => {
    const r = await benchFirstExpand({ clusters: 8, tasksPerCluster: 20, ratePerSecond: 200, windowMs: 4000 });
    expect(r.clusters).toBe(8);
    expect(r.expandIdleMs).toBeGreaterThan(0);
    expect(r.expandDuringPrefetchMs).toBeGreaterThan(0);
    expect(r.expandDuringUnprioritisedLoadMs).toBeGreaterThan(0);
    // First screen (clusters + instances) and the expanded cluster at least; the prefetch adds more.
    expect(r.callsInWindow).toBeGreaterThan(6);
    expect(r.clustersPrefetched).toBeGreaterThan(0);
  });
});
