import { once } from 'node:events';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ForwardManager } from './manager.js';
import type { ForwardStatus, StartPortSession } from './types.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function managerWith(startSession: StartPortSession): ForwardManager {
  const manager = new ForwardManager({ startSession, restartSchedule: { initialMs: 20, factor: 2, maxMs: 100, stableAfterMs: 60_000 } });
  cleanups.push(() => manager.close());
  return manager;
}

function until(manager: ForwardManager, id: string, predicate: (s: ForwardStatus) => boolean): Promise<ForwardStatus> {
  return new Promise((resolve) => {
    const check = () => {
      const s = manager.get(id);
      if (predicate(s)) {
        manager.off('changed', check);
        resolve(s);
      }
    };
    manager.on('changed', check);
    check();
  });
}

const target = { kind: 'instance', instanceId: 'i-0123456789abcdef0' } as const;

describe('ForwardManager without a reachable AWS', () => {
  it('keeps retrying StartSession with backoff and reports why', async () => {
    let calls = 0;
    const manager = managerWith(async (input, spec) => {
      calls++;
      expect(input).toMatchObject({ Target: 'i-0123456789abcdef0', DocumentName: 'AWS-StartPortForwardingSession' });
      expect(spec.profile).toBe('dev');
      throw new Error('TargetNotConnected: i-0123456789abcdef0 is not connected.');
    });
    const f = await manager.create({ target, remotePort: 80, profile: 'dev', region: 'eu-west-1' });
    const s = await until(manager, f.id, (x) => x.restarts >= 3);
    expect(s.state).toBe('restarting');
    expect(s.lastError).toBe('TargetNotConnected: i-0123456789abcdef0 is not connected.');
    expect(calls).toBeGreaterThanOrEqual(3);
    // The listener stays bound meanwhile, so clients keep one address.
    const socket = net.connect(s.localPort!, '127.0.0.1');
    await once(socket, 'connect');
    socket.destroy();
  });

  it('without auto-restart, a failed start leaves the forward failed and its port free', async () => {
    const manager = managerWith(async () => {
      throw new Error('AccessDeniedException: not allowed');
    });
    const f = await manager.create({ target, remotePort: 80, autoRestart: false });
    const s = await until(manager, f.id, (x) => x.state === 'failed');
    expect(s.lastError).toBe('AccessDeniedException: not allowed');
    const rebind = net.createServer().listen(f.localPort, '127.0.0.1');
    await once(rebind, 'listening');
    rebind.close();
  });

  it('creates under a given id (once), and start() brings a stopped forward back on its port', async () => {
    let calls = 0;
    const manager = managerWith(async () => {
      calls++;
      throw new Error('offline');
    });
    const f = await manager.create({ name: 'db', target, remotePort: 5432, autoRestart: false }, { id: 'saved-db' });
    expect(f).toMatchObject({ id: 'saved-db', name: 'db' });
    await expect(manager.create({ target, remotePort: 5432 }, { id: 'saved-db' })).rejects.toMatchObject({ code: 'invalid-spec' });
    await until(manager, f.id, (s) => s.state === 'failed');
    await manager.stop(f.id);
    expect(manager.get(f.id).state).toBe('stopped');
    const before = calls;
    const started = await manager.start(f.id);
    expect(started.localPort).toBeGreaterThan(0);
    await until(manager, f.id, (s) => s.state === 'failed' && calls > before);
    expect((await manager.setAutoRestart(f.id, true)).spec.autoRestart).toBe(true);
    await expect(manager.start('missing')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('Start on a forward whose fixed port another program took leaves it failed on that local problem, without throwing', async () => {
    const manager = managerWith(async () => {
      throw new Error('offline');
    });
    const f = await manager.create({ target, remotePort: 5432, localPort: 0, autoRestart: false });
    const port = f.localPort!;
    await manager.stop(f.id);
    const fixed = await manager.create({ target, remotePort: 5432, localPort: port, autoRestart: false });
    await manager.stop(fixed.id);
    const taker = net.createServer().listen(port, '127.0.0.1');
    await once(taker, 'listening');
    cleanups.push(() => void taker.close());
    const s = await manager.restart(fixed.id);
    expect(s).toMatchObject({ state: 'failed', lastBindProblem: 'port-in-use' });
    expect(s.lastError).toBe(`Local port ${port} on 127.0.0.1 is already in use by another program on this computer.`);
  });

  it('a local port one of its own forwards holds is refused naming that forward, not "another program"', async () => {
    // Sessions never start: with auto-restart on, each forward keeps its listener bound meanwhile.
    const manager = managerWith(async () => {
      throw new Error('offline');
    });
    const db = await manager.create({ target, remotePort: 5432, remoteHost: 'db.internal', localPort: 0 });
    const port = db.localPort!;
    const held = `Local port ${port} on 127.0.0.1 is already used by another of your forwards, the one to db.internal:5432 via i-0123456789abcdef0, listed in Forwards.`;
    await expect(manager.create({ target, remotePort: 22, localPort: port })).rejects.toMatchObject({ code: 'port-in-use', message: held });
    expect(manager.list()).toHaveLength(1);
    // Edit refuses it too, and the edited forward keeps running where it was.
    const ssh = await manager.create({ target, remotePort: 22, name: 'ssh' });
    await expect(manager.edit(ssh.id, { target, remotePort: 22, name: 'ssh', localPort: port })).rejects.toMatchObject({ code: 'port-in-use', message: held });
    expect(manager.get(ssh.id).localPort).toBe(ssh.localPort);
    // A stopped forward with that fixed port, started while the other holds it: failed, in the same words (by name when it has one).
    await manager.edit(db.id, { target, remotePort: 5432, remoteHost: 'db.internal', localPort: port });
    await manager.stop(db.id);
    await manager.edit(ssh.id, { target, remotePort: 22, name: 'ssh', localPort: port });
    const s = await manager.start(db.id);
    expect(s).toMatchObject({ state: 'failed', lastBindProblem: 'port-in-use' });
    expect(s.lastError).toBe(`Local port ${port} on 127.0.0.1 is already used by another of your forwards, “ssh”, listed in Forwards.`);
  });

  it('a forward on a wildcard address holds the port for the addresses it covers, and the reverse: named, not "another program"', async () => {
    const manager = managerWith(async () => {
      throw new Error('offline');
    });
    const heldText = (address: string, port: number) => `Local port ${port} on ${address} is already used by another of your forwards, “wide”, listed in Forwards.`;
    // Held on 0.0.0.0 (every IPv4 address): a new one on 127.0.0.1 is refused naming it.
    const wide = await manager.create({ name: 'wide', target, remotePort: 5432, localAddress: '0.0.0.0', localPort: 0 });
    const port = wide.localPort!;
    await expect(manager.create({ target, remotePort: 22, localAddress: '127.0.0.1', localPort: port })).rejects.toMatchObject({ code: 'port-in-use', message: heldText('127.0.0.1', port) });
    // Held on 127.0.0.1: a new one on 0.0.0.0 would take it too.
    await manager.edit(wide.id, { name: 'wide', target, remotePort: 5432, localAddress: '127.0.0.1', localPort: port });
    await expect(manager.create({ target, remotePort: 22, localAddress: '0.0.0.0', localPort: port })).rejects.toMatchObject({ code: 'port-in-use', message: heldText('0.0.0.0', port) });
    // Held on :: (both families): IPv4 and IPv6 loopback alike.
    await manager.edit(wide.id, { name: 'wide', target, remotePort: 5432, localAddress: '::', localPort: port });
    await expect(manager.create({ target, remotePort: 22, localAddress: '127.0.0.1', localPort: port })).rejects.toMatchObject({ code: 'port-in-use', message: heldText('127.0.0.1', port) });
    await expect(manager.create({ target, remotePort: 22, localAddress: '::1', localPort: port })).rejects.toMatchObject({ code: 'port-in-use', message: heldText('::1', port) });
    expect(manager.list()).toHaveLength(1);
    // 0.0.0.0 covers IPv4 only: a forward on ::1 beside it listens.
    await manager.edit(wide.id, { name: 'wide', target, remotePort: 5432, localAddress: '0.0.0.0', localPort: port });
    const beside = await manager.create({ target, remotePort: 22, localAddress: '::1', localPort: port });
    expect(beside).toMatchObject({ localAddress: '::1', localPort: port });
    expect(beside.state).not.toBe('failed');
  });

  it('an automatic-port forward started again keeps its port: taken meanwhile, it fails saying so instead of moving; Edit… with an empty port then picks a free one', async () => {
    const manager = managerWith(async () => {
      throw new Error('offline');
    });
    const f = await manager.create({ target, remotePort: 8080, localPort: 0 });
    const port = f.localPort!;
    await manager.stop(f.id);
    const taker = net.createServer().listen(port, '127.0.0.1');
    await once(taker, 'listening');
    cleanups.push(() => void taker.close());
    // Another program has it: refused like a fixed port, not quietly moved to a port no client knows.
    for (const s of [await manager.start(f.id), await manager.restart(f.id)]) {
      expect(s).toMatchObject({ state: 'failed', lastBindProblem: 'port-in-use', localPort: port });
      expect(s.lastError).toBe(`Local port ${port} on 127.0.0.1 is already in use by another program on this computer.`);
    }
    // One of its own forwards has it: named as such, by the port it was refused.
    await new Promise((resolve) => taker.close(resolve));
    const ssh = await manager.create({ target, remotePort: 22, name: 'ssh', localPort: port });
    const held = await manager.start(f.id);
    expect(held).toMatchObject({ state: 'failed', lastBindProblem: 'port-in-use' });
    expect(held.lastError).toBe(`Local port ${port} on 127.0.0.1 is already used by another of your forwards, “ssh”, listed in Forwards.`);
    // Asked again for an automatic port, it lets the taken one go and listens on a free one.
    const edited = await manager.edit(f.id, { target, remotePort: 8080, localPort: 0 });
    expect(edited.state).not.toBe('failed');
    expect(edited.localPort).toBeGreaterThan(0);
    expect(edited.localPort).not.toBe(port);
    expect(manager.get(ssh.id).localPort).toBe(port);
  });

  it('rejects an invalid spec with a typed error', async () => {
    const manager = managerWith(async () => {
      throw new Error('unreachable');
    });
    await expect(manager.create({ target, remotePort: 0 })).rejects.toMatchObject({ name: 'ForwardError', code: 'invalid-spec' });
    await expect(manager.stop('nope')).rejects.toMatchObject({ code: 'not-found' });
  });
});
