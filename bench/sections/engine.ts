// Issue 7: shell output throughput through the whole engine (sandbox agent unpaced) against a raw
// loopback websocket carrying the same 1 KB payloads the same way (sender in its own process,
// server → client); keystroke → echo latency against the same
// keystroke over a plain websocket relay to a pty in another process (and a local pty, for scale).
import { measureOutputThroughput, openEngineEcho, quantile, type EchoTimer } from '../ssm/bench-hooks.js';
import { AGENT } from '../../main/sandbox/agent/constants.js';
import type { BenchRow, BenchSection } from '../report.js';
import { openPtyEcho } from './pty-echo.js';
import { measureCpu } from './process-cpu.js';
import { rawWebsocketOutput } from './raw-output.js';
import { openRelayEcho } from './relay-echo.js';
import { startStandaloneSandbox } from './standalone-sandbox.js';
import { MB, median } from './stats.js';

export const ENGINE_BENCH = {
  /** Output per throughput run: long enough for a steady rate, short enough to repeat. */
  OUTPUT_BYTES: 32 * MB,
  /** Raw websocket reference size. */
  RAW_WS_BYTES: 64 * MB,
  /**
   * Raw websocket message size: the agent's output chunk (1 KB), so both figures count the same
   * output bytes per message. Each engine message also carries the protocol's 120-byte header;
   * that is the engine's overhead, so the raw messages do not carry it (before, they were the
   * size of a whole frame and all 1,144 bytes were counted, which put 12 % of header into the
   * baseline's MB/s that the engine's figure never counts).
   */
  RAW_WS_MESSAGE_BYTES: AGENT.CHUNK_BYTES,
  /** Runs per figure; the median is reported so one or two disturbed runs do not set it. */
  RUNS: 5,
  /**
   * Runs of each kind (engine and raw) before the counted ones: the first sessions of a process
   * run cold code (JIT, heap growth) on both ends — measured here, the first counted run after a
   * single warm-up was still 20–30 % slower than the rest, for the raw websocket as well — which
   * is start-up cost, not the steady rate a long-lived app sees.
   */
  WARMUP_RUNS: 2,
  /**
   * Keystrokes per echo path, timed in blocks that alternate between the paths so a load change
   * on a shared machine lands on all of them. 3,000 samples make p99 the 30th-worst keystroke:
   * with 1,000 the p99 gap between two paths swung by ±1.5 ms from run to run on this machine.
   */
  ECHO_BLOCKS: 30,
  ECHO_BLOCK_KEYS: 100,
  /**
   * Keystrokes per path before the counted ones (JIT, pty start-up): enough to warm the relay's
   * fresh process as well as the sandbox, whose code the throughput runs have already warmed.
   */
  ECHO_WARMUP_KEYS: 300,
  /** Issue 7: engine output at least half the raw websocket figure. */
  THROUGHPUT_TARGET_RATIO: 0.5,
  /** Issue 7: the engine adds under 2 ms to echo p99 (over the plain websocket relay). */
  ECHO_ADDED_P99_TARGET_MS: 2,
} as const;

export async function benchEngine(scale: number): Promise<Omit<BenchSection, 'seconds'>> {
  const bytes = Math.round(ENGINE_BENCH.OUTPUT_BYTES * scale);
  const sandbox = await startStandaloneSandbox();
  const engine: number[] = [];
  const raw: number[] = [];
  /** Per counted run: the rate from `ready` (start-up included) and the wait before the first byte. */
  const fromReady: number[] = [];
  const waits: number[] = [];
  const cpu = { client: 0, sandbox: 0, rawClient: 0, rawServer: 0, seconds: 0 };
  let echo: EchoFigures;
  try {
    // Engine and raw runs alternate, and each echo figure sits next to its baseline, so a load
    // change on a shared machine moves both sides of a ratio rather than one of them.
    for (let i = 0; i < ENGINE_BENCH.WARMUP_RUNS + ENGINE_BENCH.RUNS; i++) {
      const credentials = await sandbox.start(`head -c ${bytes} /dev/zero`);
      const m = await measureCpu(sandbox.pid, () => measureOutputThroughput({ credentials }));
      const r = m.result;
      if (r.bytes !== bytes) throw new Error(`engine throughput run delivered ${r.bytes} of ${bytes} bytes`);
      const rawRun = await rawWebsocketOutput(Math.round(ENGINE_BENCH.RAW_WS_BYTES * scale), ENGINE_BENCH.RAW_WS_MESSAGE_BYTES);
      if (i < ENGINE_BENCH.WARMUP_RUNS) continue;
      engine.push(r.streamMegabytesPerSecond);
      fromReady.push(r.megabytesPerSecond);
      waits.push(r.waitMs);
      raw.push(rawRun.megabytesPerSecond);
      cpu.client += m.client;
      cpu.sandbox += m.sandbox;
      cpu.rawClient += rawRun.client;
      cpu.rawServer += rawRun.server;
      cpu.seconds += r.ms / 1000;
    }
    const shell = await sandbox.start();
    echo = await measureEcho(await openEngineEcho({ credentials: shell, size: { cols: 80, rows: 24 }, resumeSession: sandbox.resumeSession, terminateSession: sandbox.terminateSession }));
  } finally {
    await sandbox.stop();
  }
  const engineMbps = median(engine);
  const rawMbps = median(raw);
  const { engine: e, relay: r, pty: p } = echo;
  const added = e.p99 - r.p99;
  const rows: BenchRow[] = [
    {
      figure: 'shell output throughput (unpaced agent)',
      value: engineMbps,
      unit: 'MB/s',
      baseline: { value: rawMbps, label: RAW_LABEL },
      target: { text: `≥ ${ENGINE_BENCH.THROUGHPUT_TARGET_RATIO * 100} % of raw`, met: engineMbps >= ENGINE_BENCH.THROUGHPUT_TARGET_RATIO * rawMbps },
    },
    { figure: 'keystroke → echo p50', value: e.p50, unit: 'ms', baseline: { value: r.p50, label: RELAY_LABEL } },
    {
      figure: 'keystroke → echo p99',
      value: e.p99,
      unit: 'ms',
      baseline: { value: r.p99, label: RELAY_LABEL },
      target: { text: `< ${ENGINE_BENCH.ECHO_ADDED_P99_TARGET_MS} ms added (added ${added.toFixed(2)} ms)`, met: added < ENGINE_BENCH.ECHO_ADDED_P99_TARGET_MS },
    },
  ];
  const detail = [
    `Throughput: ${(bytes / MB).toFixed(0)} MB of \`head -c\` output per run, ${ENGINE_BENCH.RUNS} runs after ${ENGINE_BENCH.WARMUP_RUNS} warm-up runs, each followed by a raw websocket run (warm-ups alike), median; timed from the first output byte to the last, as the raw websocket is timed from its first message to its last, and both count the bytes after the first message; runs: ${engine.map((v) => v.toFixed(1)).join(', ')} MB/s (ratio per pair: ${engine.map((v, i) => (v / (raw[i] ?? v)).toFixed(2)).join(', ')}).`,
    `Before the first byte (from the handshake's end): ${waits.map((v) => v.toFixed(0)).join(', ')} ms — the sandbox spawning the command and \`head\` writing all its output to the agent's output file, which is streamed only once the command has exited (NonInteractiveCommands, §7.3); counted in, the runs are ${fromReady.map((v) => v.toFixed(1)).join(', ')} MB/s.`,
    `CPU per MB of output over the counted runs: client (this process: the engine) ${cpuMs(cpu.client, engine.length * bytes)} ms, sandbox (gateway and emulated agent, its own process) ${cpuMs(cpu.sandbox, engine.length * bytes)} ms, busy ${busy(cpu.client, cpu.seconds)} and ${busy(cpu.sandbox, cpu.seconds)} of a core from the handshake's end to the last byte; the raw websocket: receiver (this process) ${cpuMs(cpu.rawClient, ENGINE_BENCH.RUNS * Math.round(ENGINE_BENCH.RAW_WS_BYTES * scale))} ms, sender (its own process) ${cpuMs(cpu.rawServer, ENGINE_BENCH.RUNS * Math.round(ENGINE_BENCH.RAW_WS_BYTES * scale))} ms. CPU time moves far less with the machine's load than MB/s do. Both paths are two processes working on every message at once, so the costlier one sets the pace; with a core each (1000 / its ms per MB) the engine would run at ${ceiling(cpu.client, cpu.sandbox, engine.length * bytes)} MB/s and the raw websocket at ${ceiling(cpu.rawClient, cpu.rawServer, ENGINE_BENCH.RUNS * Math.round(ENGINE_BENCH.RAW_WS_BYTES * scale))} MB/s: the comparison this machine's load leaves alone.`,
    `Raw websocket (${RAW_LABEL}): ${ENGINE_BENCH.RUNS} runs of ${((ENGINE_BENCH.RAW_WS_BYTES * scale) / MB).toFixed(0)} MB in ${ENGINE_BENCH.RAW_WS_MESSAGE_BYTES}-byte messages: ${raw.map((v) => v.toFixed(1)).join(', ')} MB/s. It is laid out as the engine's path is: a ws server in a process of its own sends, this process receives, so the messages go server → client unmasked like the agent's output, and both ends have a core as the engine's two processes do (until this change both ends shared this process and its one core, with the messages masked client → server, and each message was a whole 1,144-byte frame counted in full).`,
    `Echo: ${e.samples} keystrokes per path into raw-mode \`cat\`, in ${ENGINE_BENCH.ECHO_BLOCKS} blocks of ${ENGINE_BENCH.ECHO_BLOCK_KEYS} alternating engine → relay → local pty, after ${ENGINE_BENCH.ECHO_WARMUP_KEYS} warm-up keys on each path. Every path is timed by the same timer, from just before the key is sent to the output listener that sees its echo; for the engine that is its output event, which fires before it sends the ack for that frame.`,
    `Engine (client engine → sandbox gateway and emulated agent → pty; both ends' protocol work — framing, SHA-256, acks — is on this path): p50 ${fmt(e.p50)}, p90 ${fmt(e.p90)}, p99 ${fmt(e.p99)}, max ${fmt(e.max)} ms.`,
    `Plain websocket relay (the same two process hops, no protocol: ${RELAY_LABEL}): p50 ${fmt(r.p50)}, p90 ${fmt(r.p90)}, p99 ${fmt(r.p99)}, max ${fmt(r.max)} ms.`,
    `Local pty in this process (no second process, no socket; the floor of any terminal here): p50 ${fmt(p.p50)}, p90 ${fmt(p.p90)}, p99 ${fmt(p.p99)}, max ${fmt(p.max)} ms — the engine adds ${fmt(e.p99 - p.p99)} ms at p99 over it.`,
    `Added over the relay: p50 ${fmt(e.p50 - r.p50)}, p90 ${fmt(e.p90 - r.p90)}, p99 ${fmt(e.p99 - r.p99)} ms; p99 added in the first and second half of the blocks: ${echo.halves.map(fmt).join(' and ')} ms (the tails of both paths are set by process wake-ups on this 2-core machine, so p99 moves between runs).`,
    'The sandbox (gateway, agent, pty) runs as its own process, reached through its SSM API, so the engine does not share an event loop with it; the echo figures include the emulated agent\'s protocol work, the throughput figures are bounded by both processes sharing two cores.',
  ].join('\n');
  return { title: 'Engine (issue 7)', rows, detail };
}

/** The throughput baseline: the same output over a plain websocket, without the protocol. */
const RAW_LABEL = 'raw loopback websocket, 1 KB messages from another process';

/** The echo baseline: what carrying a keystroke to a remote pty costs without the engine. */
const RELAY_LABEL = 'plain websocket to a pty in another process';

interface EchoStats {
  readonly samples: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

interface EchoFigures {
  readonly engine: EchoStats;
  readonly relay: EchoStats;
  readonly pty: EchoStats;
  /** p99 added over the relay in the first and in the second half of the blocks: the run's own spread. */
  readonly halves: readonly [number, number];
}

const fmt = (ms: number): string => ms.toFixed(2);
/** CPU milliseconds per MB of `bytes`, from CPU seconds. */
const cpuMs = (seconds: number, bytes: number): string => (Number.isNaN(seconds) ? 'n/a' : ((seconds * 1000) / (bytes / MB)).toFixed(1));
/** MB/s the costlier of two processes would allow with a core to itself: 1000 / its CPU ms per MB. */
const ceiling = (a: number, b: number, bytes: number): string => (Number.isNaN(a) || Number.isNaN(b) ? 'n/a' : (bytes / MB / Math.max(a, b)).toFixed(0));
/** CPU seconds over wall seconds, as a share of one core. */
const busy = (seconds: number, wall: number): string => (Number.isNaN(seconds) ? 'n/a' : `${((seconds / wall) * 100).toFixed(0)} %`);

/** Times the engine, the relay and the local pty in alternating blocks; closes all three. */
async function measureEcho(engineEcho: EchoTimer): Promise<EchoFigures> {
  const paths: EchoTimer[] = [engineEcho];
  try {
    paths.push(await openRelayEcho());
    paths.push(await openPtyEcho());
    const times: number[][] = paths.map(() => []);
    for (const path of paths) await path.time(ENGINE_BENCH.ECHO_WARMUP_KEYS);
    for (let block = 0; block < ENGINE_BENCH.ECHO_BLOCKS; block++) {
      for (const [i, path] of paths.entries()) await path.time(ENGINE_BENCH.ECHO_BLOCK_KEYS, times[i]);
    }
    const [engine, relay, pty] = times.map(stats) as [EchoStats, EchoStats, EchoStats];
    const [engineTimes = [], relayTimes = []] = times;
    const half = (t: readonly number[], second: boolean) => (second ? t.slice(t.length / 2) : t.slice(0, t.length / 2));
    const addedIn = (second: boolean) => quantile(half(engineTimes, second), 0.99) - quantile(half(relayTimes, second), 0.99);
    return { engine, relay, pty, halves: [addedIn(false), addedIn(true)] };
  } finally {
    for (const path of paths) await path.close();
  }
}

function stats(times: readonly number[]): EchoStats {
  return { samples: times.length, p50: quantile(times, 0.5), p90: quantile(times, 0.9), p99: quantile(times, 0.99), max: quantile(times, 1) };
}
