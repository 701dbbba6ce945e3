import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  type DescribeInstanceInformationCommandOutput,
  DescribeInstanceInformationCommand,
  paginateDescribeInstanceInformation,
  ResumeSessionCommand,
  SSMClient,
  StartSessionCommand,
  TerminateSessionCommand,
} from '@aws-sdk/client-ssm';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../index.js';
import { generateWorld } from '../world/generate.js';
import { apiSandbox, clientConfig } from '../../../testing/sandbox/api/test-helpers.js';

const BASTION = 'i-0a1b2c3d4e5f60001';
/** The demo world's hybrid node "onprem-build": registered with SSM, unknown to EC2. */
const HYBRID = 'mi-0a1b2c3d4e5f60006';
const byId = (r: DescribeInstanceInformationCommandOutput) => new Map(r.InstanceInformationList?.map((i) => [i.InstanceId, i]));

function httpGet(host: string, port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    request({ host, port, path }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve(text));
    })
      .on('error', reject)
      .end();
  });
}

describe('SSM and KMS over the SDK v3 against the demo world', () => {
  let sb: Sandbox;
  let ssm: SSMClient;
  let kms: KMSClient;
  beforeAll(async () => {
    sb = await apiSandbox();
    ssm = new SSMClient(clientConfig(sb));
    kms = new KMSClient(clientConfig(sb));
  });
  afterAll(async () => {
    ssm.destroy();
    kms.destroy();
    await sb.stop();
  });

  it('describes managed instances with ping status, platform and computer name', async () => {
    const r = await ssm.send(new DescribeInstanceInformationCommand({}));
    const byId = new Map(r.InstanceInformationList?.map((i) => [i.InstanceId, i]));
    expect(byId.get(BASTION)).toMatchObject({ PingStatus: 'Online', PlatformType: 'Linux', PlatformName: 'Amazon Linux', ComputerName: 'ip-10-0-1-10.ec2.internal', AgentVersion: '3.3.987.0' });
    expect(byId.get('i-0a1b2c3d4e5f60004')?.PingStatus).toBe('ConnectionLost');
    const online = await ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'PingStatus', Values: ['Online'] }] }));
    expect(online.InstanceInformationList?.map((i) => i.InstanceId)).not.toContain('i-0a1b2c3d4e5f60004');
    const eu = new SSMClient(clientConfig(sb, 'eu-west-1'));
    const euList = await eu.send(new DescribeInstanceInformationCommand({}));
    eu.destroy();
    expect(euList.InstanceInformationList?.map((i) => i.InstanceId)).toEqual(['i-0e1b2c3d4e5f60001']);
  });

  it('describes the hybrid node (mi-…) as a ManagedInstance with its name and activation, and filters by resource type', async () => {
    const r = await ssm.send(new DescribeInstanceInformationCommand({}));
    const hybrid = r.InstanceInformationList?.find((i) => i.InstanceId === HYBRID);
    expect(hybrid).toMatchObject({ PingStatus: 'Online', ResourceType: 'ManagedInstance', Name: 'onprem-build', ComputerName: 'build01.corp.example', SourceType: 'AWS::SSM::ManagedInstance', IamRole: 'SSMServiceRole' });
    expect(hybrid?.ActivationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(byId(r).get(BASTION)).toMatchObject({ ResourceType: 'EC2Instance' });
    expect(byId(r).get(BASTION)?.Name).toBeUndefined();
    const managed = await ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'ResourceType', Values: ['ManagedInstance'] }] }));
    expect(managed.InstanceInformationList?.map((i) => i.InstanceId)).toEqual([HYBRID]);
    const ec2Only = await ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'ResourceType', Values: ['EC2Instance'] }] }));
    expect(ec2Only.InstanceInformationList?.map((i) => i.InstanceId)).not.toContain(HYBRID);
  });

  it('starts a shell session, resumes it with a new token and terminates it', async () => {
    const s = await ssm.send(new StartSessionCommand({ Target: BASTION }));
    expect(s.SessionId).toMatch(/^porthole-dev-[0-9a-f]{17}$/);
    expect(s.StreamUrl).toBe(`${sb.endpoint.replace('http', 'ws')}/v1/data-channel/${s.SessionId}?role=publish_subscribe`);
    const entry = sb.registry.get(s.SessionId ?? '');
    expect(entry).toMatchObject({ kind: { type: 'Standard_Stream' }, documentName: 'SSM-SessionManagerRunShell', target: BASTION, state: 'Pending' });
    const resumed = await ssm.send(new ResumeSessionCommand({ SessionId: s.SessionId }));
    expect(resumed.TokenValue).toBeTruthy();
    expect(resumed.TokenValue).not.toBe(s.TokenValue);
    expect(sb.registry.get(s.SessionId ?? '')?.tokenValue).toBe(resumed.TokenValue);
    const terminated: string[] = [];
    sb.registry.on('terminated', (t) => terminated.push(t.sessionId));
    await ssm.send(new TerminateSessionCommand({ SessionId: s.SessionId }));
    expect(terminated).toEqual([s.SessionId]);
    await expect(ssm.send(new ResumeSessionCommand({ SessionId: s.SessionId }))).rejects.toMatchObject({ name: 'DoesNotExistException' });
  });

  it('applies port documents: properties, defaults and a dial address that reaches a real server', async () => {
    const fwd = await ssm.send(new StartSessionCommand({ Target: BASTION, DocumentName: 'AWS-StartPortForwardingSession', Parameters: { portNumber: ['80'], localPortNumber: ['56789'] } }));
    const kind = sb.registry.get(fwd.SessionId ?? '')?.kind;
    if (kind?.type !== 'Port' || !kind.dial) throw new Error(`expected a Port session with a dial address, got ${JSON.stringify(kind)}`);
    expect(kind.properties).toEqual({ portNumber: '80', type: 'LocalPortForwarding', localPortNumber: '56789' });
    expect(await httpGet(kind.dial.host, kind.dial.port, '/')).toBe('hello from bastion port 80\n');

    const remote = await ssm.send(new StartSessionCommand({ Target: BASTION, DocumentName: 'AWS-StartPortForwardingSessionToRemoteHost', Parameters: { host: ['db.internal'], portNumber: ['5432'] } }));
    const rk = sb.registry.get(remote.SessionId ?? '')?.kind;
    expect(rk).toMatchObject({ type: 'Port', host: 'db.internal', portNumber: 5432, properties: { host: 'db.internal', portNumber: '5432', type: 'LocalPortForwarding', localPortNumber: '0' } });
    expect(rk?.type === 'Port' && rk.dial).toBeTruthy();

    const ssh = await ssm.send(new StartSessionCommand({ Target: BASTION, DocumentName: 'AWS-StartSSHSession' }));
    expect(sb.registry.get(ssh.SessionId ?? '')?.kind).toMatchObject({ type: 'Port', portNumber: 22, properties: { portNumber: '22' } });

    const closed = await ssm.send(new StartSessionCommand({ Target: BASTION, DocumentName: 'AWS-StartPortForwardingSession', Parameters: { portNumber: ['6000'] } }));
    const ck = sb.registry.get(closed.SessionId ?? '')?.kind;
    expect(ck?.type === 'Port' && ck.dial).toBe(undefined);

    const cmd = await ssm.send(new StartSessionCommand({ Target: BASTION, DocumentName: 'AWS-StartInteractiveCommand', Parameters: { command: ['top'] } }));
    expect(sb.registry.get(cmd.SessionId ?? '')?.kind).toEqual({ type: 'InteractiveCommands', command: 'top' });
  });

  it('starts sessions on ECS targets and refuses unreachable targets with TargetNotConnected', async () => {
    const task = '5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001';
    const target = [...sb.world.region(sb.world.defaultAccount, 'us-east-1').cluster('demo-web')?.tasksById.get(task)?.containers ?? []][0];
    const ecsTarget = `ecs:demo-web_${task}_${target?.runtimeId ?? ''}`;
    const fwd = await ssm.send(new StartSessionCommand({ Target: ecsTarget, DocumentName: 'AWS-StartPortForwardingSession', Parameters: { portNumber: ['8080'] } }));
    const kind = sb.registry.get(fwd.SessionId ?? '')?.kind;
    if (kind?.type !== 'Port' || !kind.dial) throw new Error('expected a dial address for the container port');
    expect(await httpGet(kind.dial.host, kind.dial.port, '/')).toBe(`hello from app/${task} port 8080\n`);
    for (const bad of ['i-0a1b2c3d4e5f60004', 'i-0000000000000beef', 'ecs:demo-web_nope_nope']) {
      await expect(ssm.send(new StartSessionCommand({ Target: bad }))).rejects.toMatchObject({ name: 'TargetNotConnected', message: `${bad} is not connected.` });
    }
    await expect(ssm.send(new StartSessionCommand({ Target: BASTION, DocumentName: 'AWS-Nope' }))).rejects.toMatchObject({ name: 'InvalidDocument' });
    await expect(ssm.send(new StartSessionCommand({ Target: BASTION, DocumentName: 'AWS-StartPortForwardingSessionToRemoteHost' }))).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('GenerateDataKey + Decrypt: same plaintext for the same blob and context, refused for another context', async () => {
    const context = { 'aws:ssm:SessionId': 'porthole-dev-0123456789abcdef0', 'aws:ssm:TargetId': BASTION };
    const key = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/porthole-sandbox', NumberOfBytes: 64, EncryptionContext: context }));
    expect(key.Plaintext).toHaveLength(64);
    expect(key.KeyId).toBe('arn:aws:kms:us-east-1:123456789012:key/0f6f2d4e-1c3b-4a59-8e7d-2b9a1c0d3e4f');
    const back = await kms.send(new DecryptCommand({ CiphertextBlob: key.CiphertextBlob, EncryptionContext: { 'aws:ssm:TargetId': BASTION, 'aws:ssm:SessionId': context['aws:ssm:SessionId'] } }));
    expect(Buffer.from(back.Plaintext ?? new Uint8Array()).equals(Buffer.from(key.Plaintext ?? new Uint8Array()))).toBe(true);
    // The in-process store the agent uses agrees with the HTTP API.
    expect(sb.kms.decrypt(Buffer.from(key.CiphertextBlob ?? new Uint8Array()), context).plaintext.equals(Buffer.from(key.Plaintext ?? new Uint8Array()))).toBe(true);
    await expect(kms.send(new DecryptCommand({ CiphertextBlob: key.CiphertextBlob, EncryptionContext: { 'aws:ssm:TargetId': 'i-other' } }))).rejects.toMatchObject({ name: 'InvalidCiphertextException' });
    await expect(kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/nope', NumberOfBytes: 64 }))).rejects.toMatchObject({ name: 'NotFoundException' });
    await expect(kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/porthole-sandbox' }))).rejects.toMatchObject({ name: 'ValidationException' });
  });
});

describe('SSM paging on a generated world', () => {
  it('pages DescribeInstanceInformation by MaxResults and rejects out-of-range sizes', async () => {
    const sb = await apiSandbox({ world: generateWorld({ clusters: 1, tasksPerCluster: 1, instances: 123 }) });
    const ssm = new SSMClient(clientConfig(sb));
    try {
      const ids: string[] = [];
      let pages = 0;
      for await (const page of paginateDescribeInstanceInformation({ client: ssm, pageSize: 10 }, {})) {
        pages++;
        ids.push(...(page.InstanceInformationList ?? []).map((i) => i.InstanceId ?? ''));
      }
      expect(pages).toBe(13);
      expect(new Set(ids).size).toBe(123);
      await expect(ssm.send(new DescribeInstanceInformationCommand({ MaxResults: 51 }))).rejects.toMatchObject({ name: 'ValidationException' });
      await expect(ssm.send(new DescribeInstanceInformationCommand({ NextToken: 'garbage' }))).rejects.toMatchObject({ name: 'InvalidNextToken' });
    } finally {
      ssm.destroy();
      await sb.stop();
    }
  });
});
