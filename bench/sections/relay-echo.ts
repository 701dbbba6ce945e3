// Client side of the relay baseline (relay-echo-server.ts runs in its own process).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { EchoTimer, RAW_CAT_READY } from '../ssm/bench-hooks.js';

const SERVER = fileURLToPath(new URL('./relay-echo-server.js', import.meta.url));
/** The server prints its port within a second; ten is plenty on a loaded machine. */
const START_TIMEOUT_MS = 10_000;
/** A server that ignores SIGTERM this long is killed outright, so a bench run never hangs on it. */
const STOP_TIMEOUT_MS = 5_000;

/** Starts the relay process, connects, and returns a timer whose close() stops both. */
export async function openRelayEcho(): Promise<EchoTimer> {
  const child = spawn(process.execPath, [SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the relay echo server did not start in time')), START_TIMEOUT_MS);
      createInterface({ input: child.stdout }).once('line', (line) => {
        clearTimeout(timer);
        try {
          resolve((JSON.parse(line) as { port: number }).port);
        } catch (error) {
          reject(new Error(`the relay echo server printed no JSON first line: ${String(error)}`));
        }
      });
      child.once('exit', (code) => reject(new Error(`the relay echo server exited with ${code}`)));
    });
    const ws = new WebSocket(`ws://127.0.0.1:${port}`);
    await once(ws, 'open');
    const timer = new EchoTimer({
      send: (key) => ws.send(Buffer.from(key, 'latin1')),
      onText: (listener) => void ws.on('message', (data) => listener(Buffer.isBuffer(data) ? data.toString('latin1') : '')),
      close: async () => {
        ws.close();
        await stop(child);
      },
    });
    await timer.waitForText(RAW_CAT_READY);
    return timer;
  } catch (error) {
    await stop(child);
    throw error;
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
