// Issue 5: discovery of a generated world (100 clusters, 5,000 tasks) behind a sandbox throttled
// at 20 req/s. Imported from the module itself, not main/aws/index.ts, to keep the import graph small.
import { benchDiscovery, formatDiscoveryBench } from '../aws/bench-discovery.js';
import type { BenchRow, BenchSection } from '../report.js';

export async function benchDiscoveryTree(): Promise<Omit<BenchSection, 'seconds'>> {
  const r = await benchDiscovery();
  /** What the throttle alone allows: the minimum number of calls at the sandbox's rate. */
  const throttleFloorMs = (r.minimumCalls / r.ratePerSecond) * 1000;
  const rows: BenchRow[] = [
    { figure: 'time to first screen', value: r.firstScreenMs / 1000, unit: 's' },
    {
      figure: 'time to full tree',
      value: r.fullTreeMs / 1000,
      unit: 's',
      baseline: { value: throttleFloorMs / 1000, label: `minimum calls at ${r.ratePerSecond} req/s` },
    },
    {
      figure: 'API calls for the full tree',
      value: r.totalCalls,
      unit: 'calls',
      baseline: { value: r.minimumCalls, label: 'minimum for this tree' },
    },
    {
      figure: 'DescribeTasks calls',
      value: r.describeTasksCalls,
      unit: 'calls',
      baseline: { value: r.describeTasksMinimumGlobal, label: '⌈tasks/100⌉' },
      target: { text: `Σ⌈tasks per cluster/100⌉ = ${r.describeTasksMinimumPerCluster} (the API's per-cluster floor)`, met: r.describeTasksCalls <= r.describeTasksMinimumPerCluster },
    },
    { figure: 'peak heap during discovery (sandbox in-process)', value: r.peakHeapMb, unit: 'MB', baseline: { value: r.baselineHeapMb, label: 'heap before' } },
    { figure: 'peak RSS during discovery', value: r.peakRssMb, unit: 'MB' },
  ];
  return { title: 'Discovery (issue 5)', rows, detail: formatDiscoveryBench(r) };
}
