/**
 * Runs an smux session directly over a Node byte stream (a TCP socket, a socket pair), with
 * backpressure both ways: held writes wait for 'drain', and a paused session pauses reading.
 */
import type { Duplex } from 'node:stream';
import { SmuxSession, type SmuxSessionOptions } from './session.js';

export function smuxOverSocket(socket: Duplex, options: Omit<SmuxSessionOptions, 'send'>): SmuxSession {
  const session = new SmuxSession({ ...options, send: (bytes) => socket.write(bytes) });
  socket.on('data', (chunk: Buffer) => session.receive(chunk));
  socket.on('drain', () => session.notifyDrain());
  socket.on('close', () => session.close());
  socket.on('error', () => session.close());
  session.on('inputPaused', () => socket.pause());
  session.on('inputResumed', () => socket.resume());
  session.on('close', () => socket.destroy());
  return session;
}
