import { once } from 'node:events';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { encodeMaskedBinaryFrame } from './masked-frame.js';
import { DataSocket } from './socket.js';

/** ws's own frame builder (not in its type definitions): the reference for byte-identical output. */
interface WsSender {
  frame(data: Buffer, options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean; generateMask: (mask: Buffer) => void }): Buffer[];
}
const { Sender } = createRequire(import.meta.url)('ws') as { Sender: WsSender };

/** Header length and masking key of an encoded frame, read per RFC 6455 §5.2. */
function parse(frame: Uint8Array): { length: number; key: Buffer; bodyAt: number } {
  const seven = (frame[1] ?? 0) & 0x7f;
  const b = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
  const [length, keyAt] = seven === 126 ? [b.readUInt16BE(2), 4] : seven === 127 ? [Number(b.readBigUInt64BE(2)), 10] : [seven, 2];
  return { length, key: Buffer.from(b.subarray(keyAt, keyAt + 4)), bodyAt: keyAt + 4 };
}

function payloadOf(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff);
}

describe('encodeMaskedBinaryFrame (RFC 6455 §5.2–5.3)', () => {
  // Every length class (7-bit, 16-bit, 64-bit fields) at its edges, and word-tail lengths 0–3.
  const lengths = [0, 1, 2, 3, 4, 5, 7, 125, 126, 127, 1144, 0xffff, 0x10000, 70_001];

  it.each(lengths)('frames %i bytes exactly as ws does with the same masking key', (length) => {
    const payload = payloadOf(length, length);
    const frame = encodeMaskedBinaryFrame(payload);
    const { key, length: declared, bodyAt } = parse(frame);
    expect(declared).toBe(length);
    expect(frame.length).toBe(bodyAt + length);
    const reference = Buffer.concat(Sender.frame(Buffer.from(payload), { fin: true, opcode: 2, mask: true, readOnly: true, rsv1: false, generateMask: (m) => key.copy(m) }));
    expect(Buffer.from(frame).equals(reference)).toBe(true);
  });

  it('unmasks back to the payload from any source offset (unaligned views too)', () => {
    const backing = payloadOf(2000, 9);
    for (const [from, to] of [[1, 1030], [3, 3], [5, 130], [0, 1024]] as const) {
      const payload = backing.subarray(from, to);
      const frame = encodeMaskedBinaryFrame(payload);
      const { key, bodyAt } = parse(frame);
      const body = frame.subarray(bodyAt).map((byte, i) => byte ^ (key[i & 3] ?? 0));
      expect(Buffer.from(body).equals(Buffer.from(payload))).toBe(true);
    }
  });

  it('gives every message a fresh masking key', () => {
    const keys = new Set<string>();
    // Past one refill of the key pool, so the refill path is covered too.
    for (let i = 0; i < 3000; i++) keys.add(parse(encodeMaskedBinaryFrame(payloadOf(8, i))).key.toString('hex'));
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
    const sizes = [0, 1, 125, 126, 1144, 0xffff, 0x10000, 200_000];
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
    await all;
    expect(got[0]?.binary).toBe(false);
    for (const [i, size] of sizes.entries()) {
      expect(got[i + 1]?.binary).toBe(true);
      expect(got[i + 1]?.bytes.equals(Buffer.from(payloadOf(size, i)))).toBe(true);
    }
  });
});
