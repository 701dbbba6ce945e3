// The benchmark functions run end to end (tiny sizes) and report measured figures; the figures
// themselves are judged by bench/, never here.
import { describe, expect, it } from 'vitest';
import { measureFloodLag, measureKeystrokeLatency } from './bench-shells.js';

describe('shell benchmarks', () => {
  it('floods two sessions and reports lag and throughput', async () => {
    const r = await measureFloodLag({ sessions: 2, durationMs: 700 });
    expect(r.sessions).toBe(2);
    expect(r.megabytesPerSecond).toBeGreaterThan(0);
    expect(r.messagesPerSecond).toBeGreaterThan(0);
    expect(Number.isFinite(r.lagP99Ms)).toBe(true);
    expect(r.lagP99Ms).toBeGreaterThanOrEqual(r.lagP50Ms);
  }, 60_000);

  it('times keystroke echoes', async () => {
    const r = await measureKeystrokeLatency({ samples: 15 });
    expect(r.samples).toBe(15);
    expect(r.p99Ms).toBeGreaterThanOrEqual(r.p50Ms);
    expect(r.p50Ms).toBeGreaterThan(0);
  }, 60_000);
});
