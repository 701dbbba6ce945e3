/**
 * Baseline for keystroke latency (issue 7): a process that relays a plain websocket to a local
 * pty running raw-mode `cat` — the same two process hops every remote shell has (client → the
 * agent's process → the shell and back), with no Session Manager protocol at all. What the
 * engine adds is its figure minus this one. Prints `{"port":N}` as its first line; SIGTERM stops it.
 */
import * as pty from 'node-pty';
import { WebSocketServer } from 'ws';
import { RAW_CAT_COMMAND } from '../../main/ssm/bench-hooks.js';

const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
server.on('listening', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: address !== null && typeof address === 'object' ? address.port : 0 })}\n`);
});
server.on('connection', (ws) => {
  // The same shell and command as the engine's and the local pty's paths.
  const term = pty.spawn('/bin/sh', [], { cols: 80, rows: 24, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', PS1: '$ ' } });
  term.write(RAW_CAT_COMMAND);
  term.onData((text) => ws.send(Buffer.from(text, 'latin1')));
  term.onExit(() => ws.close());
  ws.on('message', (data) => term.write(Buffer.isBuffer(data) ? data.toString('latin1') : String(data)));
  ws.on('close', () => term.kill());
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
