/**
 * Forward throughput benchmark (issues 4 and 16 §3): 1 and 32 connections, download (target →
 * local) and echo (local → target and back at once), against the sandbox as its own process
 * (reached only through its SSM API, as the app reaches AWS), in its `unpaced` and `faithful`
 * modes. Baselines from the same run and the same sandbox: the engine's shell-output throughput
 * (a NonInteractiveCommands `head -c` through the same client engine) and the raw loopback
 * websocket. Every unpaced figure also reports CPU seconds per MB of the client (this process:
 * engine, smux, the local listener and the bench's own TCP reader) and of the sandbox process
 * (gateway, emulated agent, its smux, the destination server). The bench runner calls
 * `benchForward()` and prints `formatForwardBench()`.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { Offset } from '../../../main/ssm/frame/index.js';
import { PORT } from '../../../main/ssm/port/index.js';
import { ForwardManager } from '../../../main/sessions/forwards/manager.js';
import { DEMO_TARGETS } from '../../../testing/sessions/forwards/sandbox-forwards.js';
import { measureOutputThroughput } from '../../ssm/bench-hooks.js';
import { startStandaloneSandbox, type StandaloneSandbox } from '../../sections/standalone-sandbox.js';
import { measureCpu } from '../../sections/process-cpu.js';
import { MB, median } from '../../sections/stats.js';
import { echoBytes } from './bench-traffic.js';
import { download } from '../../../testing/sessions/forwards/traffic.js';

export const FORWARD_BENCH = {
  /** Bytes per case, split across its connections: enough for a steady rate without a long run. */
  UNPACED_BYTES: 16 * MB,
  /** Faithful mode runs near 1 MB/s by design (the agent's 1 ms per 1024-byte message, §16). */
  FAITHFUL_BYTES: 2 * MB,
  CONNECTION_COUNTS: [1, 32],
  /** Shell output per baseline run: the engine bench's size, so the two sections agree. */
  SHELL_OUTPUT_BYTES: 32 * MB,
  /** Raw websocket reference: this many bytes in messages the size of a full PT 1 frame. */
  RAW_WS_BYTES: 64 * MB,
  /**
   * Counted passes over every unpaced case and baseline, interleaved so a load change on the
   * shared machine moves a figure and its baseline together; the median pass sets each figure.
   */
  RUNS: 3,
  /** Passes before the counted ones: the first sessions of both processes run cold code (JIT, heap growth). */
  WARMUP_RUNS: 1,
  /** Issue 16 §3: forward download at least 60 % of the engine's shell-output throughput. */
  DOWNLOAD_TARGET_RATIO: 0.6,
  /** Issue 16 §3: forward echo at least 50 % of the engine's shell-output throughput. */
  ECHO_TARGET_RATIO: 0.5,
} as const;

export type Pacing = 'unpaced' | 'faithful';
export type BenchDirection = 'download' | 'echo';

/**
 * CPU seconds per MB (per MB each way for echo) of each process over the counted runs, and the
 * share of a core each kept busy meanwhile (CPU seconds over wall seconds).
 */
export interface CpuPerMegabyte {
  readonly client: number;
  readonly sandbox: number;
  readonly clientBusy: number;
  readonly sandboxBusy: number;
}

/**
 * The rate the costlier process would allow with a core to itself: 1 / its CPU seconds per MB.
 * Both processes work on every byte at once (pipelined), so the slower one sets the pace; on
 * this 2-core machine, with both near a full core, this is what bounds a figure.
 */
export function cpuCeiling(cpu: CpuPerMegabyte): number {
  return 1 / Math.max(cpu.client, cpu.sandbox);
}

export interface ForwardBenchResult {
  readonly pacing: Pacing;
  readonly connections: number;
  readonly direction: BenchDirection;
  /** Bytes moved per direction in one run (echo moves this much each way). */
  readonly bytes: number;
  /** MB/s of each counted run, in order. */
  readonly runs: readonly number[];
  /** Median of `runs`. */
  readonly megabytesPerSecond: number;
  readonly cpu: CpuPerMegabyte;
}

export interface ShellBaseline {
  readonly runs: readonly number[];
  readonly megabytesPerSecond: number;
  readonly cpu: CpuPerMegabyte;
}

export interface ForwardBenchReport {
  readonly results: ForwardBenchResult[];
  /** The engine's shell output through the same unpaced sandbox, in the same passes. */
  readonly shell: ShellBaseline;
  /** Loopback websocket, one sender, frame-sized binary messages: the transport's ceiling. */
  readonly rawWebsocketMegabytesPerSecond: number;
}

interface Case {
  readonly connections: number;
  readonly direction: BenchDirection;
}

const CASES: readonly Case[] = FORWARD_BENCH.CONNECTION_COUNTS.flatMap((connections) =>
  (['download', 'echo'] as const).map((direction) => ({ connections, direction })),
);

/** Sums CPU and bytes over runs, for seconds per MB. */
class CpuTally {
  private client = 0;
  private sandbox = 0;
  private megabytes = 0;
  private seconds = 0;
  add(client: number, sandbox: number, bytes: number, seconds: number): void {
    this.client += client;
    this.sandbox += sandbox;
    this.megabytes += bytes / MB;
    this.seconds += seconds;
  }
  perMegabyte(): CpuPerMegabyte {
    return { client: this.client / this.megabytes, sandbox: this.sandbox / this.megabytes, clientBusy: this.client / this.seconds, sandboxBusy: this.sandbox / this.seconds };
  }
}

export async function benchForward(options: { pacings?: Pacing[]; scale?: number; runs?: number } = {}): Promise<ForwardBenchReport> {
  const scale = options.scale ?? 1;
  const runs = options.runs ?? FORWARD_BENCH.RUNS;
  const pacings = options.pacings ?? ['unpaced', 'faithful'];
  const results: ForwardBenchResult[] = [];
  let shell: ShellBaseline = { runs: [], megabytesPerSecond: Number.NaN, cpu: { client: Number.NaN, sandbox: Number.NaN, clientBusy: Number.NaN, sandboxBusy: Number.NaN } };
  const raw: number[] = [];
  for (const pacing of pacings) {
    const total = Math.round((pacing === 'unpaced' ? FORWARD_BENCH.UNPACED_BYTES : FORWARD_BENCH.FAITHFUL_BYTES) * scale);
    const sandbox = await startStandaloneSandbox(pacing);
    const manager = new ForwardManager({ startSession: sandbox.startPortSession });
    try {
      const ports = { download: await activeForward(manager, 8080), echo: await activeForward(manager, 9000) };
      // Faithful mode is paced by design: one pass, no baselines (they are the unpaced agent's).
      const passes = pacing === 'unpaced' ? FORWARD_BENCH.WARMUP_RUNS + runs : 1;
      const counted = pacing === 'unpaced' ? runs : 1;
      const rates = CASES.map(() => [] as number[]);
      const tallies = CASES.map(() => new CpuTally());
      const shellRates: number[] = [];
      const shellTally = new CpuTally();
      for (let pass = 0; pass < passes; pass++) {
        const counts = pass >= passes - counted;
        if (pacing === 'unpaced') {
          const s = await shellOutput(sandbox, Math.round(FORWARD_BENCH.SHELL_OUTPUT_BYTES * scale));
          const r = await rawWebsocketThroughput(Math.round(FORWARD_BENCH.RAW_WS_BYTES * scale));
          if (counts) {
            shellRates.push(s.megabytesPerSecond);
            shellTally.add(s.client, s.sandbox, s.bytes, s.bytes / MB / s.megabytesPerSecond);
            raw.push(r);
          }
        }
        for (const [i, c] of CASES.entries()) {
          const each = Math.floor(total / c.connections);
          const run = () => Promise.all(Array.from({ length: c.connections }, () => (c.direction === 'download' ? download(ports.download, each) : echoBytes(ports.echo, each))));
          const started = performance.now();
          const m = await measureCpu(sandbox.pid, run);
          const seconds = (performance.now() - started) / 1000;
          if (!counts) continue;
          rates[i]!.push((each * c.connections) / MB / seconds);
          tallies[i]!.add(m.client, m.sandbox, each * c.connections, seconds);
        }
      }
      for (const [i, c] of CASES.entries()) {
        const r = rates[i]!;
        results.push({ pacing, ...c, bytes: Math.floor(total / c.connections) * c.connections, runs: r, megabytesPerSecond: median(r), cpu: tallies[i]!.perMegabyte() });
      }
      if (pacing === 'unpaced') shell = { runs: shellRates, megabytesPerSecond: median(shellRates), cpu: shellTally.perMegabyte() };
    } finally {
      await manager.close();
      await sandbox.stop();
    }
  }
  return { results, shell, rawWebsocketMegabytesPerSecond: raw.length > 0 ? median(raw) : await rawWebsocketThroughput(Math.round(FORWARD_BENCH.RAW_WS_BYTES * scale)) };
}

/** One `head -c` shell-output run through the engine, with both processes' CPU. */
async function shellOutput(sandbox: StandaloneSandbox, bytes: number) {
  const credentials = await sandbox.start(`head -c ${bytes} /dev/zero`);
  const m = await measureCpu(sandbox.pid, () => measureOutputThroughput({ credentials }));
  if (m.result.bytes !== bytes) throw new Error(`shell output run delivered ${m.result.bytes} of ${bytes} bytes`);
  return { megabytesPerSecond: m.result.megabytesPerSecond, bytes, client: m.client, sandbox: m.sandbox };
}

async function activeForward(manager: ForwardManager, remotePort: number): Promise<number> {
  const f = await manager.create({ target: DEMO_TARGETS.container, remotePort });
  await new Promise<void>((resolve) => {
    const check = () => manager.get(f.id).state === 'active' && (manager.off('changed', check), resolve());
    manager.on('changed', check);
    check();
  });
  return f.localPort!;
}

/** Sends `bytes` over a loopback websocket in full-PT-1-frame-sized binary messages. */
export async function rawWebsocketThroughput(bytes: number): Promise<number> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  const frame = Buffer.alloc(Offset.Payload + PORT.MAX_PAYLOAD_BYTES, 7);
  const count = Math.ceil(bytes / frame.length);
  const received = new Promise<void>((resolve) => {
    server.once('connection', (ws) => {
      let got = 0;
      ws.on('message', () => ++got === count && resolve());
    });
  });
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  await once(client, 'open');
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    client.send(frame);
    if (client.bufferedAmount > 4 * MB) await new Promise((r) => setImmediate(r));
  }
  await received;
  const seconds = (performance.now() - started) / 1000;
  client.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return (count * frame.length) / MB / seconds;
}

const cpuText = (v: number): string => (Number.isNaN(v) ? 'n/a' : (v * 1000).toFixed(1));
const busyText = (v: number): string => (Number.isNaN(v) ? 'n/a' : `${(v * 100).toFixed(0)}%`);
const ceilingText = (cpu: CpuPerMegabyte): string => {
  const c = cpuCeiling(cpu);
  return Number.isFinite(c) ? c.toFixed(0) : 'n/a';
};

/** What bounds the unpaced rates, from this run's CPU figures (see cpuCeiling). */
function boundsText(report: ForwardBenchReport): string {
  const shell = report.shell;
  const echoes = report.results.filter((r) => r.pacing === 'unpaced' && r.direction === 'echo');
  const parts = echoes.map((r) => {
    const ceiling = cpuCeiling(r.cpu);
    return `${r.connections} conn: ${ceiling.toFixed(0)} MB/s (${((ceiling / cpuCeiling(shell.cpu)) * 100).toFixed(0)} % of shell output's ${cpuCeiling(shell.cpu).toFixed(0)}), measured ${r.megabytesPerSecond.toFixed(1)} with the client ${busyText(r.cpu.clientBusy)} and the sandbox ${busyText(r.cpu.sandboxBusy)} busy`;
  });
  return (
    'What bounds the rates: CPU. Both processes handle every byte at once, so the costlier one sets the pace; the "CPU ceiling" column is the rate it would allow with a core to itself (1000 / its ms per MB), and the busy columns show how much of a core each kept busy, out of the 2 cores this machine shares between them (and whatever else runs). ' +
    'An echoed KB costs each process four websocket messages (its 1 KB frame and the ack of the other side\'s, each way), where shell output costs each one frame and one ack; per message the client writes or checks a SHA-256 digest (the plugin checks every received digest, so Porthole does; the emulated agent, like the real one, checks none) and masks what it sends; each side keeps every payload it sends as given (for resending) and copies it once into its websocket batch, and joins received payloads back into smux frames, and both pay the loopback TCP writes and the garbage the socket buffers make. ' +
    `Echo CPU ceilings in this run: ${parts.join('; ')}. So the echo target (${FORWARD_BENCH.ECHO_TARGET_RATIO * 100} % of shell output) needs the costlier process at or under ${(1000 / (FORWARD_BENCH.ECHO_TARGET_RATIO * shell.megabytesPerSecond)).toFixed(1)} ms per MB each way at this run's shell rate, with both processes near a full core.`
  );
}

export function formatForwardBench(report: ForwardBenchReport): string {
  const raw = report.rawWebsocketMegabytesPerSecond;
  const shell = report.shell;
  // Faithful runs wait on the agent's pacing, not on CPU: no busy shares or ceiling for them.
  const cpuCells = (cpu: CpuPerMegabyte, paced = false) =>
    `${cpuText(cpu.client)} | ${cpuText(cpu.sandbox)} | ${paced ? '—' : busyText(cpu.clientBusy)} | ${paced ? '—' : busyText(cpu.sandboxBusy)} | ${paced ? '—' : ceilingText(cpu)}`;
  const lines = [
    '| pacing | connections | direction | MB (each way) | MB/s (median) | runs, MB/s | vs shell output | vs raw ws | client CPU ms/MB | sandbox CPU ms/MB | client busy | sandbox busy | CPU ceiling MB/s |',
    '|---|---:|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|',
    `| unpaced | — | shell output (baseline) | ${(FORWARD_BENCH.SHELL_OUTPUT_BYTES / MB).toFixed(0)} | ${shell.megabytesPerSecond.toFixed(2)} | ${shell.runs.map((v) => v.toFixed(1)).join(', ')} | 100% | ${((shell.megabytesPerSecond / raw) * 100).toFixed(1)}% | ${cpuCells(shell.cpu)} |`,
    ...report.results.map(
      (r) =>
        `| ${r.pacing} | ${r.connections} | ${r.direction} | ${(r.bytes / MB).toFixed(1)} | ${r.megabytesPerSecond.toFixed(2)} | ${r.runs.map((v) => v.toFixed(1)).join(', ')} | ${((r.megabytesPerSecond / shell.megabytesPerSecond) * 100).toFixed(1)}% | ${((r.megabytesPerSecond / raw) * 100).toFixed(1)}% | ${cpuCells(r.cpu, r.pacing === 'faithful')} |`,
    ),
    '',
    `The sandbox (gateway, emulated agent, destination servers) runs as its own process, reached through its SSM API; forwards are made by a ForwardManager in this process, as the app makes them. Unpaced: ${FORWARD_BENCH.RUNS} passes after ${FORWARD_BENCH.WARMUP_RUNS} warm-up pass, each pass running the shell-output baseline (\`head -c\` through the same engine and sandbox), the raw websocket and every case; figures are medians, CPU is summed over the counted passes. Faithful: one pass (paced by the agent's 1 ms per message, so its CPU figures are not comparable).`,
    'Client CPU is this process: engine, smux, the forward\'s listener, and the bench\'s own local reader and writer (HTTP client for download; for echo one fixed block, stored twice so every write and every comparison of the returned bytes is a view of it). Sandbox CPU is the other process: gateway, agent, its smux and the destination server. Echo figures are per MB each way (the bytes cross each process twice).',
    boundsText(report),
    `Raw loopback websocket (${Offset.Payload + PORT.MAX_PAYLOAD_BYTES}-byte messages, one sender): ${raw.toFixed(1)} MB/s.`,
  ];
  return lines.join('\n');
}
