// Client side of the raw websocket output baseline (raw-output-server.ts runs in its own process):
// counts the server's messages and times them as the engine's output is timed.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { measureCpu } from './process-cpu.js';
import { firstLinePort, stopServer } from './server-process.js';
import { MB } from './stats.js';

/** The built server: beside this file under dist/, or in dist/ when a test runs this source (vitest). */
const SERVER = fileURLToPath(new URL(import.meta.url.includes('/dist/bench/') ? './raw-output-server.js' : '../../dist/bench/sections/raw-output-server.js', import.meta.url));
/** A run that has not received every message by then fails with what it got instead of hanging the bench (64 MB takes seconds even under load). */
const RUN_TIMEOUT_MS = 120_000;

export interface RawOutputResult {
  /** Messages and bytes received: the whole run, or the run failed. */
  readonly messages: number;
  readonly bytes: number;
  /** The bytes after the first message over the time from the first message to the last (as the engine's stream rate). */
  readonly megabytesPerSecond: number;
  /** CPU seconds of this process (the receiving end) and of the sending process over the run. */
  readonly client: number;
  readonly server: number;
}

/** The built server script (for tests that start it themselves). */
export const RAW_OUTPUT_SERVER = SERVER;

/** `bytes` of output in `messageBytes`-byte binary messages from a websocket server in another process. */
export async function rawWebsocketOutput(bytes: number, messageBytes: number): Promise<RawOutputResult> {
  const count = Math.ceil(bytes / messageBytes);
  // stdin is a pipe the server watches: it exits when this process goes away without stopping it.
  const child = spawn(process.execPath, [SERVER, String(messageBytes), String(count)], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const port = await firstLinePort(child, 'raw output server');
    let got = 0;
    let received = 0;
    let first = 0;
    let last = 0;
    let ws: WebSocket | undefined;
    // Counting starts with the websocket itself: ws may deliver messages that came with the
    // handshake's response before a listener added after awaiting 'open' would run.
    const m = await measureCpu(child.pid ?? Number.NaN, () =>
      new Promise<void>((resolve, reject) => {
        const socket = (ws = new WebSocket(`ws://127.0.0.1:${port}`));
        socket.on('message', (data: Buffer) => {
          last = performance.now();
          received += data.length;
          if (got === 0) first = last;
          if (++got === count) resolve();
        });
        socket.once('error', reject);
        socket.once('close', () => reject(new Error(`the raw websocket closed after ${got} of ${count} messages`)));
        setTimeout(() => reject(new Error(`the raw websocket received ${got} of ${count} messages in ${RUN_TIMEOUT_MS} ms`)), RUN_TIMEOUT_MS).unref();
      }),
    );
    ws?.close();
    const seconds = (last - first) / 1000;
    // The first message arrived at `first`: only the ones after it took `seconds`.
    return { messages: got, bytes: received, megabytesPerSecond: seconds > 0 ? ((count - 1) * messageBytes) / MB / seconds : 0, client: m.client, server: m.sandbox };
  } finally {
    await stopServer(child);
  }
}
