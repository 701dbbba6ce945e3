// The data-channel websocket refuses an oversized message (and drops the socket) instead of buffering
// whatever the peer sends, while ordinary frames pass. Real websockets on loopback.
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { Connection } from './constants.js';
import { DataSocket } from './socket.js';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

describe('DataSocket message size limit', () => {
  it('takes a message at the limit and drops the socket on one past it', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => {
      for (const c of wss.clients) c.terminate();
      wss.close();
    });
    await new Promise<void>((r) => wss.once('listening', () => r()));
    const peer = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
    const sizes: number[] = [];
    let closedWith: number | undefined;
    const closed = new Promise<void>((resolve) => {
      void DataSocket.open(
        { streamUrl: `ws://127.0.0.1:${(wss.address() as { port: number }).port}/v1/data-channel/s`, tokenValue: 't', clientId: 'c', clientVersion: 'v' },
        {
          message: (bytes) => void sizes.push(bytes.length),
          closed: (code) => {
            closedWith = code;
            resolve();
          },
        },
      ).then((socket) => cleanups.push(() => socket.close()));
    });
    const ws = await peer;
    ws.send(Buffer.alloc(Connection.MAX_PAYLOAD_BYTES));
    ws.send(Buffer.alloc(Connection.MAX_PAYLOAD_BYTES + 1));
    await closed;
    expect(sizes).toEqual([Connection.MAX_PAYLOAD_BYTES]);
    // ws fails the read with 1009; our error handler terminates at once, so the close reads 1006.
    expect([1006, 1009]).toContain(closedWith);
  });
});
