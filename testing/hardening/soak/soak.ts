/**
 * The fault soak (issue 6 part 1): through the sandbox with a lossy, duplicating, reordering link,
 * periodic stalls and websocket kills, push bytes each way through a shell session and through a
 * forward with several connections at once; SHA-256 compared, resumes counted, memory sampled.
 * `npm run soak` runs the long version (soak/cli.ts); soak.soak.test.ts a seconds-long one.
 */
import { startForwardingSandbox } from '../../sessions/forwards/sandbox-forwards.js';
import { currentMemory, settledMemory, type MemorySample } from '../memory/gc.js';
import { forwardSoak, type ForwardSoakResult } from './forward-soak.js';
import { formatLinkStats } from './link-stats.js';
import { FaultSchedule, type FaultScheduleOptions, type FaultScheduleStats } from './schedule.js';
import { shellInputSoak, shellOutputSoak, type ShellSoakResult, type SoakProgress } from './shell-soak.js';

/** The link and timing figures (the long run uses them as they are). */
export const SOAK_FAULTS: FaultScheduleOptions = {
  link: { drop: 0.02, duplicate: 0.02, reorderWindow: 8 },
  killEveryMs: 20_000,
  stallEveryMs: 7_000,
  stallMs: 300,
  seed: 6,
};

/** Progress lines this often when a log is given. */
const DEFAULT_PROGRESS_MS = 10_000;
/** Memory is sampled this often for the peak figure. */
const MEMORY_SAMPLE_MS = 250;
/**
 * "Memory flat": heap plus external buffers after GC may end at most this far above the start.
 * Runs end a few MB up (caches warmed, the sandbox's ended-session records); a leak of frames or
 * sessions over 300 MB moved would be far above it.
 */
export const MAX_RETAINED_GROWTH_MB = 32;

export interface SoakOptions {
  /** Bytes each way through the shell (output and input). */
  readonly shellBytes: number;
  /** Bytes each way through the forward, split across its connections. */
  readonly forwardBytes: number;
  readonly connections: number;
  readonly faults: FaultScheduleOptions;
  /**
   * The emulated agent's pacing (default unpaced: full speed, fast retransmit on). `faithful`
   * reproduces the real agent's 1 ms per frame and RTO-only resend.
   */
  readonly pacing?: 'faithful' | 'unpaced';
  /** Receives a progress line every `progressEveryMs` (long runs; a stuck transfer shows where). */
  readonly log?: (line: string) => void;
  readonly progressEveryMs?: number;
}

export interface SoakReport {
  readonly output: ShellSoakResult;
  readonly input: ShellSoakResult;
  readonly forward: ForwardSoakResult;
  readonly faults: FaultScheduleStats;
  readonly memoryStart: MemorySample;
  readonly memoryPeak: MemorySample;
  readonly memoryEnd: MemorySample;
  readonly seconds: number;
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const fx = await startForwardingSandbox({ pacing: options.pacing ?? 'unpaced' });
  const schedule = new FaultSchedule(fx.harness.gateway.faults, options.faults);
  let peak: MemorySample = { heapMb: 0, rssMb: 0, arrayBuffersMb: 0 };
  const progress: SoakProgress = { outputBytes: 0, inputBytes: 0, inputPendingFrames: 0, forwardBytes: 0 };
  const sampler = setInterval(() => {
    const m = currentMemory();
    peak = { heapMb: Math.max(peak.heapMb, m.heapMb), rssMb: Math.max(peak.rssMb, m.rssMb), arrayBuffersMb: Math.max(peak.arrayBuffersMb, m.arrayBuffersMb) };
  }, MEMORY_SAMPLE_MS);
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  const reporter = options.log
    ? setInterval(() => {
        const m = currentMemory();
        options.log?.(
          `soak: output ${mb(progress.outputBytes)} MB, input ${mb(progress.inputBytes)} MB (${progress.inputPendingFrames} frames unacked), forward ${mb(progress.forwardBytes)} MB; ` +
            `${schedule.stats.kills} kills, ${schedule.stats.stalls} stalls; heap ${m.heapMb.toFixed(0)} MB, RSS ${m.rssMb.toFixed(0)} MB`,
        );
      }, options.progressEveryMs ?? DEFAULT_PROGRESS_MS)
    : undefined;
  try {
    const memoryStart = await settledMemory();
    const started = performance.now();
    schedule.start();
    const [output, input, forward] = await Promise.all([
      shellOutputSoak(fx.harness, options.shellBytes, schedule, progress),
      shellInputSoak(fx.harness, options.shellBytes, schedule, progress),
      forwardSoak(fx, options.forwardBytes, options.connections, schedule, progress),
    ]);
    const seconds = (performance.now() - started) / 1000;
    const faults = { ...schedule.stats };
    schedule.stop();
    const memoryEnd = await settledMemory();
    return { output, input, forward, faults, memoryStart, memoryPeak: peak, memoryEnd, seconds };
  } finally {
    clearInterval(sampler);
    clearInterval(reporter);
    schedule.stop();
    await fx.stop();
  }
}

/** Everything the soak promises, as a list of failures (empty = passed). */
export function soakFailures(r: SoakReport, options: SoakOptions): string[] {
  const failures: string[] = [];
  for (const [name, s] of [['shell output', r.output], ['shell input', r.input]] as const) {
    if (s.bytes !== options.shellBytes) failures.push(`${name}: ${s.bytes} of ${options.shellBytes} bytes`);
    if (s.sentSha256 !== s.receivedSha256) failures.push(`${name}: SHA-256 differs`);
    if (!s.sessionIdKept) failures.push(`${name}: the session was replaced instead of resumed`);
  }
  if (r.forward.intact !== r.forward.connections) failures.push(`forward: ${r.forward.connections - r.forward.intact} of ${r.forward.connections} connections not intact`);
  if (!r.forward.sessionIdKept || r.forward.restarts > 0) failures.push(`forward: the port session was restarted ${r.forward.restarts} times instead of resumed`);
  const retained = (m: MemorySample) => m.heapMb + m.arrayBuffersMb;
  const growth = retained(r.memoryEnd) - retained(r.memoryStart);
  if (growth > MAX_RETAINED_GROWTH_MB) failures.push(`memory: heap + buffers after GC grew ${growth.toFixed(1)} MB (limit ${MAX_RETAINED_GROWTH_MB} MB)`);
  return failures;
}

export function formatSoakReport(r: SoakReport): string {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  const sh = (name: string, s: ShellSoakResult) =>
    `| ${name} | ${mb(s.bytes)} MB | ${s.sentSha256 === s.receivedSha256 ? 'equal' : '**differs**'} | ${s.reconnects} | ${s.sessionIdKept ? 'yes' : '**no**'} | ${s.retransmits} retransmits, ${s.duplicatesDropped} duplicates dropped |`;
  const m = (s: MemorySample) => `${s.heapMb.toFixed(1)} MB heap / ${s.arrayBuffersMb.toFixed(1)} MB buffers / ${s.rssMb.toFixed(0)} MB RSS`;
  return [
    `Soak: ${r.seconds.toFixed(0)} s, ${r.faults.kills} websocket kills, ${r.faults.stalls} stalls.`,
    '',
    '| stream | bytes each way | SHA-256 | reconnects | same session | reliability |',
    '|---|---:|---|---:|---|---|',
    sh('shell output (agent → client)', r.output),
    sh('shell input (client → agent)', r.input),
    `| forward, ${r.forward.connections} connections (echo) | ${mb(r.forward.bytes)} MB | ${r.forward.intact}/${r.forward.connections} equal | — | ${r.forward.sessionIdKept && r.forward.restarts === 0 ? 'yes' : '**no**'} | ${r.forward.restarts} restarts |`,
    '',
    'Link faults and agent recovery per session:',
    `- shell output: ${formatLinkStats(r.output.link)}`,
    `- shell input: ${formatLinkStats(r.input.link)}`,
    `- forward: ${formatLinkStats(r.forward.link)}`,
    '',
    `Memory after GC: start ${m(r.memoryStart)}, end ${m(r.memoryEnd)}; peak while running ${m(r.memoryPeak)} (sandbox in-process).`,
  ].join('\n');
}
