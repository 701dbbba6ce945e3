// Client side of the relay baseline (relay-echo-server.ts runs in its own process).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { EchoTimer, RAW_CAT_READY } from '../ssm/bench-hooks.js';
import { firstLinePort, stopServer } from './server-process.js';

const SERVER = fileURLToPath(new URL('./relay-echo-server.js', import.meta.url));

/** Starts the relay process, connects, and returns a timer whose close() stops both. */
export async function openRelayEcho(): Promise<EchoTimer> {
  const child = spawn(process.execPath, [SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await firstLinePort(child, 'relay echo server');
    const ws = new WebSocket(`ws://127.0.0.1:${port}`);
    await once(ws, 'open');
    const timer = new EchoTimer({
      send: (key) => ws.send(Buffer.from(key, 'latin1')),
      onText: (listener) => void ws.on('message', (data) => listener(Buffer.isBuffer(data) ? data.toString('latin1') : '')),
      close: async () => {
        ws.close();
        await stopServer(child);
      },
    });
    await timer.waitForText(RAW_CAT_READY);
    return timer;
  } catch (error) {
    await stopServer(child);
    throw error;
  }
}
