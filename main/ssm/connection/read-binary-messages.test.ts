import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { MessageReader } from './message-reader.js';
import { readBinaryMessages } from './read-binary-messages.js';
import { DataSocket } from './socket.js';
import { WAIT_BOUND_MS } from '../../../testing/vitest/bounded.js';

const payloadOf = (length: number, seed: number) => Buffer.from(Uint8Array.from({ length }, (_, i) => (i * 29 + seed) & 0xff));
/** Sizes in every length class, and larger than one socket read, so messages span chunks. */
const SIZES = [0, 1, 125, 126, 300, 1144, 0xffff, 0x10000, 200_000, 3];

describe('readBinaryMessages on real ws sockets', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));

  async function server(onConnection: (ws: WebSocket) => void): Promise<number> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 1024 * 1024 });
    cleanups.push(() => wss.close());
    wss.on('connection', onConnection);
    await once(wss, 'listening');
    return (wss.address() as { port: number }).port;
  }

  it('takes over this ws version on both sides: binary messages reach the handlers in order, ws still answers pings and reads text', async () => {
    let serverReader: MessageReader | undefined;
    const toServer: Buffer[] = [];
    const serverText: string[] = [];
    let serverWs: WebSocket | undefined;
    const port = await server((ws) => {
      serverWs = ws;
      // The 'connection' event comes from handleUpgrade's callback, before any byte is read.
      serverReader = readBinaryMessages(ws, { maskedFromPeer: true, maxPayload: 1024 * 1024 });
      serverReader?.setHandler((bytes) => toServer.push(Buffer.from(bytes)));
      ws.on('message', (data: Buffer, isBinary) => (isBinary ? toServer.push(Buffer.from('ws took it')) : serverText.push(data.toString())));
    });
    const client = new WebSocket(`ws://127.0.0.1:${port}/`);
    cleanups.push(() => client.terminate());
    const toClient: Buffer[] = [];
    let clientReader: MessageReader | undefined;
    client.once('open', () => {
      clientReader = readBinaryMessages(client, { maskedFromPeer: false, maxPayload: 1024 * 1024 });
      clientReader?.setHandler((bytes) => toClient.push(Buffer.from(bytes)));
    });
    await once(client, 'open');
    expect(serverReader).toBeDefined();
    expect(clientReader).toBeDefined();

    client.send('{"text":"first"}');
    for (const [i, n] of SIZES.entries()) client.send(payloadOf(n, i));
    const pong = once(client, 'ping'); // ws answers by itself; the event proves it parsed the ping
    const serverPong = once(serverWs!, 'pong');
    serverWs!.ping('keepalive');
    for (const [i, n] of SIZES.entries()) serverWs!.send(payloadOf(n, i + 100));
    await pong;
    await serverPong;
    await expect.poll(() => toServer.length, { timeout: WAIT_BOUND_MS }).toBe(SIZES.length);
    await expect.poll(() => toClient.length, { timeout: WAIT_BOUND_MS }).toBe(SIZES.length);
    expect(serverText).toEqual(['{"text":"first"}']);
    expect(toServer.map((b) => b.toString('hex'))).toEqual(SIZES.map((n, i) => payloadOf(n, i).toString('hex')));
    expect(toClient.map((b) => b.toString('hex'))).toEqual(SIZES.map((n, i) => payloadOf(n, i + 100).toString('hex')));
    expect(serverReader?.active).toBe(true);
    expect(clientReader?.active).toBe(true);
  });

  it('DataSocket gets every binary message through the reader and text through ws, in order', async () => {
    const port = await server((ws) => {
      ws.once('message', () => {
        ws.send('a text frame', { binary: false });
        for (const [i, n] of SIZES.entries()) ws.send(payloadOf(n, i));
      });
    });
    const got: Array<{ binary: boolean; hex: string }> = [];
    const socket = await DataSocket.open(
      { streamUrl: `ws://127.0.0.1:${port}/v1/data-channel/s`, tokenValue: 'tok', clientId: 'cid', clientVersion: '1.2.650.0' },
      { message: (bytes, isBinary) => got.push({ binary: isBinary, hex: Buffer.from(bytes).toString('hex') }), closed: () => {} },
    );
    cleanups.push(() => socket.close());
    await expect.poll(() => got.length, { timeout: WAIT_BOUND_MS }).toBe(SIZES.length + 1);
    expect(got[0]).toEqual({ binary: false, hex: Buffer.from('a text frame').toString('hex') });
    expect(got.slice(1)).toEqual(SIZES.map((n, i) => ({ binary: true, hex: payloadOf(n, i).toString('hex') })));
  });

  it('takes nothing over once ws has bytes of a frame (it would start mid-frame)', async () => {
    const port = await server(() => undefined);
    const client = new WebSocket(`ws://127.0.0.1:${port}/`);
    cleanups.push(() => client.terminate());
    await once(client, 'open');
    const receiver = (client as unknown as { _receiver: { write(b: Buffer): boolean } })._receiver;
    receiver.write(Buffer.from([0x82])); // half a header
    expect(readBinaryMessages(client, { maskedFromPeer: false, maxPayload: 1024 })).toBeUndefined();
  });
});
