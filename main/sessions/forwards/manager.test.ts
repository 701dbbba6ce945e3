import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ForwardManager } from './manager.js';
import type { ForwardStatus, StartPortSession } from './types.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function managerWith(startSession: StartPortSession): ForwardManager {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'porthole-fwd-'));
  const manager = new ForwardManager({ dataDir, startSession, restartSchedule: { initialMs: 20, factor: 2, maxMs: 100, stableAfterMs: 60_000 } });
  cleanups.push(async () => {
    await manager.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
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
    const rebind = net.createServer().listen(f.localPort!, '127.0.0.1');
    await once(rebind, 'listening');
    rebind.close();
  });

  it('saves, toggles auto-restart and restores one saved forward by id in a new manager', async () => {
    const failing: StartPortSession = async () => {
      throw new Error('offline');
    };
    const dataDir = mkdtempSync(path.join(tmpdir(), 'porthole-fwd-'));
    const first = new ForwardManager({ dataDir, startSession: failing });
    const f = await first.create({ name: 'db', target, remotePort: 5432, remoteHost: 'db.internal' }, { save: true });
    expect((await first.setAutoRestart(f.id, false)).spec.autoRestart).toBe(false);
    await first.close();
    const second = new ForwardManager({ dataDir, startSession: failing });
    cleanups.push(async () => {
      await second.close();
      rmSync(dataDir, { recursive: true, force: true });
    });
    const restored = await second.restore(f.id);
    expect(restored).toMatchObject({ id: f.id, name: 'db', saved: true, remoteHost: 'db.internal', spec: { autoRestart: false } });
    await expect(second.restore('missing')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('rejects an invalid spec with a typed error', async () => {
    const manager = managerWith(async () => {
      throw new Error('unreachable');
    });
    await expect(manager.create({ target, remotePort: 0 })).rejects.toMatchObject({ name: 'ForwardError', code: 'invalid-spec' });
    await expect(manager.stop('nope')).rejects.toMatchObject({ code: 'not-found' });
  });
});
