// Baseline for keystroke latency: the same raw-mode `cat` in a local pty, no engine, no
// websocket, no sandbox. What the engine adds is its figure minus this one.
import * as pty from 'node-pty';
import { percentile } from './stats.js';

/** Keystrokes not counted while the pty and JIT warm up. */
const WARMUP = 20;
/** A pty that does not answer for this long is broken, not slow. */
const ECHO_TIMEOUT_MS = 10_000;

export interface PtyEchoResult {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export async function measurePtyEcho(samples: number): Promise<PtyEchoResult> {
  const term = pty.spawn('/bin/sh', [], { cols: 80, rows: 24, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', PS1: '$ ' } });
  let seen = '';
  let waiter: (() => void) | undefined;
  const sub = term.onData((d) => {
    seen += d;
    waiter?.();
  });
  const waitFor = (needle: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`local pty did not echo ${JSON.stringify(needle)}`)), ECHO_TIMEOUT_MS);
      const check = () => {
        if (!seen.includes(needle)) return;
        clearTimeout(timer);
        waiter = undefined;
        resolve();
      };
      waiter = check;
      check();
    });
  try {
    term.write(`stty raw -echo; printf 'CA''T>'; cat\r`);
    await waitFor('CAT>');
    const times: number[] = [];
    for (let i = 0; i < samples + WARMUP; i++) {
      seen = '';
      const t0 = performance.now();
      term.write('k');
      await waitFor('k');
      if (i >= WARMUP) times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return { samples: times.length, p50Ms: percentile(times, 50), p99Ms: percentile(times, 99) };
  } finally {
    sub.dispose();
    term.kill();
  }
}
