// Reference for keystroke latency: the same raw-mode `cat` in a local pty of this process — no
// websocket, no second process, no engine. The floor of any terminal on this machine.
import * as pty from 'node-pty';
import { EchoTimer, measureEcho, RAW_CAT_COMMAND, RAW_CAT_READY, type LatencyResult } from '../../main/ssm/bench-hooks.js';

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

export function measurePtyEcho(samples: number): Promise<LatencyResult> {
  return measureEcho(openPtyEcho, samples);
}
