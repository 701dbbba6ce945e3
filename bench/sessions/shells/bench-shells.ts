// Benchmarks of the shell data plane through the whole app (router → shell manager → engine →
// sandbox agent with real ptys): main-process event-loop lag while several sessions flood, and
// keystroke → echo latency. Figures only; bench/ prints them, nothing here asserts.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DEMO_APP } from '../../../testing/composition/sandbox-app.js';
import { TestClient } from '../../../testing/composition/test-client.js';
import { startBenchApp } from './bench-app.js';
import { SHELLS } from '../../../main/sessions/shells/constants.js';

export interface FloodLagResult {
  readonly sessions: number;
  readonly durationMs: number;
  /** Event-loop delay percentiles of the process running main, in ms. */
  readonly lagP50Ms: number;
  readonly lagP99Ms: number;
  readonly lagMaxMs: number;
  /** Output delivered to the "renderer" across all sessions. */
  readonly megabytesPerSecond: number;
  /** Output messages per second across all sessions (coalescing keeps this low). */
  readonly messagesPerSecond: number;
  /** True when the sandbox ran in this process, so its work is in the lag figures too. */
  readonly sandboxInProcess: boolean;
}

export interface KeystrokeLatencyResult {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly sandboxInProcess: boolean;
}

/** Histogram resolution of the lag monitor; 1 ms is below anything a person notices. */
const LAG_RESOLUTION_MS = 1;
/** Keystrokes typed before measuring, so pty start-up and JIT do not skew the tail. */
const KEYSTROKE_WARMUP = 10;
const CTRL_C = 0x03;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Opens `sessions` shells, floods each with `yes`, acks like xterm's write callback, and samples event-loop delay. */
export async function measureFloodLag(options: { sessions?: number; durationMs?: number } = {}): Promise<FloodLagResult> {
  const sessions = options.sessions ?? 8;
  const durationMs = options.durationMs ?? 5_000;
  const t = await startBenchApp();
  const client = new TestClient(t.app.router, { retainOutput: false });
  try {
    const ids: string[] = [];
    for (let i = 0; i < sessions; i++) {
      const { session } = await client.call('sessions', 'open', { target: i % 2 === 0 ? DEMO_APP.web : DEMO_APP.web2, cols: 120, rows: 40 });
      ids.push(session.id);
    }
    // Connected is not ready: input waits for the shell's first output (its prompt).
    await Promise.all(ids.map((id) => client.until(`the prompt of ${id}`, () => client.bytesReceived(id) > 0)));
    const acked = new Map(ids.map((id) => [id, 0]));
    // The renderer acks after parsing; a 1 ms tick stands in for xterm's write callback.
    const acker = setInterval(() => {
      for (const id of ids) {
        const have = client.bytesReceived(id);
        let done = acked.get(id) ?? 0;
        while (done < have) {
          const n = Math.min(SHELLS.MAX_BATCH_BYTES, have - done);
          client.send({ type: 'ack', sessionId: id, bytes: n });
          done += n;
        }
        acked.set(id, done);
      }
    }, 1);
    const before = ids.reduce((n, id) => n + client.bytesReceived(id), 0);
    const messagesBefore = client.outputMessages;
    for (const id of ids) client.input(id, 'yes porthole-flood-line\r');
    const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
    lag.enable();
    const started = performance.now();
    await new Promise((r) => setTimeout(r, durationMs));
    lag.disable();
    const elapsed = performance.now() - started;
    const bytes = ids.reduce((n, id) => n + client.bytesReceived(id), 0) - before;
    const messages = client.outputMessages - messagesBefore;
    for (const id of ids) client.input(id, Uint8Array.of(CTRL_C));
    clearInterval(acker);
    return {
      sessions,
      durationMs: Math.round(elapsed),
      lagP50Ms: lag.percentile(50) / 1e6,
      lagP99Ms: lag.percentile(99) / 1e6,
      lagMaxMs: lag.max / 1e6,
      megabytesPerSecond: bytes / 1e6 / (elapsed / 1000),
      messagesPerSecond: messages / (elapsed / 1000),
      sandboxInProcess: t.sandboxInProcess,
    };
  } finally {
    client.close();
    await t.stop();
  }
}

/** Types single characters into `cat` on a raw pty and times each until its echo reaches the "renderer". */
export async function measureKeystrokeLatency(options: { samples?: number } = {}): Promise<KeystrokeLatencyResult> {
  const samples = options.samples ?? 200;
  const t = await startBenchApp();
  const client = new TestClient(t.app.router);
  try {
    const { session } = await client.call('sessions', 'open', { target: DEMO_APP.web, cols: 200, rows: 40 });
    const id = session.id;
    await client.untilState(id, 'connected');
    // Raw mode running cat: each keystroke comes straight back, with no line discipline in between.
    client.input(id, "stty raw -echo; printf 'CA''T>'; cat\r");
    await client.untilText(id, 'CAT>');
    const times: number[] = [];
    for (let i = 0; i < samples + KEYSTROKE_WARMUP; i++) {
      const before = client.bytesReceived(id);
      const started = performance.now();
      client.input(id, 'k');
      await client.until('the echo of a keystroke', () => client.bytesReceived(id) > before);
      if (i >= KEYSTROKE_WARMUP) times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return { samples: times.length, p50Ms: percentile(times, 50), p99Ms: percentile(times, 99), maxMs: times.at(-1) ?? 0, sandboxInProcess: t.sandboxInProcess };
  } finally {
    client.close();
    await t.stop();
  }
}
