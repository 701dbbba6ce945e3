// Issue 5: discovery of a generated world (100 clusters, 5,000 tasks) behind a sandbox throttled
// at 20 req/s. Imported from the module itself, not main/aws/index.ts, to keep the import graph small.
import { benchDiscovery, formatDiscoveryBench } from '../aws/bench-discovery.js';
import { benchFirstExpand, FIRST_EXPAND_BENCH } from '../aws/bench-first-expand.js';
import { PREFETCH } from '../../main/aws/inventory/prefetch.js';
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
  const f = await benchFirstExpand();
  const minute = f.windowMs / 60_000;
  rows.push(
    {
      figure: `expand cluster #${FIRST_EXPAND_BENCH.EXPANDED_INDEX + 1} → its services and tasks, while the prefetch runs`,
      value: f.expandDuringPrefetchMs / 1000,
      unit: 's',
      baseline: { value: f.expandIdleMs / 1000, label: 'same expand, nothing else in flight' },
      target: { text: '< 1 s (issue 16 §5)', met: f.expandDuringPrefetchMs < 1000 },
    },
    {
      figure: `the same expand while the whole tree loads first come, first served (before priorities)`,
      value: f.expandDuringUnprioritisedLoadMs / 1000,
      unit: 's',
      baseline: { value: f.expandIdleMs / 1000, label: 'same expand, nothing else in flight' },
    },
    {
      figure: `AWS calls in the user's first ${minute === 1 ? 'minute' : `${(f.windowMs / 1000).toFixed(0)} s`} (first screen, one expand, prefetch of ${f.clustersPrefetched} clusters)`,
      value: f.callsInWindow,
      unit: 'calls',
      baseline: { value: r.totalCalls, label: 'the whole tree' },
    },
  );
  const detail = [
    formatDiscoveryBench(r),
    '',
    `First expand (issue 16 §5): the app's inventory (background prefetch: one slot, ≥ ${PREFETCH.MIN_INTERVAL_MS} ms between calls) on the same world and throttle; the user reads the first screen for ${FIRST_EXPAND_BENCH.READ_FIRST_SCREEN_MS / 1000} s, then expands cluster #${FIRST_EXPAND_BENCH.EXPANDED_INDEX + 1}.`,
    `Expand while prefetching: ${(f.expandDuringPrefetchMs / 1000).toFixed(3)} s; idle: ${(f.expandIdleMs / 1000).toFixed(3)} s; while the whole tree loads without priorities: ${(f.expandDuringUnprioritisedLoadMs / 1000).toFixed(3)} s; calls in ${(f.windowMs / 1000).toFixed(0)} s: ${f.callsInWindow} (${f.clustersPrefetched} clusters prefetched).`,
  ].join('\n');
  return { title: 'Discovery (issue 5)', rows, detail };
}
