/**
 * Baseline for keystroke latency (issue 7): a process that relays a plain websocket to a local
 * pty running raw-mode `cat` — the same two process hops every remote shell has (client → the
 * agent's process → the shell and back), with no Session Manager protocol at all. What the
 * engine adds is its figure minus this one. Prints `{"port":N}` as its first line; SIGTERM stops it.
 */
import { WebSocketServer } from 'ws';
import { spawnRawCatPty } from './pty-echo.js';

const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
server.on('listening', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: address !== null && typeof address === 'object' ? address.port : 0 })}\n`);
});
server.on('connection', (ws) => {
  // The same shell, environment and command as the sandbox agent's shell and the local pty path.
  const term = spawnRawCatPty();
  term.onData((data: string | Buffer) => ws.send(typeof data === 'string' ? Buffer.from(data, 'latin1') : data));
  term.onExit(() => ws.close());
  ws.on('message', (data) => term.write((Buffer.isBuffer(data) ? data : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)])).toString('latin1')));
  ws.on('close', () => term.kill());
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
