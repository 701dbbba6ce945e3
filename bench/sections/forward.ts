// Issues 4 and 16 §3: forward throughput, 1 and 32 connections, download and echo, unpaced and
// faithful, against the engine's shell-output throughput and the raw loopback websocket of the
// same run (the runner lives in bench/sessions/forwards/bench-forward.ts).
import { benchForward, cpuCeiling, formatForwardBench, FORWARD_BENCH } from '../sessions/forwards/bench-forward.js';
import type { BenchRow, BenchSection } from '../report.js';

export async function benchForwards(scale: number): Promise<Omit<BenchSection, 'seconds'>> {
  const report = await benchForward({ scale });
  const shell = report.shell.megabytesPerSecond;
  const rows: BenchRow[] = [
    { figure: 'engine shell output (unpaced agent, forward baseline)', value: shell, unit: 'MB/s', baseline: { value: report.rawWebsocketMegabytesPerSecond, label: 'raw loopback websocket' } },
  ];
  for (const r of report.results) {
    const figure = `forward ${r.pacing}, ${r.connections} conn, ${r.direction === 'echo' ? 'echo (both ways at once)' : 'download'}`;
    if (r.pacing === 'faithful') {
      rows.push({ figure, value: r.megabytesPerSecond, unit: 'MB/s' });
      continue;
    }
    const ratio = r.direction === 'download' ? FORWARD_BENCH.DOWNLOAD_TARGET_RATIO : FORWARD_BENCH.ECHO_TARGET_RATIO;
    rows.push({
      figure,
      value: r.megabytesPerSecond,
      unit: 'MB/s',
      baseline: { value: shell, label: 'engine shell output, same run' },
      target: { text: `≥ ${ratio * 100} % of shell output`, met: r.megabytesPerSecond >= ratio * shell },
    });
    rows.push({ figure: `${figure}: client CPU`, value: r.cpu.client * 1000, unit: 'ms/MB', baseline: { value: report.shell.cpu.client * 1000, label: 'shell output, client' } });
    rows.push({ figure: `${figure}: sandbox CPU`, value: r.cpu.sandbox * 1000, unit: 'ms/MB', baseline: { value: report.shell.cpu.sandbox * 1000, label: 'shell output, sandbox' } });
    // What bounds the rate (see the section's text): the costlier process's CPU per MB.
    rows.push({ figure: `${figure}: CPU ceiling (costlier process, a core to itself)`, value: cpuCeiling(r.cpu), unit: 'MB/s', baseline: { value: cpuCeiling(report.shell.cpu), label: 'shell output, same measure' } });
  }
  return { title: 'Port forwarding (issues 4, 16 §3)', rows, detail: formatForwardBench(report) };
}
