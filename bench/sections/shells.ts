// Issue 8 (main side): event-loop lag of the process running main while 8 sessions flood, and
// keystroke → echo latency through router, shell manager, engine and sandbox. Compiled, the
// sandbox runs as its own process (see bench/sessions/shells/bench-app.ts).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { measureFloodLag, measureKeystrokeLatency } from '../sessions/shells/bench-shells.js';
import type { BenchRow, BenchSection } from '../report.js';
import { measurePtyEcho } from './pty-echo.js';

export const SHELLS_BENCH = {
  /** Issue 8: 8 tabs flooding. */
  FLOOD_SESSIONS: 8,
  /** Long enough for several flow-control pause/resume cycles per session. */
  FLOOD_MS: 5_000,
  /** Idle-loop reference sampled for this long in the same process. */
  IDLE_MS: 2_000,
  KEYSTROKES: 200,
} as const;

async function idleLagP99Ms(ms: number): Promise<number> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  await new Promise((r) => setTimeout(r, ms));
  h.disable();
  return h.percentile(99) / 1e6;
}

export async function benchShells(scale: number): Promise<Omit<BenchSection, 'seconds'>> {
  const idle = await idleLagP99Ms(SHELLS_BENCH.IDLE_MS);
  const flood = await measureFloodLag({ sessions: SHELLS_BENCH.FLOOD_SESSIONS, durationMs: Math.round(SHELLS_BENCH.FLOOD_MS * Math.max(scale, 0.4)) });
  const keys = await measureKeystrokeLatency({ samples: SHELLS_BENCH.KEYSTROKES });
  const pty = await measurePtyEcho(SHELLS_BENCH.KEYSTROKES);
  const where = flood.sandboxInProcess ? 'sandbox in the same process' : 'sandbox in its own process';
  const rows: BenchRow[] = [
    { figure: `main event-loop lag p99, ${flood.sessions} sessions flooding`, value: flood.lagP99Ms, unit: 'ms', baseline: { value: idle, label: 'idle loop, same process' } },
    { figure: 'flood output delivered to the renderer side', value: flood.megabytesPerSecond, unit: 'MB/s' },
    { figure: 'keystroke → echo at the renderer boundary, p50', value: keys.p50Ms, unit: 'ms', baseline: { value: pty.p50Ms, label: 'local pty' } },
    { figure: 'keystroke → echo at the renderer boundary, p99', value: keys.p99Ms, unit: 'ms', baseline: { value: pty.p99Ms, label: 'local pty' } },
  ];
  const detail = [
    `Flood: ${flood.sessions} sessions running \`yes\` for ${flood.durationMs} ms, acked like xterm's write callback; ${where}.`,
    `Event-loop delay p50 ${flood.lagP50Ms.toFixed(2)} ms, p99 ${flood.lagP99Ms.toFixed(2)} ms, max ${flood.lagMaxMs.toFixed(2)} ms; ${flood.messagesPerSecond.toFixed(0)} output messages/s (coalesced).`,
    `Keystrokes: ${keys.samples} samples, p50 ${keys.p50Ms.toFixed(2)} ms, p99 ${keys.p99Ms.toFixed(2)} ms, max ${keys.maxMs.toFixed(2)} ms; ${keys.sandboxInProcess ? 'sandbox in-process' : 'sandbox in its own process'}.`,
    'Renderer frame time and keystroke → screen latency in a real page: see the desktop UI section.',
  ].join('\n');
  return { title: 'Shell sessions through the app (issue 8, main side)', rows, detail };
}
