// 32 concurrent connections through one forward, 10 MB each way each, SHA-256 checked, with the
// sandbox's fault injection on: frame loss, duplication and reordering both ways, and the
// client's websocket killed periodically (the engine resumes; the connections must survive).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultSpecInput } from '../../sandbox/gateway/index.js';
import { DEMO_TARGETS, startForwardingSandbox, type ForwardingSandbox } from '../../../testing/sessions/forwards/sandbox-forwards.js';
import { echoTransfer } from '../../../testing/sessions/forwards/traffic.js';

/** The figures; PORTHOLE_STRESS_MB lowers the per-connection size for a quick local run. */
const CONNECTIONS = 32;
const BYTES_EACH_WAY = Number(process.env['PORTHOLE_STRESS_MB'] ?? 10) * 1024 * 1024;
/**
 * Loss and duplication rates per frame, and a reorder window, in both directions. Each lost frame
 * stalls in-order delivery for about one RTO (the protocol resends only the oldest unacked frame,
 * §4.4), so the loss rate sets this test's run time: ~260 losses over the ~1.3 M frames here.
 */
const LINK: NonNullable<FaultSpecInput['toClient']> = { drop: 0.0002, duplicate: 0.01, reorderWindow: 8 };
/** Kill the client's websocket this often: several resumes during the transfer. */
const KILL_EVERY_MS = 4_000;
/** The transfer runs at the sandbox's CPU-bound rate (a few MB/s on a 2-core box). */
const STRESS_TIMEOUT_MS = 20 * 60_000;

let fx: ForwardingSandbox;
beforeAll(async () => {
  fx = await startForwardingSandbox();
});
afterAll(async () => {
  await fx.stop();
});

describe('forward under load with faults', () => {
  it(
    `carries ${CONNECTIONS} connections × ${BYTES_EACH_WAY / 1024 / 1024} MB each way intact through drops, duplicates, reordering and websocket kills`,
    async () => {
      const manager = fx.newManager();
      const f = await manager.create({ target: DEMO_TARGETS.container, remotePort: 9000 });
      await new Promise<void>((resolve) => {
        const check = () => manager.get(f.id).state === 'active' && (manager.off('changed', check), resolve());
        manager.on('changed', check);
        check();
      });
      const sessionId = manager.get(f.id).sessionId!;
      fx.harness.gateway.faults.set(sessionId, { toClient: LINK, toAgent: LINK, killSocketEveryMs: KILL_EVERY_MS, seed: 7 });
      const results = await Promise.all(Array.from({ length: CONNECTIONS }, () => echoTransfer(f.localPort!, BYTES_EACH_WAY)));
      for (const r of results) {
        expect(r.bytes).toBe(BYTES_EACH_WAY);
        expect(r.receivedSha256).toBe(r.sentSha256);
      }
      const status = manager.get(f.id);
      expect(status.sessionId).toBe(sessionId); // resumed every time, never restarted
      expect(status.restarts).toBe(0);
      expect(status.bytesToRemote).toBe(CONNECTIONS * BYTES_EACH_WAY);
      expect(status.bytesFromRemote).toBe(CONNECTIONS * BYTES_EACH_WAY);
      fx.harness.gateway.faults.set(sessionId, {});
      await manager.remove(f.id);
    },
    STRESS_TIMEOUT_MS,
  );
});
