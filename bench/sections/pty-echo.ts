// Reference for keystroke latency: the same raw-mode `cat` in a local pty of this process — no
// websocket, no second process, no engine. The floor of any terminal on this machine.
import * as pty from 'node-pty';
import { EchoTimer, quantile, RAW_CAT_COMMAND, RAW_CAT_READY } from '../../main/ssm/bench-hooks.js';

/** Keystrokes not counted while the pty and JIT warm up. */
const WARMUP = 20;

export interface PtyEchoResult {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** A local pty running raw-mode `cat`, ready for keystrokes; close() kills it. */
export async function openPtyEcho(): Promise<EchoTimer> {
  const term = pty.spawn('/bin/sh', [], { cols: 80, rows: 24, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', PS1: '$ ' } });
  const timer = new EchoTimer({
    send: (key) => term.write(key),
    onText: (listener) => void term.onData(listener),
    close: async () => term.kill(),
  });
  term.write(RAW_CAT_COMMAND);
  await timer.waitForText(RAW_CAT_READY);
  return timer;
}

export async function measurePtyEcho(samples: number): Promise<PtyEchoResult> {
  const timer = await openPtyEcho();
  try {
    await timer.time(WARMUP);
    const times = await timer.time(samples);
    return { samples: times.length, p50Ms: quantile(times, 0.5), p99Ms: quantile(times, 0.99) };
  } finally {
    await timer.close();
  }
}
