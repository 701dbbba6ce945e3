import { once } from 'node:events';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { FRAME_BATCH, FrameBatch } from './frame-batch.js';
import { DataSocket } from './socket.js';

/** ws's own frame builder (not in its type definitions): the reference for byte-identical output. */
interface WsSender {
  frame(data: Buffer, options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean; generateMask?: (mask: Buffer) => void }): Buffer[];
}
const { Sender } = createRequire(import.meta.url)('ws') as { Sender: WsSender };

/** A socket that records every write. */
function recorder(): { socket: { write(chunk: Uint8Array): boolean; destroyed: boolean }; writes: Buffer[] } {
  const writes: Buffer[] = [];
  return { socket: { write: (chunk) => writes.push(Buffer.from(chunk)) > 0, destroyed: false }, writes };
}

/** Splits a byte stream into its websocket frames (RFC 6455 §5.2). */
function frames(stream: Buffer): Array<{ whole: Buffer; masked: boolean; key: Buffer; length: number }> {
  const out: Array<{ whole: Buffer; masked: boolean; key: Buffer; length: number }> = [];
  for (let at = 0; at < stream.length; ) {
    const masked = ((stream[at + 1] ?? 0) & 0x80) !== 0;
    const seven = (stream[at + 1] ?? 0) & 0x7f;
    const [length, lengthBytes] = seven === 126 ? [stream.readUInt16BE(at + 2), 2] : seven === 127 ? [Number(stream.readBigUInt64BE(at + 2)), 8] : [seven, 0];
    const keyAt = at + 2 + lengthBytes;
    const bodyAt = keyAt + (masked ? 4 : 0);
    out.push({ whole: stream.subarray(at, bodyAt + length), masked, key: stream.subarray(keyAt, keyAt + 4), length });
    at = bodyAt + length;
  }
  return out;
}

const tick = () => new Promise((resolve) => process.nextTick(resolve));

function payloadOf(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff);
}

// Every length class (7-bit, 16-bit, 64-bit fields) at its edges, and lengths that leave each
// following message at a different alignment in the batch (so every key rotation is used).
const LENGTHS = [0, 1, 2, 3, 4, 5, 7, 125, 126, 127, 1144, 170, 1023, 0xffff, 0x10000, 70_001, 6];

describe('FrameBatch (RFC 6455 §5.2–5.3)', () => {
  it('writes a tick of masked messages once, each exactly as ws frames it with the same key', async () => {
    const { socket, writes } = recorder();
    const batch = new FrameBatch(socket, true);
    const payloads = LENGTHS.map((n, i) => payloadOf(n, i));
    for (const p of payloads) batch.send(p);
    // Messages bigger than the batch buffer force a new buffer mid-tick: the old part is written first.
    const before = writes.length;
    await tick();
    expect(batch.pendingBytes).toBe(0);
    expect(writes.length).toBeGreaterThan(before);
    const parsed = frames(Buffer.concat(writes));
    expect(parsed.map((f) => f.length)).toEqual(LENGTHS);
    for (const [i, f] of parsed.entries()) {
      expect(f.masked).toBe(true);
      const reference = Buffer.concat(Sender.frame(Buffer.from(payloads[i] ?? []), { fin: true, opcode: 2, mask: true, readOnly: true, rsv1: false, generateMask: (m) => f.key.copy(m) }));
      expect(f.whole.equals(reference)).toBe(true);
    }
  });

  it('writes unmasked messages (server side) exactly as ws frames them', async () => {
    const { socket, writes } = recorder();
    const batch = new FrameBatch(socket, false);
    const payloads = LENGTHS.map((n, i) => payloadOf(n, i + 50));
    for (const p of payloads) batch.send(p);
    await tick();
    const parsed = frames(Buffer.concat(writes));
    expect(parsed.length).toBe(payloads.length);
    for (const [i, f] of parsed.entries()) {
      expect(f.masked).toBe(false);
      expect(f.whole.equals(Buffer.concat(Sender.frame(Buffer.from(payloads[i] ?? []), { fin: true, opcode: 2, mask: false, readOnly: true, rsv1: false })))).toBe(true);
    }
  });

  it('sendParts frames a head and a tail exactly as ws frames them joined, at every key rotation', async () => {
    // Heads of every length mod 4 (each starts the tail at another key byte), short and long
    // tails on both sides of the native masking threshold, and an empty tail.
    const heads = [0, 1, 2, 3, 120, 121, 122, 123];
    const tails = [0, 1, 47, 48, 1024, 1027];
    for (const masked of [true, false]) {
      const { socket, writes } = recorder();
      const batch = new FrameBatch(socket, masked);
      const joined: Buffer[] = [];
      for (const [h, headLength] of heads.entries()) {
        for (const [t, tailLength] of tails.entries()) {
          const head = payloadOf(headLength, h);
          const tail = payloadOf(tailLength, 100 + t);
          batch.sendParts(head, tail);
          joined.push(Buffer.concat([head, tail]));
        }
      }
      await tick();
      const parsed = frames(Buffer.concat(writes));
      expect(parsed.length).toBe(joined.length);
      for (const [i, f] of parsed.entries()) {
        expect(f.masked).toBe(masked);
        const reference = Buffer.concat(Sender.frame(joined[i] ?? Buffer.alloc(0), { fin: true, opcode: 2, mask: masked, readOnly: true, rsv1: false, generateMask: (m) => f.key.copy(m) }));
        expect(f.whole.equals(reference)).toBe(true);
      }
    }
  });

  it('holds small messages until the end of the tick and counts them as pending meanwhile', async () => {
    const { socket, writes } = recorder();
    const batch = new FrameBatch(socket, true);
    for (let i = 0; i < 40; i++) batch.send(payloadOf(1024, i));
    expect(writes.length).toBe(0);
    expect(batch.pendingBytes).toBe(40 * (1024 + 8));
    await tick();
    expect(writes.length).toBeLessThanOrEqual(Math.ceil((40 * (1024 + 8)) / FRAME_BATCH.BUFFER_BYTES));
    expect(Buffer.concat(writes).length).toBe(40 * (1024 + 8));
    batch.send(payloadOf(3, 1));
    batch.flush();
    expect(writes.length).toBeGreaterThan(0);
    expect(batch.pendingBytes).toBe(0);
    const written = writes.length;
    await tick();
    expect(writes.length).toBe(written); // nothing left for the tick's end
  });

  it('never overwrites bytes already handed to the socket', async () => {
    const held: Uint8Array[] = [];
    const batch = new FrameBatch({ write: (chunk) => held.push(chunk) > 0, destroyed: false }, false);
    const copies: Buffer[] = [];
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 30; i++) batch.send(payloadOf(1000, round * 30 + i));
      await tick();
      copies.push(...held.slice(copies.length).map((c) => Buffer.from(c)));
    }
    // The views the socket got (and may still hold) still read what was written into them.
    expect(held.map((c) => Buffer.from(c).toString('hex'))).toEqual(copies.map((c) => c.toString('hex')));
  });

  it('reuses a buffer only once the socket reported every write of it done, and never a buffer it still holds', async () => {
    const held: Array<{ chunk: Uint8Array; copy: Buffer; done?: () => void }> = [];
    const batch = new FrameBatch({ write: (chunk, done) => held.push({ chunk, copy: Buffer.from(chunk), ...(done ? { done: () => done() } : {}) }) > 0, destroyed: false }, true);
    // Three buffers' worth without any write finishing: each is a new ArrayBuffer.
    const perBuffer = Math.floor(FRAME_BATCH.BUFFER_BYTES / (1024 + 8));
    for (let i = 0; i < 3 * perBuffer; i++) batch.send(payloadOf(1024, i));
    await tick();
    const first = new Set(held.map((h) => h.chunk.buffer));
    expect(first.size).toBe(3);
    // Nothing reported done: new messages may not land in any of them.
    for (let i = 0; i < 2 * perBuffer; i++) batch.send(payloadOf(1024, i + 500));
    await tick();
    for (const h of held) expect(Buffer.from(h.chunk).equals(h.copy)).toBe(true);
    const second = held.slice(0).map((h) => h.chunk.buffer);
    expect(new Set(second).size).toBe(5);
    // The socket finishes every write: the filled buffers become spares and are written into again.
    const before = held.length;
    for (const h of held) h.done?.();
    for (let i = 0; i < 3 * perBuffer; i++) batch.send(payloadOf(1024, i + 900));
    await tick();
    const reused = held.slice(before).map((h) => h.chunk.buffer).filter((b) => second.includes(b));
    expect(reused.length).toBeGreaterThan(0);
    // What was sent still reads back as the messages, frame by frame.
    expect(frames(Buffer.concat(held.slice(before).map((h) => h.copy))).length).toBe(3 * perBuffer);
  });

  it('writes nothing to a destroyed socket', async () => {
    const { socket, writes } = recorder();
    const batch = new FrameBatch(socket, true);
    batch.send(payloadOf(10, 1));
    socket.destroyed = true;
    await tick();
    expect(writes.length).toBe(0);
  });

  it('gives every message a fresh masking key', async () => {
    const { socket, writes } = recorder();
    const batch = new FrameBatch(socket, true);
    // Past one refill of the key pool, so the refill path is covered too.
    for (let i = 0; i < 3000; i++) batch.send(payloadOf(8, i));
    await tick();
    const keys = new Set(frames(Buffer.concat(writes)).map((f) => f.key.toString('hex')));
    // 3000 random 32-bit keys: a repeat is possible but rare; a fixed or recycled key is not.
    expect(keys.size).toBeGreaterThan(2990);
  });
});

describe('DataSocket.send through a ws server', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));

  it('delivers binary messages of every size in order, after the OpenDataChannel text frame', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => wss.close());
    await once(wss, 'listening');
    const sizes = [0, 1, 125, 126, 1144, 0xffff, 0x10000, 200_000, 3, 1024];
    const got: Array<{ binary: boolean; bytes: Buffer }> = [];
    const all = new Promise<void>((resolve) => {
      wss.once('connection', (ws: WebSocket) => {
        ws.on('message', (data: Buffer, isBinary) => {
          got.push({ binary: isBinary, bytes: data });
          if (got.length === sizes.length + 1) resolve();
        });
      });
    });
    const { port } = wss.address() as { port: number };
    const socket = await DataSocket.open({ streamUrl: `ws://127.0.0.1:${port}/v1/data-channel/s`, tokenValue: 'tok', clientId: 'cid', clientVersion: '1.2.650.0' }, { message: () => {}, closed: () => {} });
    cleanups.push(() => socket.close());
    for (const [i, size] of sizes.entries()) expect(socket.send(payloadOf(size, i))).toBe(true);
    expect(socket.bufferedAmount).toBeGreaterThan(0); // this tick's batch counts until it is written
    await all;
    expect(got[0]?.binary).toBe(false);
    for (const [i, size] of sizes.entries()) {
      expect(got[i + 1]?.binary).toBe(true);
      expect(got[i + 1]?.bytes.equals(Buffer.from(payloadOf(size, i)))).toBe(true);
    }
  });
});

describe('DataSocket and ws\'s own close reply', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));

  it('writes no data frame after the close frame ws sends in answer to the server\'s (RFC 6455 §5.5.1)', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => wss.close());
    await once(wss, 'listening');
    const raw: Buffer[] = [];
    const clientEnded = new Promise<void>((resolve) => {
      wss.once('connection', (ws: WebSocket, req) => {
        const tcp = req.socket;
        tcp.on('data', (chunk: Buffer) => raw.push(chunk));
        tcp.once('close', () => resolve());
        ws.once('message', () => {
          // A binary message and the close frame in one socket write: the client reads both in one
          // chunk, answers the message (into its batch) and ws answers the close at once.
          tcp.cork();
          ws.send(Buffer.from('last words'));
          ws.close(1000, 'done');
          tcp.uncork();
        });
      });
    });
    const { port } = wss.address() as { port: number };
    let socket: DataSocket | undefined;
    const closed = new Promise<void>((resolve) => {
      void DataSocket.open(
        { streamUrl: `ws://127.0.0.1:${port}/v1/data-channel/s`, tokenValue: 'tok', clientId: 'cid', clientVersion: '1.2.650.0' },
        { message: (bytes, isBinary) => { if (isBinary) socket?.send(payloadOf(300, 7)); }, closed: () => resolve() },
      ).then((s) => {
        socket = s;
        cleanups.push(() => s.close());
      });
    });
    await closed;
    await clientEnded;
    const stream = Buffer.concat(raw);
    // Recorded from the 'connection' event on: the upgrade request is behind us, only frames follow.
    const opcodes = frames(stream).map((f) => (f.whole[0] ?? 0) & 0x0f);
    expect(opcodes).toContain(0x8);
    expect(opcodes.slice(opcodes.indexOf(0x8) + 1).filter((op) => op < 0x8)).toEqual([]);
  });
});
