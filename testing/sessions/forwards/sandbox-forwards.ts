/**
 * Test and bench support: a real sandbox (API + gateway + emulated agent) and a ForwardManager
 * whose StartSession goes through the sandbox's SSM API, as the app's would through AWS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StartSessionCommand, TerminateSessionCommand } from '@aws-sdk/client-ssm';
import { startHarness, type Harness } from '../../ssm/sandbox-harness.js';
import { runtimeIdFor } from '../../../main/sandbox/world/arns.js';
import type { PortTarget } from '../../../main/ssm/port/index.js';
import { ForwardManager } from '../../../main/sessions/forwards/manager.js';
import type { StartPortSession } from '../../../main/sessions/forwards/types.js';

/** Demo-world targets (main/sandbox/world/demo-world.json). */
export const DEMO_TARGETS = {
  /** demo-web task 0001, container `app`: http on 8080, echo on 9000; current agent (mux). */
  container: {
    kind: 'ecs',
    cluster: 'demo-web',
    taskId: '5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001',
    runtimeId: runtimeIdFor('5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001', 'app'),
  } satisfies PortTarget,
  /** `bastion`: echo on 22, http on 80; reaches the world's remote hosts (intranet.internal:80, db.internal:5432 echo). */
  bastion: { kind: 'instance', instanceId: 'i-0a1b2c3d4e5f60001' } satisfies PortTarget,
  /** `legacy-agent` 3.0.161.0: basic mode (§8.1); http on 80. */
  legacy: { kind: 'instance', instanceId: 'i-0a1b2c3d4e5f60003' } satisfies PortTarget,
} as const;

/** Restart quickly in tests; the production schedule starts at 500 ms. */
export const FAST_RESTART = { initialMs: 50, factor: 2, maxMs: 1_000, stableAfterMs: 60_000 } as const;
/** Reconnect quickly in tests. */
export const FAST_RECONNECT = { INITIAL_DELAY_MS: 20, JITTER_MS: 10, FACTOR: 2, MAX_DELAY_MS: 200, MAX_ATTEMPTS: 6 } as const;

export interface ForwardingSandbox {
  readonly harness: Harness;
  readonly dataDir: string;
  readonly startSession: StartPortSession;
  newManager(): ForwardManager;
  stop(): Promise<void>;
}

export async function startForwardingSandbox(options: { pacing?: 'faithful' | 'unpaced' } = {}): Promise<ForwardingSandbox> {
  const harness = await startHarness({ pacing: options.pacing ?? 'unpaced' });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'porthole-forwards-'));
  const managers: ForwardManager[] = [];
  const startSession: StartPortSession = async (input) => {
    const out = await harness.ssm.send(new StartSessionCommand(input));
    if (!out.SessionId || !out.StreamUrl || !out.TokenValue) throw new Error('StartSession returned no session');
    return {
      credentials: { sessionId: out.SessionId, streamUrl: out.StreamUrl, tokenValue: out.TokenValue },
      resumeSession: harness.resumeSession,
      terminateSession: async (sessionId) => void (await harness.ssm.send(new TerminateSessionCommand({ SessionId: sessionId }))),
    };
  };
  return {
    harness,
    dataDir,
    startSession,
    newManager() {
      const manager = new ForwardManager({ startSession, restartSchedule: FAST_RESTART, reconnectBackoff: FAST_RECONNECT });
      managers.push(manager);
      return manager;
    },
    async stop() {
      await Promise.all(managers.map((m) => m.close()));
      await harness.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
