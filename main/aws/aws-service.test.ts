// The facade the IPC layer wires: contract refs in, plain data and engine handles out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX, startSandbox, type Sandbox } from '../sandbox/index.js';
import { startSessionInput } from '../ssm/port/index.js';
import { AwsService } from './aws-service.js';

let sandbox: Sandbox;
let service: AwsService;
const taskArn = 'arn:aws:ecs:us-east-1:123456789012:task/demo-web/5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001';

beforeAll(async () => {
  sandbox = await startSandbox({ gateway: null });
  service = new AwsService({ env: sandbox.awsEnv });
});
afterAll(async () => {
  service.close();
  await sandbox.stop();
});

describe('AwsService', () => {
  it('lists profiles in contract form', async () => {
    const r = await service.profiles();
    expect(r.credentialsFound).toBe(true);
    expect(r.profiles[0]).toEqual({ name: SANDBOX.profile, source: 'config', defaultRegion: 'us-east-1', needsMfa: false });
  });

  it('execs into a container and hands the engine credentials, resume, terminate and KMS', async () => {
    const { launch, started, kms } = await service.execShell({ kind: 'ecs-container', profile: SANDBOX.profile, region: 'us-east-1', cluster: 'demo-web', taskArn, containerName: 'app', runtimeId: '5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001-0000000001' });
    expect(launch.target).toBe('ecs:demo-web_5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001_5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001-0000000001');
    expect(started.credentials.sessionId).toBe(launch.sessionId);
    await expect(started.resumeSession?.(launch.sessionId)).resolves.toEqual(expect.any(String));
    await started.terminateSession?.(launch.sessionId);
    await expect(started.resumeSession?.(launch.sessionId)).resolves.toBeUndefined();
    expect(await kms.config.region()).toBe('us-east-1');
  });

  it('gives the forward manager a StartSession bound to the profile', async () => {
    const spec = (instanceId: string, remotePort: number) => ({ target: { kind: 'instance', instanceId } as const, remotePort, profile: SANDBOX.profile, region: 'us-east-1' });
    const ok = spec('i-0a1b2c3d4e5f60002', 8080);
    const s = await service.startPortSession(startSessionInput(ok), ok);
    expect(sandbox.registry.get(s.credentials.sessionId)).toBeDefined();
    const lost = spec('i-0a1b2c3d4e5f60004', 80);
    await expect(service.startPortSession(startSessionInput(lost), lost)).rejects.toMatchObject({ code: 'target-not-connected' });
    const noProfile = { target: ok.target, remotePort: 80 };
    await expect(service.startPortSession(startSessionInput(noProfile), noProfile)).rejects.toMatchObject({ code: 'profile-not-found' });
  });

  it('runs diagnostics for contract target refs', async () => {
    const { checks } = await service.diagnose({ kind: 'instance', profile: SANDBOX.profile, region: 'us-east-1', instanceId: 'i-0a1b2c3d4e5f60004' });
    expect(checks.find((c) => c.status === 'fail')?.id).toBe('ping-status');
  });
});
