// A forward never leaks an AWS session: when StartSession succeeded but the data channel could not
// be opened, or the forward was stopped while it was opening, TerminateSession is still called
// for that session. Real sandbox (API, gateway, agent); the token is spoiled to make opens fail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForwardManager } from './manager.js';
import { DEMO_TARGETS, FAST_RECONNECT, FAST_RESTART, startForwardingSandbox, type ForwardingSandbox } from '../../../testing/sessions/forwards/sandbox-forwards.js';
import type { StartPortSession } from './types.js';

let fx: ForwardingSandbox;
beforeAll(async () => {
  fx = await startForwardingSandbox();
});
afterAll(async () => {
  await fx.stop();
});

/** Polls until `cond` holds; generous for a loaded machine. */
async function eventually(cond: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Recorder {
  readonly started: string[];
  readonly terminated: string[];
}

/** The sandbox's StartSession, recording every session started and every TerminateSession sent. */
function recording(spoil: (n: number) => boolean, recorder: Recorder, beforeReturn?: () => Promise<void>): StartPortSession {
  return async (input, spec) => {
    const real = await fx.startSession(input, spec);
    recorder.started.push(real.credentials.sessionId);
    const n = recorder.started.length;
    await beforeReturn?.();
    return {
      // A spoiled token is refused by the gateway, and without ResumeSession the open fails.
      credentials: spoil(n) ? { ...real.credentials, tokenValue: 'spoiled-token' } : real.credentials,
      ...(spoil(n) ? {} : { resumeSession: real.resumeSession }),
      terminateSession: async (sessionId) => {
        recorder.terminated.push(sessionId);
        await real.terminateSession?.(sessionId);
      },
    };
  };
}

function managerWith(startSession: StartPortSession): ForwardManager {
  return new ForwardManager({ startSession, restartSchedule: FAST_RESTART, reconnectBackoff: FAST_RECONNECT });
}

describe('forward session cleanup', () => {
  it('terminates every session whose data channel failed to open, across auto-restarts', async () => {
    const rec: Recorder = { started: [], terminated: [] };
    const manager = managerWith(recording((n) => n <= 2, rec));
    try {
      const f = await manager.create({ target: DEMO_TARGETS.container, remotePort: 9000 });
      await eventually(() => manager.get(f.id).state === 'active', 'the third session to open');
      expect(rec.started).toHaveLength(3);
      await eventually(() => rec.terminated.length >= 2, 'TerminateSession for the two failed opens');
      expect(rec.terminated).toEqual(rec.started.slice(0, 2));
      await manager.stop(f.id);
      expect(rec.terminated).toEqual(rec.started);
    } finally {
      await manager.close();
    }
  });

  it('terminates a session that finished opening after the forward was stopped', async () => {
    const rec: Recorder = { started: [], terminated: [] };
    let id = '';
    // Stop the forward while StartSession is still in flight: its session is then stale.
    const stopDuringStart = async (): Promise<void> => void (await manager.stop(id));
    const manager = managerWith(recording(() => false, rec, stopDuringStart));
    try {
      id = (await manager.create({ target: DEMO_TARGETS.container, remotePort: 9000 })).id;
      await eventually(() => rec.terminated.length === 1, 'TerminateSession for the stale session');
      expect(rec.terminated).toEqual(rec.started);
      expect(manager.get(id).state).toBe('stopped');
    } finally {
      await manager.close();
    }
  });
});
