// The bench hooks produce real figures against the sandbox (values are not asserted: they are
// for bench/, not a timed test).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../testing/ssm/sandbox-harness.js';
import { measureEchoLatency, measureOutputThroughput } from './bench-hooks.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.stop(); });

describe('bench hooks', () => {
  it('measures output throughput over the whole engine', async () => {
    const bytes = 2 * 1024 * 1024;
    const creds = h.addSession({ type: 'NonInteractiveCommands', command: `head -c ${bytes} /dev/zero`, separateOutputStream: true });
    const result = await measureOutputThroughput({ credentials: creds });
    console.info(`engine output throughput: ${result.megabytesPerSecond.toFixed(1)} MB/s`);
    expect(result.bytes).toBe(bytes);
    expect(result.megabytesPerSecond).toBeGreaterThan(0);
    // The stream is the span after the wait for the first byte: together they are the whole time.
    expect(result.waitMs).toBeGreaterThanOrEqual(0);
    expect(result.waitMs + result.streamMs).toBeCloseTo(result.ms, 6);
    expect(result.streamMegabytesPerSecond).toBeGreaterThan(0);
  });

  it('measures keystroke → echo latency', async () => {
    const creds = h.addSession({ type: 'Standard_Stream' });
    const result = await measureEchoLatency({ credentials: creds, size: { cols: 80, rows: 24 } }, 50);
    console.info(`echo latency: p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms`);
    expect(result.samples).toBe(50);
    expect(result.p99Ms).toBeGreaterThanOrEqual(result.p50Ms);
  });
});
