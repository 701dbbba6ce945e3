/**
 * Baseline for shell output throughput (issue 7), run as its own process: a plain websocket
 * server that sends its first client `count` binary messages of `size` bytes and nothing else —
 * the same direction (server → client, so unmasked), the same process layout (the sender in a
 * process of its own, the receiver in the bench's) and the same message payloads as the engine's
 * output, with no Session Manager protocol. Usage: `raw-output-server.js SIZE COUNT`; prints
 * `{"port":N}` as its first line; SIGTERM, or the end of its stdin, stops it.
 */
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * Bytes ws may hold unsent before the sender waits a turn: enough to keep the socket busy, bounded
 * so the server never holds the whole run in memory (as the engine's flow control bounds its agent).
 */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

const [size, count] = process.argv.slice(2).map(Number);
if (!Number.isSafeInteger(size) || !Number.isSafeInteger(count) || (size ?? 0) <= 0 || (count ?? 0) <= 0) {
  process.stderr.write('usage: raw-output-server.js SIZE COUNT (positive integers)\n');
  process.exit(2);
}

const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
server.on('listening', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: address !== null && typeof address === 'object' ? address.port : 0 })}\n`);
});
server.once('connection', (ws) => void send(ws, Buffer.alloc(size ?? 0, 0), count ?? 0));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
// The bench holds this process's stdin open: once it closes, the bench is gone (finished or killed
// mid-run, e.g. a timed-out test), and nothing would ever stop this server otherwise.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();

async function send(ws: WebSocket, message: Buffer, messages: number): Promise<void> {
  for (let i = 0; i < messages && ws.readyState === ws.OPEN; i++) {
    ws.send(message);
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) await new Promise((resolve) => setImmediate(resolve));
  }
}
