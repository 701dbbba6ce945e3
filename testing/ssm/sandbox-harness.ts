// Test support: a real sandbox (API + message gateway + emulated agent with real ptys) on
// 127.0.0.1:0, with sessions registered directly so every session kind can be exercised.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SSMClient } from '@aws-sdk/client-ssm';
import { attachGateway, type Gateway, type FaultSpecInput } from '../../main/sandbox/gateway/index.js';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.js';
import { newToken } from '../../main/sandbox/api/sessions.js';
import type { SandboxSessionKind } from '../../main/sandbox/session-registry.js';
import { awsKmsDataKeyProvider, type DataKeyProvider } from '../../main/ssm/crypto/kms.js';
import { ssmResumeSession } from '../../main/ssm/connection/resume-ssm.js';
import type { SessionCredentials } from '../../main/ssm/datachannel/types.js';

/** The demo world's instance and KMS key (main/sandbox/world/demo-world.json). */
export const DEMO = {
  target: 'i-0123456789abcdef0',
  kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/0f6f2d4e-1c3b-4a59-8e7d-2b9a1c0d3e4f',
  /** An agent version above every feature threshold (§8.1). */
  agentVersion: '3.3.987.0',
} as const;

export interface Harness {
  readonly sandbox: Sandbox;
  readonly gateway: Gateway;
  readonly ssm: SSMClient;
  readonly dataKeys: DataKeyProvider;
  readonly resumeSession: (sessionId: string) => Promise<string | undefined>;
  addSession(kind: SandboxSessionKind, options?: { kmsKeyId?: string; faults?: FaultSpecInput }): SessionCredentials & { target: string };
  stop(): Promise<void>;
}

let counter = 0;

export async function startHarness(
  options: {
    pacing?: 'faithful' | 'unpaced';
    shellStartDelayMs?: number;
    /** The agent's shell (default /bin/sh). */ shell?: string;
    /** Confine target shells with bubblewrap (default false: engine tests read and write the target's files from the host). */
    confine?: boolean;
  } = {},
): Promise<Harness> {
  let gateway: Gateway | undefined;
  const sandbox = await startSandbox({
    pacing: options.pacing ?? 'unpaced',
    confine: options.confine ?? false,
    gateway: (server, deps) => (gateway = attachGateway(server, { ...deps, shell: options.shell ?? '/bin/sh', shellStartDelayMs: options.shellStartDelayMs ?? 0 })),
  });
  if (!gateway) throw new Error('the gateway did not attach');
  const gw = gateway;
  const aws = { region: sandbox.region, endpoint: sandbox.endpoint, credentials: { accessKeyId: sandbox.accessKeyId, secretAccessKey: sandbox.secretAccessKey } };
  const ssm = new SSMClient(aws);
  const workdir = mkdtempSync(join(tmpdir(), 'porthole-ssm-'));
  return {
    sandbox,
    gateway: gw,
    ssm,
    dataKeys: awsKmsDataKeyProvider(aws),
    resumeSession: ssmResumeSession(ssm),
    addSession(kind, extra = {}) {
      const sessionId = `porthole-test-${process.pid}-${++counter}`;
      const tokenValue = newToken();
      sandbox.registry.add({
        sessionId,
        target: DEMO.target,
        documentName: 'SSM-SessionManagerRunShell',
        kind,
        tokenValue,
        tokenExpiresAt: Date.now() + 15 * 60_000,
        workdir,
        agentVersion: DEMO.agentVersion,
        state: 'Pending',
        createdAt: Date.now(),
        ...(extra.kmsKeyId ? { kmsKeyId: extra.kmsKeyId } : {}),
      });
      if (extra.faults) gw.faults.set(sessionId, extra.faults);
      const streamUrl = `${sandbox.endpoint.replace('http:', 'ws:')}/v1/data-channel/${sessionId}?role=publish_subscribe`;
      return { sessionId, tokenValue, streamUrl, target: DEMO.target };
    },
    async stop() {
      ssm.destroy();
      await sandbox.stop();
    },
  };
}
