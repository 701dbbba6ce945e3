// Test support: the whole app against a fresh sandbox (forced with PORTHOLE_SANDBOX=1) in a
// temporary data directory, plus the demo world's well-known targets.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EcsContainerRef, InstanceRef } from '../../shared/contract/index.js';
import { SANDBOX } from '../../main/sandbox/index.js';
import { runtimeIdFor } from '../../main/sandbox/world/arns.js';
import { startPorthole, type PortholeApp, type PortholeOptions } from '../../main/composition/porthole.js';

const REGION = 'us-east-1';
const TASK = (cluster: string, id: string) => `arn:aws:ecs:${REGION}:123456789012:task/${cluster}/${id}`;
const container = (cluster: string, id: string, name: string): EcsContainerRef => ({
  kind: 'ecs-container',
  profile: SANDBOX.profile,
  region: REGION,
  cluster,
  taskArn: TASK(cluster, id),
  containerName: name,
  runtimeId: runtimeIdFor(id, name),
});

/** Targets of main/sandbox/world/demo-world.json. */
export const DEMO_APP = {
  web: container('demo-web', '5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001', 'app'),
  web2: container('demo-web', '5e1f4a2b9c3d4e5f6a7b8c9d0e1f0002', 'app'),
  /** Its ExecuteCommandAgent is STOPPED with a reason. */
  brokenAgent: container('demo-workers', '5e1f4a2b9c3d4e5f6a7b8c9d0e1f0012', 'worker'),
  instance: { kind: 'instance', profile: SANDBOX.profile, region: REGION, instanceId: 'i-0a1b2c3d4e5f60002' } satisfies InstanceRef,
  /** "onprem-build": a hybrid node (mi-…), known to SSM only. */
  hybrid: { kind: 'instance', profile: SANDBOX.profile, region: REGION, instanceId: 'mi-0a1b2c3d4e5f60006' } satisfies InstanceRef,
} as const;

export interface SandboxApp {
  readonly app: PortholeApp;
  readonly dataDir: string;
  stop(): Promise<void>;
}

export async function startSandboxApp(extra: Partial<Omit<PortholeOptions, 'host' | 'version' | 'dataDir'>> = {}): Promise<SandboxApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'porthole-app-'));
  const app = await startPorthole({
    host: 'web',
    version: '0.0.0-test',
    dataDir,
    env: { PORTHOLE_SANDBOX: '1', HOME: process.env['HOME'] },
    log: () => undefined,
    ...extra,
    // A test's sandbox options (a world of its own, say) go over these.
    sandbox: { pacing: 'unpaced', gateway: { shell: '/bin/sh' }, dir: dataDir, ...extra.sandbox },
  });
  return {
    app,
    dataDir,
    async stop() {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
