// Session Manager's maximum session duration and idle session timeout in the sandbox: a session
// started in a region with the preference is terminated at that many minutes (of life, or without
// client input) with an Output saying why; one without it, or one that ended sooner, is left
// alone. Fake timers on the registry alone (the gateway's handling of the end is tested with real
// sockets in gateway.test.ts and idle-timeout.test.ts); the preferences reaching sessions through
// StartSession are tested against the API below.
import { StartSessionCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SESSION_LIMITS, SessionLimits } from './session-limits.js';
import { SessionRegistry, type SandboxSession } from './session-registry.js';
import { loadDemoWorld } from './world/load.js';
import { SessionPreferences } from './world/schema.js';
import { apiSandbox, clientConfig } from '../../testing/sandbox/api/test-helpers.js';

let n = 0;
function session(maxSessionMinutes?: number, idleSessionMinutes?: number): SandboxSession {
  return {
    sessionId: `limits-${++n}`,
    target: 'i-0123456789abcdef0',
    documentName: 'SSM-SessionManagerRunShell',
    kind: { type: 'Standard_Stream' },
    tokenValue: 't',
    tokenExpiresAt: Number.MAX_SAFE_INTEGER,
    workdir: '/tmp',
    agentVersion: '3.3.987.0',
    state: 'Connected',
    createdAt: Date.now(),
    ...(maxSessionMinutes === undefined ? {} : { maxSessionMinutes }),
    ...(idleSessionMinutes === undefined ? {} : { idleSessionMinutes }),
  };
}

describe('SessionLimits', () => {
  let registry: SessionRegistry;
  let limits: SessionLimits;
  let ended: Array<[string, string]>;
  beforeEach(() => {
    vi.useFakeTimers();
    registry = new SessionRegistry();
    limits = new SessionLimits(registry);
    ended = [];
    registry.on('terminated', (s, _reason, output) => ended.push([s.sessionId, output]));
  });
  afterEach(() => {
    limits.dispose();
    vi.useRealTimers();
  });

  it('terminates a session at its maximum duration with an Output saying so', () => {
    const s = session(2);
    registry.add(s);
    vi.advanceTimersByTime(2 * 60_000 - 1);
    expect(registry.get(s.sessionId)?.state).toBe('Connected');
    vi.advanceTimersByTime(1);
    expect(registry.get(s.sessionId)?.state).toBe('Terminated');
    expect(ended).toEqual([[s.sessionId, SESSION_LIMITS.MAX_DURATION_OUTPUT]]);
  });

  it('leaves a session without the preference, and one that ended first, alone', () => {
    const unlimited = session();
    const endedFirst = session(1);
    registry.add(unlimited);
    registry.add(endedFirst);
    registry.terminate(endedFirst.sessionId, 'Session terminated by TerminateSession.');
    vi.advanceTimersByTime(24 * 60 * 60_000);
    expect(registry.get(unlimited.sessionId)?.state).toBe('Connected');
    expect(ended).toEqual([[endedFirst.sessionId, '']]);
  });

  it('ends a session idle for its idle timeout with AWS\'s inactivity Output; client input starts the wait again', () => {
    const s = session(undefined, 2);
    registry.add(s);
    s.lastActivityAt = Date.now(); // connected
    vi.advanceTimersByTime(90_000);
    s.lastActivityAt = Date.now(); // a key typed 1.5 min in
    vi.advanceTimersByTime(2 * 60_000 - 1);
    expect(registry.get(s.sessionId)?.state).toBe('Connected');
    vi.advanceTimersByTime(1);
    expect(registry.get(s.sessionId)?.state).toBe('Terminated');
    expect(ended).toEqual([[s.sessionId, SESSION_LIMITS.IDLE_OUTPUT]]);
  });

  it('starts the idle clock only when a client connects', () => {
    const s = session(undefined, 1);
    registry.add(s);
    vi.advanceTimersByTime(10 * 60_000 + 30_000);
    expect(ended).toEqual([]);
    s.lastActivityAt = Date.now(); // the client connects 10.5 min after StartSession
    vi.advanceTimersByTime(60_000 - 1);
    expect(ended).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(ended).toEqual([[s.sessionId, SESSION_LIMITS.IDLE_OUTPUT]]);
  });

  it('stops its timers when disposed (sandbox shutdown)', () => {
    const s = session(1, 1);
    registry.add(s);
    s.lastActivityAt = Date.now();
    limits.dispose();
    vi.advanceTimersByTime(60_000);
    expect(registry.get(s.sessionId)?.state).toBe('Connected');
  });
});

describe('the idleSessionTimeout preference through StartSession', () => {
  it("gives StartSession's sessions their region's idle timeout, AWS's 20 minutes where the region sets none", async () => {
    const world = loadDemoWorld();
    const account = world.accounts[0]!;
    const region = account.regions[0]!;
    const set = { ...world, accounts: [{ ...account, regions: [{ ...region, sessionPreferences: { idleSessionTimeout: 45 } }] }] };
    for (const [options, expected] of [
      [{ world: set }, 45],
      [{ world }, SESSION_LIMITS.DEFAULT_IDLE_MINUTES],
      // `porthole sandbox --idle-session-timeout 5`: every region, over the world file's.
      [{ world: set, sessionPreferences: { idleSessionTimeout: 5 } }, 5],
    ] as const) {
      const sb = await apiSandbox(options);
      try {
        const ssm = new SSMClient(clientConfig(sb));
        const started = await ssm.send(new StartSessionCommand({ Target: 'i-0a1b2c3d4e5f60001' }));
        expect(sb.registry.get(started.SessionId!)?.idleSessionMinutes).toBe(expected);
      } finally {
        await sb.stop();
      }
    }
  });

  it('refuses a world file whose idle timeout is outside AWS\'s 1–60 minutes', () => {
    for (const bad of [0, 61, 1.5]) {
      expect(SessionPreferences.safeParse({ idleSessionTimeout: bad }).success).toBe(false);
    }
    expect(SessionPreferences.safeParse({ idleSessionTimeout: 60 }).success).toBe(true);
  });
});

describe('the maxSessionDuration preference through StartSession', () => {
  it("gives StartSession's sessions their region's limit, and none where the region sets none", async () => {
    const world = loadDemoWorld();
    const account = world.accounts[0]!;
    const region = account.regions[0]!;
    const limited = { ...world, accounts: [{ ...account, regions: [{ ...region, sessionPreferences: { maxSessionDuration: 60 } }] }] };
    for (const [options, expected] of [
      [{ world: limited }, 60],
      [{ world }, undefined],
      // `porthole sandbox --max-session-duration 5`: every region, over the world file's.
      [{ world: limited, sessionPreferences: { maxSessionDuration: 5 } }, 5],
    ] as const) {
      const sb = await apiSandbox(options);
      try {
        const ssm = new SSMClient(clientConfig(sb));
        const started = await ssm.send(new StartSessionCommand({ Target: 'i-0a1b2c3d4e5f60001' }));
        expect(sb.registry.get(started.SessionId!)?.maxSessionMinutes).toBe(expected);
      } finally {
        await sb.stop();
      }
    }
  });
});
