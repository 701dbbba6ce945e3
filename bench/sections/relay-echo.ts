// Client side of the relay baseline (relay-echo-server.ts runs in its own process).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { EchoTimer, RAW_CAT_READY } from '../../main/ssm/bench-hooks.js';

const SERVER = fileURLToPath(new URL('./relay-echo-server.js', import.meta.url));
/** The server prints its port within a second; ten is plenty on a loaded machine. */
const START_TIMEOUT_MS = 10_000;

/** Starts the relay process, connects, and returns a timer whose close() stops both. */
export async function openRelayEcho(): Promise<EchoTimer> {
  const child = spawn(process.execPath, [SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the relay echo server did not start in time')), START_TIMEOUT_MS);
      createInterface({ input: child.stdout }).once('line', (line) => {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { port: number }).port);
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
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        await exited;
      },
    });
    await timer.waitForText(RAW_CAT_READY);
    return timer;
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}
