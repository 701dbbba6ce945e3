// A stream the peer opens when nobody on this side accepts streams (the Porthole client's port
// engine never does) is refused with FIN and its data discarded, so it can neither grow the
// stream map nor fill the receive limits and stall every other stream. Real TCP socket pair.
import { once } from 'node:events';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { smuxOverSocket } from './socket-transport.js';
import type { SmuxStream } from './stream.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function socketPair(): Promise<[net.Socket, net.Socket]> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const accepted = once(server, 'connection') as Promise<[net.Socket]>;
  const dialled = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
  const [serverSide] = await accepted;
  await once(dialled, 'connect');
  server.close();
  cleanups.push(() => {
    serverSide.destroy();
    dialled.destroy();
  });
  return [serverSide, dialled];
}

async function readAll(stream: SmuxStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  return text;
}

/** Small, so that a few unread peer streams would reach it quickly if they were buffered. */
const SESSION_LIMIT = 64 * 1024;
/** Several times the session limit. */
const FLOOD_BYTES = 512 * 1024;

describe('SmuxSession with no stream listener', () => {
  it('answers a peer SYN with FIN, discards its data, and keeps its own streams flowing', async () => {
    const [a, b] = await socketPair();
    const server = smuxOverSocket(a, { role: 'server', keepAlive: false });
    server.on('stream', (s) => s.pipe(s));
    const client = smuxOverSocket(b, { role: 'client', keepAlive: false, sessionReceiveLimit: SESSION_LIMIT });
    let paused = false;
    client.on('inputPaused', () => (paused = true));

    const unwanted = [server.openStream(), server.openStream(), server.openStream()];
    const refused = unwanted.map((s) => once(s, 'end'));
    for (const s of unwanted) {
      s.resume();
      s.write(Buffer.alloc(FLOOD_BYTES, 0x61));
    }
    await Promise.all(refused);
    expect(client.streamCount).toBe(0);
    expect(paused).toBe(false);

    const mine = client.openStream();
    const echoed = readAll(mine);
    mine.end('still flowing');
    expect(await echoed).toBe('still flowing');
    client.close();
    server.close();
  });
});
