import { once } from 'node:events';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { ForwardError } from './errors.js';
import { bindListener, closeListener } from './listener.js';

describe('bindListener', () => {
  it('binds an automatic port on 127.0.0.1 and frees it on close', async () => {
    // Accepted sockets start paused (the forward resumes them once a session takes them).
    const server = await bindListener('127.0.0.1', 0, (s) => s.resume().end('hi'));
    const { address, port } = server.address() as net.AddressInfo;
    expect(address).toBe('127.0.0.1');
    const client = net.connect(port, '127.0.0.1');
    client.resume();
    await once(client, 'end');
    await closeListener(server);
    const again = await bindListener('127.0.0.1', port, () => undefined);
    await closeListener(again);
  });

  it('says plainly when the port is already in use', async () => {
    const blocker = await bindListener('127.0.0.1', 0, () => undefined);
    const port = (blocker.address() as net.AddressInfo).port;
    const error = await bindListener('127.0.0.1', port, () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForwardError);
    expect(error).toMatchObject({ code: 'port-in-use', message: `Local port ${port} on 127.0.0.1 is already in use. Pick another port, or leave it empty to choose a free one.` });
    await closeListener(blocker);
  });

  it('refuses an address this machine does not have', async () => {
    const error = await bindListener('192.0.2.1', 0, () => undefined).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'bind-failed' });
  });
});
