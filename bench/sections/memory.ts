// Issue 6 part 4: 200 sessions and 50 forwards opened and closed against the sandbox (unpaced);
// heap and RSS after GC against the warm baseline; cost of one idle connected session. Compiled,
// the sandbox runs in its own process, so these are main's figures alone.
import { startBenchApp } from '../sessions/shells/bench-app.js';
import { runChurn } from '../../testing/hardening/memory/churn.js';
import type { BenchRow, BenchSection } from '../report.js';

export const MEMORY_BENCH = {
  SESSIONS: 200,
  FORWARDS: 50,
  /** Held open together for the per-session figure: enough to average out allocator noise. */
  IDLE_SESSIONS: 50,
  /** "Back to baseline" for heap after GC: a leak of 10 KB per session or forward shows above this. */
  HEAP_TOLERANCE_MB: 2.5,
  /** RSS keeps freed pages; it must not keep growing, but it need not shrink. */
  RSS_TOLERANCE_MB: 64,
} as const;

export async function benchMemory(scale: number): Promise<Omit<BenchSection, 'seconds'>> {
  const n = (v: number) => Math.max(8, Math.round(v * scale));
  const t = await startBenchApp();
  let r;
  try {
    r = await runChurn(t.app.router, { sessions: n(MEMORY_BENCH.SESSIONS), forwards: n(MEMORY_BENCH.FORWARDS), idleSessions: n(MEMORY_BENCH.IDLE_SESSIONS) });
  } finally {
    await t.stop();
  }
  const heapGrowth = r.end.heapMb - r.baseline.heapMb;
  const rssGrowth = r.end.rssMb - r.baseline.rssMb;
  const rows: BenchRow[] = [
    {
      figure: `heap after ${r.sessionsOpened} sessions + ${r.forwardsOpened} forwards opened and closed (after GC)`,
      value: r.end.heapMb,
      unit: 'MB',
      baseline: { value: r.baseline.heapMb, label: 'warm baseline' },
      target: { text: `within ${MEMORY_BENCH.HEAP_TOLERANCE_MB} MB of baseline (${heapGrowth >= 0 ? '+' : ''}${heapGrowth.toFixed(2)} MB)`, met: heapGrowth < MEMORY_BENCH.HEAP_TOLERANCE_MB },
    },
    {
      figure: 'RSS after the same churn',
      value: r.end.rssMb,
      unit: 'MB',
      baseline: { value: r.baseline.rssMb, label: 'warm baseline' },
      target: { text: `within ${MEMORY_BENCH.RSS_TOLERANCE_MB} MB of baseline (${rssGrowth >= 0 ? '+' : ''}${rssGrowth.toFixed(1)} MB)`, met: rssGrowth < MEMORY_BENCH.RSS_TOLERANCE_MB },
    },
    { figure: 'heap per idle connected session', value: r.idleHeapKbPerSession, unit: 'KB' },
    { figure: 'RSS per idle connected session', value: r.idleRssKbPerSession, unit: 'KB' },
  ];
  const m = (s: { heapMb: number; rssMb: number }) => `${s.heapMb.toFixed(1)} MB heap / ${s.rssMb.toFixed(0)} MB RSS`;
  const detail = [
    '| point | memory after GC |',
    '|---|---|',
    `| warm baseline | ${m(r.baseline)} |`,
    `| after ${r.sessionsOpened} sessions opened (prompt seen) and closed | ${m(r.afterSessions)} |`,
    `| after ${r.forwardsOpened} forwards created, echoed through, removed | ${m(r.afterForwards)} |`,
    `| with ${r.idleSessions} idle sessions open | ${m(r.withIdle)} |`,
    `| after closing them | ${m(r.end)} |`,
    '',
    r.idleRssKbPerSession <= 0 ? 'RSS did not move while the idle sessions were open: their memory came from pages the process already held.' : '',
    t.sandboxInProcess ? 'The sandbox ran in this process, so its state is included.' : 'The sandbox ran as its own process: these are the app\'s figures alone.',
  ].join('\n');
  return { title: 'Memory (issue 6)', rows, detail };
}
