import { once } from 'node:events';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { echoBytes, echoStream, matchesEcho } from './bench-traffic.js';

const BLOCK = 64 * 1024 + 7;

describe('bench echo traffic', () => {
  const servers: net.Server[] = [];
  afterEach(() => servers.splice(0).forEach((s) => s.close()));

  it('echoStream repeats one block, and matchesEcho accepts exactly its bytes at any offset and length', () => {
    const stream = echoStream(0, 3 * BLOCK + 100);
    expect(stream.subarray(BLOCK, 2 * BLOCK).equals(stream.subarray(0, BLOCK))).toBe(true);
    for (const [at, length] of [[0, 1], [0, BLOCK], [5, BLOCK], [BLOCK - 3, 10], [100, 2 * BLOCK + 50], [2 * BLOCK + 1, 99]] as const) {
      const slice = Buffer.from(stream.subarray(at, at + length));
      expect(matchesEcho(slice, at)).toBe(true);
      expect(matchesEcho(slice, at + 1)).toBe(false);
      for (const flip of [0, length >> 1, length - 1]) {
        const bad = Buffer.from(slice);
        bad[flip] = (bad[flip] ?? 0) ^ 1;
        expect(matchesEcho(bad, at)).toBe(false);
      }
    }
  });

  async function server(transform: (d: Buffer, at: number) => Buffer): Promise<number> {
    const s = net.createServer((c) => {
      let at = 0;
      c.on('data', (d: Buffer) => {
        c.write(transform(d, at));
        at += d.length;
      });
      c.on('end', () => c.end());
      c.on('error', () => c.destroy()); // the client resets after a mismatch
    });
    servers.push(s);
    s.listen(0, '127.0.0.1');
    await once(s, 'listening');
    return (s.address() as net.AddressInfo).port;
  }

  it('echoBytes moves its bytes through a plain echo server and rejects one changed byte', async () => {
    expect(await echoBytes(await server((d) => d), 300_000)).toBe(300_000);
    const corrupting = await server((d, at) => {
      const out = Buffer.from(d);
      if (at <= 200_000 && at + d.length > 200_000) out[200_000 - at] = (out[200_000 - at] ?? 0) ^ 0x40;
      return out;
    });
    await expect(echoBytes(corrupting, 300_000)).rejects.toThrow(/echo differs/);
  });
});
