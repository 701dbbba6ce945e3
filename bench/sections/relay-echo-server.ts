/**
 * Baseline for keystroke latency (issue 7): a process that relays a plain websocket to a local
 * pty running raw-mode `cat` — the same two process hops every remote shell has (client → the
 * agent's process → the shell and back), with no Session Manager protocol at all. What the
 * engine adds is its figure minus this one. Prints `{"port":N}` as its first line; SIGTERM stops it.
 */
import * as pty from 'node-pty';
import { WebSocketServer } from 'ws';

/** Raw mode, no tty echo, then `cat` echoes each byte once; prints CAT> first (split so its echo cannot match). */
const COMMAND = `stty raw -echo; printf 'CA''T>'; exec cat`;

const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
server.on('listening', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: address !== null && typeof address === 'object' ? address.port : 0 })}\n`);
});
server.on('connection', (ws) => {
  const term = pty.spawn('/bin/sh', ['-c', COMMAND], { cols: 80, rows: 24, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' } });
  term.onData((text) => ws.send(Buffer.from(text, 'latin1')));
  term.onExit(() => ws.close());
  ws.on('message', (data) => term.write(Buffer.isBuffer(data) ? data.toString('latin1') : String(data)));
  ws.on('close', () => term.kill());
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
