// Reference for keystroke latency: the same raw-mode `cat` in a local pty of this process — no
// websocket, no second process, no engine. The floor of any terminal on this machine.
import * as pty from 'node-pty';
import { EchoTimer, measureEcho, RAW_CAT_COMMAND, RAW_CAT_READY, type LatencyResult } from '../ssm/bench-hooks.js';

/**
 * A pty started the way the sandbox agent starts a shell session's (shell-plugin.ts: `$SHELL`,
 * else /bin/sh; the environment plus TERM and LANG; raw bytes), with RAW_CAT_COMMAND typed in.
 */
export function spawnRawCatPty(): pty.IPty {
  const term = pty.spawn(process.env['SHELL'] ?? '/bin/sh', [], {
    name: 'xterm-256color',
    cols: 80,
    rows: 24,
    env: { ...process.env, TERM: 'xterm-256color', LANG: process.env['LANG'] ?? 'C.UTF-8' },
    encoding: null,
  });
  term.write(RAW_CAT_COMMAND);
  return term;
}

/** With `encoding: null` node-pty hands over Buffers, whatever its typings say. */
export function ptyText(data: string | Buffer): string {
  return typeof data === 'string' ? data : data.toString('latin1');
}

/** A local pty running raw-mode `cat`, ready for keystrokes; close() kills it. */
export async function openPtyEcho(): Promise<EchoTimer> {
  const term = spawnRawCatPty();
  const timer = new EchoTimer({
    send: (key) => term.write(key),
    onText: (listener) => void term.onData((data: string | Buffer) => listener(ptyText(data))),
    close: async () => term.kill(),
  });
  try {
    await timer.waitForText(RAW_CAT_READY);
  } catch (error) {
    term.kill();
    throw error;
  }
  return timer;
}

export function measurePtyEcho(samples: number): Promise<LatencyResult> {
  return measureEcho(openPtyEcho, samples);
}
