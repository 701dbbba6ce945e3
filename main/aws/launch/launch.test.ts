// Launch calls against the sandbox API: what the engine receives, and plain errors for broken targets.
import { GenerateDataKeyCommand } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX, type Sandbox } from '../../sandbox/index.js';
import type { ProfileSession } from '../profile-session.js';
import { openSandboxProfile, type SandboxProfile } from '../../../testing/aws/sandbox-profile.js';
import { execCommand, kmsClientFor, resumeSessionFn, startInstanceShell, startPortForward, startSshSession, terminateSession } from './launch.js';
import { PORT_DOCUMENTS } from './types.js';

let sb: SandboxProfile;
let sandbox: Sandbox;
let session: ProfileSession;
const task = (suffix: string, cluster = 'demo-workers') => `arn:aws:ecs:us-east-1:123456789012:task/${cluster}/5e1f4a2b9c3d4e5f6a7b8c9d0e1f${suffix}`;

beforeAll(async () => {
  sb = await openSandboxProfile();
  ({ sandbox, session } = sb);
});
afterAll(() => sb.close());

describe('launch', () => {
  it('starts ECS Exec with /bin/sh and builds the ecs: target from the runtime id', async () => {
    const r = await execCommand(session, { kind: 'ecs-container', cluster: 'demo-web', taskArn: task('0001', 'demo-web'), containerName: 'app' });
    expect(r).toMatchObject({ kind: 'ecs-exec', profile: SANDBOX.profile, region: 'us-east-1', command: '/bin/sh', documentName: null });
    expect(r.sessionId).toMatch(/^ecs-execute-command-/);
    expect(r.streamUrl).toBe(`${sandbox.endpoint.replace('http', 'ws')}/v1/data-channel/${r.sessionId}?role=publish_subscribe`);
    expect(r.target).toMatch(/^ecs:demo-web_5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001_5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001-\d{10}$/);
    expect(sandbox.registry.get(r.sessionId)?.target).toBeDefined();
  });

  it('says plainly when exec is not enabled or the agent is not connected', async () => {
    await expect(execCommand(session, { kind: 'ecs-container', cluster: 'demo-workers', taskArn: task('0011'), containerName: 'worker' })).rejects.toMatchObject({ code: 'exec-not-enabled' });
    // A stopped exec agent gets the same "not enabled / agent isn't running" answer from ECS.
    await expect(execCommand(session, { kind: 'ecs-container', cluster: 'demo-workers', taskArn: task('0012'), containerName: 'worker' })).rejects.toMatchObject({ code: 'exec-not-enabled' });
    // Read-only root filesystem: the agent never registers, ECS says TargetNotConnected.
    await expect(execCommand(session, { kind: 'ecs-container', cluster: 'demo-workers', taskArn: task('0014'), containerName: 'hardened' })).rejects.toMatchObject({ code: 'target-not-connected', message: 'The container is not connected to Session Manager, so no session could start.' });
  });

  it('starts instance shells, and refuses a ConnectionLost instance in plain words', async () => {
    const r = await startInstanceShell(session, { kind: 'instance', instanceId: 'i-0a1b2c3d4e5f60001' });
    expect(r).toMatchObject({ kind: 'instance-shell', target: 'i-0a1b2c3d4e5f60001', documentName: null });
    await expect(startInstanceShell(session, { kind: 'instance', instanceId: 'i-0a1b2c3d4e5f60004' })).rejects.toMatchObject({ code: 'target-not-connected' });
  });

  it('starts port sessions to instances and containers with the right documents and parameters', async () => {
    const local = await startPortForward(session, { kind: 'instance', instanceId: 'i-0a1b2c3d4e5f60002' }, { remotePort: 8080, localPort: 18080 });
    expect(local).toMatchObject({ kind: 'port-forward', documentName: PORT_DOCUMENTS.LOCAL });
    const container = { kind: 'ecs-container', cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/demo-web', taskArn: task('0001', 'demo-web'), containerName: 'app' } as const;
    const toContainer = await startPortForward(session, container, { remotePort: 9000 });
    expect(toContainer.target).toMatch(/^ecs:demo-web_/);
    const remote = await startPortForward(session, container, { remotePort: 5432, remoteHost: 'db.internal' });
    expect(remote).toMatchObject({ kind: 'port-forward-remote', documentName: PORT_DOCUMENTS.REMOTE_HOST });
    const ssh = await startSshSession(session, { kind: 'instance', instanceId: 'i-0a1b2c3d4e5f60001' });
    expect(ssh).toMatchObject({ kind: 'ssh', documentName: PORT_DOCUMENTS.SSH });
    for (const r of [local, toContainer, remote, ssh]) expect(sandbox.registry.get(r.sessionId)).toBeDefined();
  });

  it('terminates sessions; resuming a terminated one reports it gone', async () => {
    const r = await startInstanceShell(session, { kind: 'instance', instanceId: 'i-0a1b2c3d4e5f60001' });
    const resume = resumeSessionFn(session, r.region);
    await expect(resume(r.sessionId)).resolves.toEqual(expect.any(String));
    await terminateSession(session, r.region, r.sessionId);
    await expect(resume(r.sessionId)).resolves.toBeUndefined();
    await expect(terminateSession(session, r.region, r.sessionId)).resolves.toBeUndefined();
  });

  it('gives the engine a KMS client on the profile endpoint', async () => {
    const out = await kmsClientFor(session, 'us-east-1').send(new GenerateDataKeyCommand({ KeyId: 'alias/porthole-sandbox', NumberOfBytes: 64 }));
    expect(out.Plaintext?.length).toBe(64);
  });
});
