// Issue 4: forward throughput, 1 and 32 connections, download and echo, unpaced and faithful,
// against the raw loopback websocket (the runner lives in bench/sessions/forwards/bench-forward.ts).
import { benchForward, formatForwardBench } from '../sessions/forwards/bench-forward.js';
import type { BenchRow, BenchSection } from '../report.js';

export async function benchForwards(scale: number): Promise<Omit<BenchSection, 'seconds'>> {
  const report = await benchForward({ scale });
  const raw = report.rawWebsocketMegabytesPerSecond;
  const rows: BenchRow[] = report.results.map((r) => ({
    figure: `forward ${r.pacing}, ${r.connections} conn, ${r.direction === 'echo' ? 'echo (both ways at once)' : 'download'}`,
    value: r.megabytesPerSecond,
    unit: 'MB/s',
    baseline: { value: raw, label: 'raw loopback websocket' },
  }));
  return { title: 'Port forwarding (issue 4)', rows, detail: formatForwardBench(report) };
}
