// Leak check (issue 6 part 4, reduced for CI): sessions and forwards opened and closed through
// the router against the sandbox leave heap and RSS where the warm baseline was, after GC.
// The sandbox runs in this process, so its state is in the figures too; the tolerances cover
// that and allocator noise, and are far below what a per-session leak would add.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxApp, type SandboxApp } from '../../composition/sandbox-app.js';
import { runChurn } from './churn.js';

/** Enough churn that a leak of a few KB per session or forward shows above the tolerance. */
const SESSIONS = 32;
const FORWARDS = 12;
const IDLE = 8;
/** Heap may end this far above baseline: in-process sandbox bookkeeping and JIT code, not leaks. */
const HEAP_TOLERANCE_MB = 6;
/** RSS rarely shrinks (the allocator keeps freed pages); a leak keeps growing it well past this. */
const RSS_TOLERANCE_MB = 96;

let t: SandboxApp;
beforeAll(async () => {
  t = await startSandboxApp();
});
afterAll(async () => {
  await t.stop();
});

describe('memory under session and forward churn', () => {
  it(`returns to baseline after ${SESSIONS} sessions and ${FORWARDS} forwards open and close`, async () => {
    const r = await runChurn(t.app.router, { sessions: SESSIONS, forwards: FORWARDS, idleSessions: IDLE });
    console.info(
      `memory (MB heap/rss): baseline ${r.baseline.heapMb.toFixed(1)}/${r.baseline.rssMb.toFixed(0)}, after sessions ${r.afterSessions.heapMb.toFixed(1)}/${r.afterSessions.rssMb.toFixed(0)}, ` +
        `after forwards ${r.afterForwards.heapMb.toFixed(1)}/${r.afterForwards.rssMb.toFixed(0)}, end ${r.end.heapMb.toFixed(1)}/${r.end.rssMb.toFixed(0)}; ` +
        `idle session ${r.idleHeapKbPerSession.toFixed(0)} KB heap`,
    );
    expect(r.end.heapMb - r.baseline.heapMb).toBeLessThan(HEAP_TOLERANCE_MB);
    expect(r.afterSessions.heapMb - r.baseline.heapMb).toBeLessThan(HEAP_TOLERANCE_MB);
    expect(r.end.rssMb - r.baseline.rssMb).toBeLessThan(RSS_TOLERANCE_MB);
    // Idle sessions do hold memory while open: the measurement is real, not zero.
    expect(r.withIdle.heapMb).toBeGreaterThan(r.afterForwards.heapMb);
  });
});
