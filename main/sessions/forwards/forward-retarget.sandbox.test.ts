// What a following forward tells its retarget about how new its answer must be: a start, the
// restart after its session ended, and the retry after a start failed on the task it was given need
// news (that task may be gone: an earlier listing would still show it running); a retry after the
// retarget found no ready task may take a recent answer, so such retries do not list the cluster
// each time (clusterTasksNow's freshness window). Following restarts by itself,
// whatever its autoRestart says. Real sessions on the sandbox.
import { TerminateSessionCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForwardManager } from './manager.js';
import type { ForwardStatus } from './types.js';
import { DEMO_TARGETS, FAST_RECONNECT, FAST_RESTART, startForwardingSandbox, type ForwardingSandbox } from '../../../testing/sessions/forwards/sandbox-forwards.js';

let fx: ForwardingSandbox;
beforeAll(async () => {
  fx = await startForwardingSandbox();
});
afterAll(async () => {
  await fx.stop();
});

function until(manager: ForwardManager, id: string, predicate: (s: ForwardStatus) => boolean): Promise<ForwardStatus> {
  return new Promise((resolve) => {
    const check = () => {
      if (!predicate(manager.get(id))) return;
      manager.off('changed', check);
      resolve(manager.get(id));
    };
    manager.on('changed', check);
    check();
  });
}

describe('a following forward asking which task to start on', () => {
  it('asks for news on a start, after its session ended and after a start failed on its task; takes a recent answer after finding none ready', async () => {
    const asked: boolean[] = [];
    let failNext = false;
    let noneReadyNext = false;
    const manager = new ForwardManager({
      startSession: async (input, spec, waiting) => {
        if (failNext) {
          failNext = false;
          throw new Error('TargetNotConnected');
        }
        return fx.startSession(input, spec, waiting);
      },
      restartSchedule: FAST_RESTART,
      reconnectBackoff: FAST_RECONNECT,
      retarget: async (_id, spec, _waiting, fresh) => {
        asked.push(fresh);
        if (noneReadyNext) {
          noneReadyNext = false;
          throw new Error('No task of the service is ready.');
        }
        return spec.target;
      },
    });
    try {
      const f = await manager.create({ target: DEMO_TARGETS.container, remotePort: 9000, follow: { service: 'web' } });
      const first = await until(manager, f.id, (s) => s.state === 'active');
      expect(asked).toEqual([true]);

      // Its session ends; the retarget after it finds no ready task (the retry may take a recent
      // answer), the start on the task the retry gives fails (the next retry needs news), and the
      // one after succeeds.
      noneReadyNext = true;
      failNext = true;
      await fx.harness.ssm.send(new TerminateSessionCommand({ SessionId: first.sessionId! }));
      await until(manager, f.id, (s) => s.state === 'active' && s.sessionId !== first.sessionId);
      expect(asked).toEqual([true, true, false, true]);

      await manager.restart(f.id);
      await until(manager, f.id, (s) => s.state === 'active');
      expect(asked).toEqual([true, true, false, true, true]);
    } finally {
      await manager.close();
    }
  });

  it('restarts by itself after its session ended, with autoRestart false', async () => {
    const manager = new ForwardManager({ startSession: fx.startSession, restartSchedule: FAST_RESTART, reconnectBackoff: FAST_RECONNECT, retarget: async (_id, spec) => spec.target });
    try {
      const f = await manager.create({ target: DEMO_TARGETS.container, remotePort: 9000, autoRestart: false, follow: { service: 'web' } });
      const first = await until(manager, f.id, (s) => s.state === 'active');
      await fx.harness.ssm.send(new TerminateSessionCommand({ SessionId: first.sessionId! }));
      const again = await until(manager, f.id, (s) => s.state === 'failed' || (s.state === 'active' && s.sessionId !== first.sessionId));
      expect(again.state).toBe('active');
      expect(again.localPort).toBe(first.localPort);
    } finally {
      await manager.close();
    }
  });
});
