// Loaded into the web host process with `node --import` by the UI bench (never by the app): it
// samples that process's event-loop delay and CPU time and answers the bench over the child-process
// IPC channel, so the figures are the real host's without adding a request to the app's contract.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export const LAG_PROBE = {
  /** Sampling timer period: fine enough to see a 2 ms stall, cheap enough not to cause one. */
  RESOLUTION_MS: 2,
  /** Set by the bench on the host it starts: importing the module anywhere else (a test worker has an IPC channel too) does nothing. */
  ENABLE_ENV: 'PORTHOLE_BENCH_LAG_PROBE',
} as const;

/** Bench → probe. */
export type LagProbeRequest = { readonly kind: 'reset' } | { readonly kind: 'report' };

/** Probe → bench: delay percentiles in milliseconds since the last reset, and the CPU time the host used meanwhile. */
export interface LagProbeReport {
  readonly kind: 'lag';
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** User + system CPU time of the whole host process (all its threads) since the last reset. */
  readonly cpuMs: number;
}

/** What the probe keeps between requests. */
export interface Probe {
  readonly histogram: IntervalHistogram;
  /** The process's CPU usage at the last reset. */
  cpuAtReset: NodeJS.CpuUsage;
}

export function createProbe(histogram: IntervalHistogram): Probe {
  return { histogram, cpuAtReset: process.cpuUsage() };
}

export function isRequest(value: unknown): value is LagProbeRequest {
  if (typeof value !== 'object' || value === null || !('kind' in value)) return false;
  return value.kind === 'reset' || value.kind === 'report';
}

/** Answers one request: a report, or null after a reset. */
export function respond(probe: Probe, msg: LagProbeRequest): LagProbeReport | null {
  const h = probe.histogram;
  if (msg.kind === 'reset') {
    h.reset();
    probe.cpuAtReset = process.cpuUsage();
    return null;
  }
  const cpu = process.cpuUsage(probe.cpuAtReset);
  return { kind: 'lag', p50Ms: h.percentile(50) / 1e6, p99Ms: h.percentile(99) / 1e6, maxMs: h.max / 1e6, cpuMs: (cpu.user + cpu.system) / 1000 };
}

function install(): void {
  const send = process.send?.bind(process);
  if (send === undefined || process.env[LAG_PROBE.ENABLE_ENV] !== '1') return;
  const h = monitorEventLoopDelay({ resolution: LAG_PROBE.RESOLUTION_MS });
  h.enable();
  const probe = createProbe(h);
  process.on('message', (msg: unknown) => {
    if (!isRequest(msg)) return;
    const answer = respond(probe, msg);
    if (answer !== null) send(answer);
  });
  // The channel must not keep the host alive once the bench stops it.
  process.channel?.unref();
}

install();
