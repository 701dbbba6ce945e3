// A stream the peer opens when nobody on this side accepts streams (the Porthole client's port
// engine never does) is refused with FIN and its data discarded, so it can neither grow the
// stream map nor fill the receive limits and stall every other stream. Real TCP socket pair.
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { socketPair } from '../../../testing/ssm/smux/socket-pair.js';
import { smuxOverSocket } from './socket-transport.js';
import type { SmuxStream } from './stream.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

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
    const [a, b] = await socketPair(cleanups);
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
