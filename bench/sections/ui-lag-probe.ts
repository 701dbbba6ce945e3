// Loaded into the web host process with `node --import` by the UI bench (never by the app): it
// samples that process's event-loop delay and answers the bench over the child-process IPC
// channel, so the figure is the real host's loop without adding a request to the app's contract.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export const LAG_PROBE = {
  /** Sampling timer period: fine enough to see a 2 ms stall, cheap enough not to cause one. */
  RESOLUTION_MS: 2,
  /** Set by the bench on the host it starts: importing the module anywhere else (a test worker has an IPC channel too) does nothing. */
  ENABLE_ENV: 'PORTHOLE_BENCH_LAG_PROBE',
} as const;

/** Bench → probe. */
export type LagProbeRequest = { readonly kind: 'reset' } | { readonly kind: 'report' };

/** Probe → bench: delay percentiles in milliseconds since the last reset. */
export interface LagProbeReport {
  readonly kind: 'lag';
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export function isRequest(value: unknown): value is LagProbeRequest {
  if (typeof value !== 'object' || value === null || !('kind' in value)) return false;
  return value.kind === 'reset' || value.kind === 'report';
}

/** Answers one request: a report, or null after a reset. */
export function respond(h: IntervalHistogram, msg: LagProbeRequest): LagProbeReport | null {
  if (msg.kind === 'reset') {
    h.reset();
    return null;
  }
  return { kind: 'lag', p50Ms: h.percentile(50) / 1e6, p99Ms: h.percentile(99) / 1e6, maxMs: h.max / 1e6 };
}

function install(): void {
  const send = process.send?.bind(process);
  if (send === undefined || process.env[LAG_PROBE.ENABLE_ENV] !== '1') return;
  const h = monitorEventLoopDelay({ resolution: LAG_PROBE.RESOLUTION_MS });
  h.enable();
  process.on('message', (msg: unknown) => {
    if (!isRequest(msg)) return;
    const answer = respond(h, msg);
    if (answer !== null) send(answer);
  });
  // The channel must not keep the host alive once the bench stops it.
  process.channel?.unref();
}

install();
