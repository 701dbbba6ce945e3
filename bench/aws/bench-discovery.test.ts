// The benchmark function on a small world: it runs, counts calls exactly and reports sane figures.
import { describe, expect, it } from 'vitest';
import { benchDiscovery, formatDiscoveryBench } from './bench-discovery.js';

describe('benchDiscovery', () => {
  it('loads the whole generated tree and reports calls against the minimum', async () => {
    const r = await benchDiscovery({ clusters: 4, tasksPerCluster: 120, servicesPerCluster: 3, instances: 60, ratePerSecond: 200 });
    expect([r.clusters, r.services, r.tasks]).toEqual([4, 12, 480]);
    expect(r.describeTasksCalls).toBe(4 * 2);
    expect(r.describeTasksMinimumGlobal).toBe(5);
    expect(r.describeTasksMinimumPerCluster).toBe(8);
    expect(r.totalCalls).toBe(r.minimumCalls);
    expect(r.firstScreenMs).toBeLessThanOrEqual(r.fullTreeMs);
    expect(r.peakRssMb).toBeGreaterThan(0);
    expect(formatDiscoveryBench(r)).toContain('| API calls / minimum for this tree |');
  });
});
