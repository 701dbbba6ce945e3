// The websocket keepalive judges the peer only while we read: a paused reader (flow control, a
// backgrounded terminal) cannot see pongs, so it must not take their absence for a dead link.
// A peer that really stops answering is still caught. Real websockets on loopback.
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { DataSocket } from './socket.js';

/** Short enough for a test, long enough that a loopback pong arrives in time on a loaded CI box (150 ms was tight). */
const PING_MS = 400;
/** Several ping intervals: the old code terminated on the second one. */
const PAUSED_FOR_MS = PING_MS * 5;

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function serve(autoPong: boolean): Promise<number> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, autoPong });
  cleanups.push(() => {
    for (const c of wss.clients) c.terminate();
    wss.close();
  });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  return (wss.address() as { port: number }).port;
}

async function open(port: number): Promise<{ socket: DataSocket; closed: () => boolean }> {
  let closed = false;
  const socket = await DataSocket.open(
    { streamUrl: `ws://127.0.0.1:${port}/v1/data-channel/s`, tokenValue: 't', clientId: 'c', clientVersion: 'v', pingIntervalMs: PING_MS },
    { message: () => undefined, closed: () => (closed = true) },
  );
  cleanups.push(() => socket.close());
  return { socket, closed: () => closed };
}

describe('DataSocket keepalive', () => {
  it('keeps the socket through many ping intervals while reading is paused, and after resuming', async () => {
    const { socket, closed } = await open(await serve(true));
    socket.pauseReading();
    await sleep(PAUSED_FOR_MS);
    expect(closed()).toBe(false);
    socket.resumeReading();
    await sleep(PING_MS * 3);
    expect(closed()).toBe(false);
    expect(socket.send(Uint8Array.of(1))).toBe(true);
  });

  it('still closes a socket whose peer stops answering pings while we read', async () => {
    const { closed } = await open(await serve(false));
    const deadline = Date.now() + PING_MS * 20;
    while (!closed() && Date.now() < deadline) await sleep(PING_MS / 3);
    expect(closed()).toBe(true);
  });
});
