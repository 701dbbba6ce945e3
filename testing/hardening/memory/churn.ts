/**
 * Memory churn (issue 6 part 4): open and close many shell sessions and forwards through the
 * router, as windows would, and compare heap and RSS after GC with the baseline taken once the
 * app is warm. Also measures what one idle connected session costs. The assertion belongs to
 * the caller (a test asserts return to baseline; the bench prints figures).
 */
import net from 'node:net';
import type { Router } from '../../../main/ipc/router.js';
import { DEMO_APP } from '../../composition/sandbox-app.js';
import { TestClient } from '../../composition/test-client.js';
import { settledMemory, type MemorySample } from './gc.js';

export const CHURN = {
  /** Sessions opened at once: like a user restoring a workspace, without starving a 2-core box. */
  CONCURRENCY: 8,
  /** Sessions and forwards opened before the baseline, so JIT, pools and caches are warm. */
  WARMUP_SESSIONS: 8,
  WARMUP_FORWARDS: 2,
  /** Bytes echoed through each forward so its port session really opens and carries data. */
  FORWARD_ECHO_BYTES: 4096,
  /** The demo world's echo port on the web container. */
  ECHO_PORT: 9000,
} as const;

export interface ChurnOptions {
  readonly sessions: number;
  readonly forwards: number;
  /** Sessions held open together to measure the cost of one idle session. */
  readonly idleSessions: number;
}

export interface ChurnReport {
  readonly baseline: MemorySample;
  readonly afterSessions: MemorySample;
  readonly afterForwards: MemorySample;
  readonly withIdle: MemorySample;
  readonly end: MemorySample;
  readonly sessionsOpened: number;
  readonly forwardsOpened: number;
  readonly idleSessions: number;
  /** (withIdle − before idle) / idleSessions, in KB. */
  readonly idleHeapKbPerSession: number;
  readonly idleRssKbPerSession: number;
}

const targets = [DEMO_APP.web, DEMO_APP.web2] as const;

/** Opens `count` sessions `CONCURRENCY` at a time; each waits for its prompt, then closes unless `keep`. */
async function churnSessions(router: Router, count: number, keep: boolean): Promise<{ client: TestClient; ids: string[] }> {
  const client = new TestClient(router, { retainOutput: false });
  const ids: string[] = [];
  for (let done = 0; done < count; done += CHURN.CONCURRENCY) {
    const batch = Array.from({ length: Math.min(CHURN.CONCURRENCY, count - done) }, (_, i) => targets[(done + i) % targets.length]!);
    await Promise.all(
      batch.map(async (target) => {
        const { session } = await client.call('sessions', 'open', { target, cols: 80, rows: 24 });
        // Connected is not ready: the first output (the prompt) says the shell really runs.
        await client.until(`the prompt of ${session.id}`, () => client.bytesReceived(session.id) > 0);
        ids.push(session.id);
        if (!keep) await client.call('sessions', 'close', { id: session.id });
      }),
    );
  }
  if (!keep) client.close();
  return { client, ids };
}

function echoOnce(port: number, bytes: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let got = 0;
    socket.on('error', reject);
    socket.on('connect', () => socket.write(Buffer.alloc(bytes, 0x61)));
    socket.on('data', (d: Buffer) => {
      got += d.length;
      if (got >= bytes) socket.end();
    });
    socket.on('close', () => (got >= bytes ? resolve() : reject(new Error(`forward echoed ${got} of ${bytes} bytes`))));
  });
}

async function churnForwards(router: Router, count: number): Promise<void> {
  const client = new TestClient(router, { retainOutput: false });
  try {
    for (let done = 0; done < count; done += CHURN.CONCURRENCY) {
      const n = Math.min(CHURN.CONCURRENCY, count - done);
      await Promise.all(
        Array.from({ length: n }, async () => {
          const { forward } = await client.call('forwards', 'create', { spec: { target: DEMO_APP.web, remotePort: CHURN.ECHO_PORT, localPort: 'auto' } });
          if (forward.localPort === null) throw new Error(`forward ${forward.id} is not listening: ${forward.error?.message ?? forward.state}`);
          await echoOnce(forward.localPort, CHURN.FORWARD_ECHO_BYTES);
          await client.call('forwards', 'remove', { id: forward.id });
        }),
      );
    }
  } finally {
    client.close();
  }
}

/**
 * One more round of `sessions` sessions and `forwards` forwards opened and closed, on an app that
 * already ran runChurn: what the heap grows by from before to after it. Run after a first round of
 * the same size, the growth is what N more of each leave behind, so a leak shows as growth that
 * scales with N (the first round's warm-up costs are already paid).
 */
export async function churnRoundGrowth(router: Router, sessions: number, forwards: number): Promise<{ before: MemorySample; after: MemorySample }> {
  const before = await settledMemory();
  await churnSessions(router, sessions, false);
  await churnForwards(router, forwards);
  const after = await settledMemory();
  return { before, after };
}

export async function runChurn(router: Router, options: ChurnOptions): Promise<ChurnReport> {
  await churnSessions(router, CHURN.WARMUP_SESSIONS, false);
  await churnForwards(router, CHURN.WARMUP_FORWARDS);
  const baseline = await settledMemory();
  await churnSessions(router, options.sessions, false);
  const afterSessions = await settledMemory();
  await churnForwards(router, options.forwards);
  const afterForwards = await settledMemory();
  const idle = await churnSessions(router, options.idleSessions, true);
  const withIdle = await settledMemory();
  for (const id of idle.ids) await idle.client.call('sessions', 'close', { id });
  idle.client.close();
  const end = await settledMemory();
  const per = (a: number, b: number) => ((a - b) * 1024) / Math.max(1, options.idleSessions);
  return {
    baseline,
    afterSessions,
    afterForwards,
    withIdle,
    end,
    sessionsOpened: options.sessions,
    forwardsOpened: options.forwards,
    idleSessions: options.idleSessions,
    idleHeapKbPerSession: per(withIdle.heapMb, afterForwards.heapMb),
    idleRssKbPerSession: per(withIdle.rssMb, afterForwards.rssMb),
  };
}
