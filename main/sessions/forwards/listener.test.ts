import { once } from 'node:events';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { ForwardError } from './errors.js';
import { bindListener, bindProblem, closeListener } from './listener.js';

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
    expect(error).toMatchObject({ code: 'port-in-use', message: `Local port ${port} on 127.0.0.1 is already in use by another program on this computer.` });
    await closeListener(blocker);
  });

  it('refuses an address this machine does not have', async () => {
    const error = await bindListener('192.0.2.1', 0, () => undefined).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'address-not-local', message: 'Cannot listen on 192.0.2.1: that address does not belong to this computer.' });
  });

  it('tells each system refusal apart: in use, a privileged port, a forbidden port, a foreign address, anything else', () => {
    expect(bindProblem('EADDRINUSE', 5432)).toBe('port-in-use');
    expect(bindProblem('EACCES', 80)).toBe('port-privileged');
    expect(bindProblem('EACCES', 1023)).toBe('port-privileged');
    expect(bindProblem('EACCES', 1024)).toBe('port-forbidden');
    expect(bindProblem('EADDRNOTAVAIL', 5432)).toBe('address-not-local');
    expect(bindProblem('EINVAL', 5432)).toBe('bind-failed');
    expect(bindProblem(undefined, 5432)).toBe('bind-failed');
  });

  it('keeps listening after a later server error (accept failure) instead of crashing', async () => {
    const seen: string[] = [];
    const server = await bindListener('127.0.0.1', 0, (s) => s.resume().end('still here'), (e) => seen.push(String(e.code)));
    const acceptFailure = Object.assign(new Error('accept EMFILE'), { code: 'EMFILE', syscall: 'accept' });
    // Without a permanent listener this emit throws, as an accept error would in the app.
    for (let i = 0; i < 2; i++) expect(() => server.emit('error', acceptFailure)).not.toThrow();
    expect(seen).toEqual(['EMFILE', 'EMFILE']);
    const client = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
    let text = '';
    client.on('data', (d: Buffer) => (text += d.toString()));
    await once(client, 'end');
    expect(text).toBe('still here');
    await closeListener(server);
  });

  it('logs a later server error by default', async () => {
    const server = await bindListener('127.0.0.1', 0, () => undefined);
    const logged: string[] = [];
    const original = console.error;
    console.error = (line: string) => void logged.push(line);
    try {
      server.emit('error', Object.assign(new Error('accept ENFILE'), { code: 'ENFILE' }));
    } finally {
      console.error = original;
    }
    expect(logged).toEqual(['porthole: a forward listener could not accept a connection (ENFILE); it keeps listening.']);
    await closeListener(server);
  });
});
