// Auto-restart and the restart policy: a failed start the policy says cannot heal stops the
// forward at once (failed, its port freed, saying why); one that may heal is retried until its
// time is up; a passing one is retried for as long as it takes. Start tries again by hand.
import net from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { ForwardManager } from './manager.js';
import type { ForwardStatus, RestartPolicy, RestartVerdict, TargetGone } from './types.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const target = { kind: 'instance', instanceId: 'i-0123456789abcdef0' } as const;

/** A manager whose every start fails, judged `verdict` (or by `policy`); short delays, `mayHealMs` to give up on what may heal. */
function failingManager(verdict: RestartVerdict, mayHealMs: number, policy: RestartPolicy = () => verdict): { manager: ForwardManager; calls: () => number } {
  let calls = 0;
  const manager = new ForwardManager({
    startSession: async () => {
      calls++;
      throw new Error(`start failed (${verdict})`);
    },
    restartSchedule: { initialMs: 5, factor: 2, maxMs: 20, stableAfterMs: 60_000, mayHealGiveUpMs: mayHealMs },
    restartPolicy: policy,
  });
  cleanups.push(() => manager.close());
  return { manager, calls: () => calls };
}

function until(manager: ForwardManager, id: string, predicate: (s: ForwardStatus) => boolean): Promise<ForwardStatus> {
  return new Promise((resolve) => {
    const check = () => {
      const s = manager.get(id);
      if (!predicate(s)) return;
      manager.off('changed', check);
      resolve(s);
    };
    manager.on('changed', check);
    check();
  });
}

async function portIsFree(port: number): Promise<boolean> {
  const server = net.createServer();
  server.listen(port, '127.0.0.1');
  try {
    await once(server, 'listening');
    return true;
  } catch {
    return false;
  } finally {
    server.close();
  }
}

describe('auto-restart with a restart policy', () => {
  it('gives up at once on a failure that cannot heal: failed, port freed, no retry; Start tries again', async () => {
    const { manager, calls } = failingManager('give-up', 60_000);
    const f = await manager.create({ target, remotePort: 80, autoRestart: true });
    const s = await until(manager, f.id, (x) => x.state === 'failed');
    expect(s).toMatchObject({ gaveUp: 'cannot-heal', restarts: 0, lastError: 'start failed (give-up)' });
    expect(calls()).toBe(1);
    expect(await portIsFree(f.localPort!)).toBe(true);
    // By hand: it tries again (and, failing the same way, gives up again).
    await manager.start(f.id);
    await until(manager, f.id, (x) => x.state === 'failed' && calls() === 2);
    expect(manager.get(f.id).gaveUp).toBe('cannot-heal');
  });

  it('retries a failure that may heal, then gives up once its time is over', async () => {
    const { manager, calls } = failingManager('retry-a-while', 40);
    const f = await manager.create({ target, remotePort: 80, autoRestart: true });
    const s = await until(manager, f.id, (x) => x.state === 'failed');
    expect(s.gaveUp).toBe('did-not-heal');
    expect(s.restarts).toBeGreaterThanOrEqual(1);
    expect(calls()).toBe(s.restarts + 1);
  });

  it('keeps retrying a passing failure, however short the time for those that may heal', async () => {
    const { manager } = failingManager('retry', 1);
    const f = await manager.create({ target, remotePort: 80, autoRestart: true });
    const s = await until(manager, f.id, (x) => x.restarts >= 6);
    expect(s.state).toBe('restarting');
    expect(s.gaveUp).toBeUndefined();
  });

  it('without auto-restart, fails as before without saying it gave up (there was nothing to give up)', async () => {
    const { manager } = failingManager('give-up', 60_000);
    const f = await manager.create({ target, remotePort: 80, autoRestart: false });
    const s = await until(manager, f.id, (x) => x.state === 'failed');
    expect(s.gaveUp).toBeUndefined();
  });

  it('gives up at once when the policy, asking AWS, finds the target gone: its reason replaces the call\'s words and advice', async () => {
    const seen: unknown[] = [];
    const policy: RestartPolicy = async (_error, spec) => {
      seen.push(spec.target);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { verdict: 'target-gone', reason: 'The task stopped (Task stopped by user); start the forward on a running task.' };
    };
    const { manager, calls } = failingManager('retry-a-while', 60_000, policy);
    const f = await manager.create({ target, remotePort: 80, autoRestart: true });
    const s = await until(manager, f.id, (x) => x.state === 'failed');
    expect(s).toMatchObject({ gaveUp: 'target-gone', restarts: 0, lastError: 'The task stopped (Task stopped by user); start the forward on a running task.', lastErrorNextStep: undefined });
    expect(calls()).toBe(1);
    expect(seen).toEqual([target]);
    expect(await portIsFree(f.localPort!)).toBe(true);
  });

  it('keeps retrying when the policy itself fails (AWS could not be asked)', async () => {
    const { manager } = failingManager('retry-a-while', 60_000, () => Promise.reject(new Error('DescribeTasks: access denied')));
    const f = await manager.create({ target, remotePort: 80, autoRestart: true });
    const s = await until(manager, f.id, (x) => x.restarts >= 3);
    expect(s.state).toBe('restarting');
    expect(s.gaveUp).toBeUndefined();
    expect(s.lastError).toBe('start failed (retry-a-while)');
  });

  it('a forward stopped while the policy was asking stays stopped, whatever the answer', async () => {
    let answer: (v: RestartVerdict) => void = () => undefined;
    let asked: () => void = () => undefined;
    const wasAsked = new Promise<void>((resolve) => (asked = resolve));
    const policy: RestartPolicy = () =>
      new Promise<RestartVerdict>((resolve) => {
        answer = resolve;
        asked();
      });
    const { manager, calls } = failingManager('give-up', 60_000, policy);
    const f = await manager.create({ target, remotePort: 80, autoRestart: true });
    await wasAsked;
    await manager.stop(f.id);
    answer('give-up');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(manager.get(f.id)).toMatchObject({ state: 'stopped', gaveUp: undefined });
    expect(calls()).toBe(1);
  });

  it('a verdict that arrives after Stop and Start leaves the new run alone: no old reason, no give-up', async () => {
    let answer: (v: RestartVerdict | TargetGone) => void = () => undefined;
    let asked: () => void = () => undefined;
    const wasAsked = new Promise<void>((resolve) => (asked = resolve));
    let calls = 0;
    const manager = new ForwardManager({
      // The first start fails and the policy is asked; the second (the new run) stays starting.
      startSession: () => (++calls === 1 ? Promise.reject(new Error('TargetNotConnected')) : new Promise<never>(() => undefined)),
      restartSchedule: { initialMs: 5, factor: 2, maxMs: 20, stableAfterMs: 60_000, mayHealGiveUpMs: 60_000 },
      restartPolicy: () =>
        new Promise((resolve) => {
          answer = resolve;
          asked();
        }),
    });
    cleanups.push(() => manager.close());
    const f = await manager.create({ target, remotePort: 80, autoRestart: true });
    await wasAsked;
    await manager.stop(f.id);
    await manager.start(f.id);
    expect(calls).toBe(2);
    answer({ verdict: 'target-gone', reason: 'The task stopped (Task stopped by user); start the forward on a running task.' });
    // The old run's continuation is a chain of promise jobs: all of them run before the next macrotask.
    await new Promise((resolve) => setImmediate(resolve));
    expect(manager.get(f.id)).toMatchObject({ state: 'starting', lastError: undefined, lastErrorNextStep: undefined, gaveUp: undefined });
  });
});
