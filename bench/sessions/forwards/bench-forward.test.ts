import { describe, expect, it } from 'vitest';
import { benchForward, formatForwardBench, rawWebsocketThroughput } from './bench-forward.js';

describe('forward benchmark', () => {
  it('measures the raw loopback websocket', async () => {
    expect(await rawWebsocketThroughput(4 * 1024 * 1024)).toBeGreaterThan(0);
  });

  it('runs every case at a small scale and formats a table', async () => {
    const report = await benchForward({ pacings: ['unpaced'], scale: 1 / 16 });
    expect(report.results.map((r) => [r.connections, r.direction])).toEqual([
      [1, 'download'],
      [1, 'echo'],
      [32, 'download'],
      [32, 'echo'],
    ]);
    for (const r of report.results) expect(r.megabytesPerSecond).toBeGreaterThan(0);
    const table = formatForwardBench(report);
    expect(table.split('\n')).toHaveLength(2 + 4 + 2);
    expect(table).toContain('| unpaced | 32 | echo |');
  });
});
