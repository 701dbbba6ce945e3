// ForwardManager.edit without a reachable AWS: sessions never open, so a running forward's
// listener stays bound while it retries, which is all these tests need to see which port listens.
import { once } from 'node:events';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { localBindText } from '../../../shared/messages/forwards.js';
import { ForwardManager } from './manager.js';
import type { ForwardSpec, StartPortSession } from './types.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const target = { kind: 'instance', instanceId: 'i-0123456789abcdef0' } as const;

/** A manager whose StartSession always fails (the forward keeps listening, retrying); it records the specs it was asked for. */
function offlineManager(): { manager: ForwardManager; asked: ForwardSpec[] } {
  const asked: ForwardSpec[] = [];
  const startSession: StartPortSession = async (_input, spec) => {
    asked.push({ ...spec });
    throw new Error('offline');
  };
  const manager = new ForwardManager({ startSession, restartSchedule: { initialMs: 20, factor: 2, maxMs: 100, stableAfterMs: 60_000 } });
  cleanups.push(() => manager.close());
  return { manager, asked };
}

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Whether a TCP connection to the port is accepted ('open') or refused. */
function connectResult(port: number): Promise<'open' | 'refused'> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('open');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNREFUSED' ? resolve('refused') : reject(error)));
  });
}

describe('ForwardManager.edit', () => {
  it('restarts a running forward on its new local and remote port: the old port closes, its open connection ends', async () => {
    const { manager, asked } = offlineManager();
    const oldPort = await freePort();
    const f = await manager.create({ name: 'db', target, remotePort: 5432, localPort: oldPort });
    const open = net.connect(oldPort, '127.0.0.1');
    await once(open, 'connect');
    const closed = once(open, 'close');

    const newPort = await freePort();
    const edited = await manager.edit(f.id, { name: 'db replica', target, remotePort: 5433, localPort: newPort });
    expect(edited).toMatchObject({ id: f.id, name: 'db replica', localPort: newPort, remotePort: 5433 });
    expect(edited.state).not.toBe('stopped');
    await closed;
    expect(await connectResult(newPort)).toBe('open');
    expect(await connectResult(oldPort)).toBe('refused');
    expect(manager.list().map((s) => s.id)).toEqual([f.id]);
    // Sessions started after the edit are for the new remote port.
    const before = asked.length;
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (asked.length > before) {
          manager.off('changed', check);
          resolve();
        }
      };
      manager.on('changed', check);
      check();
    });
    expect(asked.at(-1)?.remotePort).toBe(5433);
  });

  it('refuses a local port another program holds, in the words the row uses, and leaves the forward running as it was', async () => {
    const { manager } = offlineManager();
    const f = await manager.create({ name: 'web', target, remotePort: 80, localPort: 0 });
    const taker = net.createServer().listen(0, '127.0.0.1');
    await once(taker, 'listening');
    cleanups.push(() => void taker.close());
    const taken = (taker.address() as net.AddressInfo).port;

    const refusal = manager.edit(f.id, { name: 'web', target, remotePort: 8080, localPort: taken });
    await expect(refusal).rejects.toMatchObject({ name: 'ForwardError', code: 'port-in-use', message: localBindText('port-in-use', '127.0.0.1', taken) });
    const after = manager.get(f.id);
    expect(after).toMatchObject({ localPort: f.localPort, remotePort: 80, lastBindProblem: undefined });
    expect(after.spec.localPort).toBe(0);
    expect(after.state).not.toBe('stopped');
    expect(await connectResult(f.localPort!)).toBe('open');
  });

  it('keeps a stopped forward stopped with its new settings; Start then listens on the new port', async () => {
    const { manager } = offlineManager();
    const f = await manager.create({ target, remotePort: 22, localPort: 0 });
    await manager.stop(f.id);
    const newPort = await freePort();
    const edited = await manager.edit(f.id, { target, remotePort: 2222, localPort: newPort });
    expect(edited).toMatchObject({ state: 'stopped', localPort: newPort, remotePort: 2222 });
    expect(await connectResult(newPort)).toBe('refused');
    const started = await manager.start(f.id);
    expect(started.localPort).toBe(newPort);
    expect(await connectResult(newPort)).toBe('open');
  });

  it('takes its own port typed again as a fixed port, and keeps an automatic port when only the remote side changes', async () => {
    const { manager } = offlineManager();
    const f = await manager.create({ target, remotePort: 80, localPort: 0 });
    const same = await manager.edit(f.id, { target, remotePort: 81, localPort: 0 });
    expect(same.localPort).toBe(f.localPort);
    const fixed = await manager.edit(f.id, { target, remotePort: 82, localPort: f.localPort! });
    expect(fixed).toMatchObject({ localPort: f.localPort, remotePort: 82 });
    expect(await connectResult(f.localPort!)).toBe('open');
  });

  it('moves its own port between 127.0.0.1 and 0.0.0.0 (its own listener is not "another program"); a program on the wider address refuses it and it keeps listening as it was', async () => {
    const { manager } = offlineManager();
    const f = await manager.create({ target, remotePort: 80, localAddress: '0.0.0.0', localPort: 0 });
    const port = f.localPort!;
    const narrow = await manager.edit(f.id, { target, remotePort: 80, localAddress: '127.0.0.1', localPort: port });
    expect(narrow).toMatchObject({ localAddress: '127.0.0.1', localPort: port, lastBindProblem: undefined });
    expect(narrow.state).not.toBe('failed');
    const taker = net.createServer().listen(port, '127.0.0.2');
    await once(taker, 'listening');
    cleanups.push(() => void taker.close());
    await expect(manager.edit(f.id, { target, remotePort: 80, localAddress: '0.0.0.0', localPort: port })).rejects.toMatchObject({
      code: 'port-in-use',
      message: localBindText('port-in-use', '0.0.0.0', port),
    });
    expect(manager.get(f.id)).toMatchObject({ localAddress: '127.0.0.1', localPort: port });
    expect(manager.get(f.id).state).not.toBe('failed');
    expect(await connectResult(port)).toBe('open');
  });

  it('starts a forward that failed on its taken local port once it is given a free one', async () => {
    const { manager } = offlineManager();
    const taker = net.createServer().listen(0, '127.0.0.1');
    await once(taker, 'listening');
    cleanups.push(() => void taker.close());
    const taken = (taker.address() as net.AddressInfo).port;
    const f = await manager.create({ target, remotePort: 5432, localPort: taken }, { keepWhenUnbound: true });
    expect(f).toMatchObject({ state: 'failed', lastBindProblem: 'port-in-use' });
    const newPort = await freePort();
    const edited = await manager.edit(f.id, { target, remotePort: 5432, localPort: newPort });
    expect(edited).toMatchObject({ localPort: newPort, lastBindProblem: undefined });
    expect(edited.state).not.toBe('failed');
    expect(await connectResult(newPort)).toBe('open');
  });

  it('refuses an invalid spec or an unknown id with a typed error', async () => {
    const { manager } = offlineManager();
    const f = await manager.create({ target, remotePort: 80 });
    await expect(manager.edit(f.id, { target, remotePort: 70_000 })).rejects.toMatchObject({ code: 'invalid-spec' });
    await expect(manager.edit('missing', { target, remotePort: 80 })).rejects.toMatchObject({ code: 'not-found' });
    expect(manager.get(f.id).remotePort).toBe(80);
  });
});
