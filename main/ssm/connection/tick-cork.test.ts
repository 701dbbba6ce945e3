import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TickCork } from './tick-cork.js';

describe('TickCork', () => {
  const cleanup: Array<() => void> = [];
  afterEach(() => cleanup.splice(0).forEach((f) => f()));

  async function pair(): Promise<{ client: Socket; received: () => Buffer }> {
    const chunks: Buffer[] = [];
    const server = createServer((s) => s.on('data', (d) => chunks.push(d)));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
    await once(client, 'connect');
    cleanup.push(() => { client.destroy(); server.close(); });
    return { client, received: () => Buffer.concat(chunks) };
  }

  it('holds the writes of one tick and releases them, in order, before the next', async () => {
    const { client, received } = await pair();
    const cork = new TickCork(client);
    for (let i = 0; i < 50; i++) {
      cork.hold();
      client.write(`${i},`);
    }
    expect(client.writableCorked).toBe(1);
    expect(client.writableLength).toBeGreaterThan(0);
    await new Promise((resolve) => process.nextTick(resolve));
    expect(client.writableCorked).toBe(0);
    const expected = Array.from({ length: 50 }, (_, i) => `${i},`).join('');
    await expect.poll(() => received().toString(), { timeout: 5000 }).toBe(expected);
  });

  it('does not cork a destroyed socket', async () => {
    const { client } = await pair();
    client.destroy();
    new TickCork(client).hold();
    expect(client.writableCorked).toBe(0);
  });
});
