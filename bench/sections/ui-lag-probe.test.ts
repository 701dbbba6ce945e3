// The web host's event-loop probe: a stall shows in its report (as loop delay and as CPU time),
// a reset forgets it, and only well-formed requests are answered.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { createProbe, isRequest, LAG_PROBE, respond } from './ui-lag-probe.js';

/** A stall no ordinary GC pause or scheduler hiccup reaches, so the "after reset" figure is always below it. */
const STALL_MS = 300;

/** Keeps the loop busy until this process has used `ms` of CPU time (at least as long in wall time, longer on a loaded machine). */
function stall(ms: number): void {
  const start = process.cpuUsage();
  for (;;) {
    const used = process.cpuUsage(start);
    if ((used.user + used.system) / 1000 >= ms) return;
    // Busy on purpose: the loop cannot run its timers.
  }
}

const tick = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('event-loop probe', () => {
  it('reports a stall of the loop and forgets it after a reset', async () => {
    const h = monitorEventLoopDelay({ resolution: LAG_PROBE.RESOLUTION_MS });
    h.enable();
    const probe = createProbe(h);
    await tick(20);
    stall(STALL_MS);
    await tick(20);
    const stalled = respond(probe, { kind: 'report' });
    expect(stalled?.maxMs).toBeGreaterThanOrEqual(STALL_MS * 0.8);
    expect(stalled?.cpuMs).toBeGreaterThanOrEqual(STALL_MS);
    expect(respond(probe, { kind: 'reset' })).toBeNull();
    await tick(50);
    const after = respond(probe, { kind: 'report' });
    h.disable();
    expect(after?.maxMs).toBeLessThan(stalled?.maxMs ?? 0);
    expect(after?.cpuMs).toBeLessThan(stalled?.cpuMs ?? 0);
  });

  it('answers only the two requests it knows', () => {
    expect(isRequest({ kind: 'report' })).toBe(true);
    expect(isRequest({ kind: 'reset' })).toBe(true);
    for (const bad of [null, 'report', { kind: 'exit' }, {}]) expect(isRequest(bad)).toBe(false);
  });
});
