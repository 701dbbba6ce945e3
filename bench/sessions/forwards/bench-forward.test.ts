import { describe, expect, it } from 'vitest';
import { benchForward, cpuCeiling, formatForwardBench, rawWebsocketThroughput } from './bench-forward.js';

// benchForward runs the sandbox as its own process from dist/ (npm run build first, as npm test does).
describe('forward benchmark', () => {
  it('measures the raw loopback websocket', async () => {
    expect(await rawWebsocketThroughput(4 * 1024 * 1024)).toBeGreaterThan(0);
  });

  it('runs every case and its shell-output baseline at a small scale and formats a table', async () => {
    const report = await benchForward({ pacings: ['unpaced'], scale: 1 / 16, runs: 1 });
    expect(report.results.map((r) => [r.connections, r.direction])).toEqual([
      [1, 'download'],
      [1, 'echo'],
      [32, 'download'],
      [32, 'echo'],
    ]);
    for (const r of report.results) {
      expect(r.runs).toHaveLength(1);
      expect(r.megabytesPerSecond).toBeGreaterThan(0);
      expect(r.cpu.client).toBeGreaterThan(0);
      // A share of one core: above zero, and not beyond what two cores allow.
      expect(r.cpu.clientBusy).toBeGreaterThan(0);
      expect(r.cpu.clientBusy).toBeLessThan(2.5);
      expect(cpuCeiling(r.cpu)).toBe(1 / Math.max(r.cpu.client, r.cpu.sandbox));
    }
    expect(report.shell.runs).toHaveLength(1);
    expect(report.shell.megabytesPerSecond).toBeGreaterThan(0);
    const table = formatForwardBench(report).split('\n');
    expect(table.slice(0, 7).every((line) => line.startsWith('|'))).toBe(true);
    expect(table[2]).toContain('shell output (baseline)');
    expect(table.join('\n')).toContain('| unpaced | 32 | echo |');
    expect(table.join('\n')).toContain('What bounds the rates: CPU.');
    expect(table.join('\n')).toMatch(/Echo CPU ceilings in this run: 1 conn: \d+ MB\/s/);
  });
});
