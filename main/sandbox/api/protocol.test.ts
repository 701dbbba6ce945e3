import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient, ListClustersCommand, ListTasksCommand } from '@aws-sdk/client-ecs';
import { DescribeInstanceInformationCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX, type Sandbox } from '../index.js';
import { adminFetch, apiSandbox, clientConfig, rawJson, signedHeaders } from '../../../testing/sandbox/api/test-helpers.js';
import { until } from '../../../testing/vitest/bounded.js';

describe('Query protocol services (EC2, STS) and JSON 1.1 error shapes', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await apiSandbox();
  });
  afterAll(() => sb.stop());

  it('EC2 DescribeInstances returns Name tags, states and filters through the SDK', async () => {
    const ec2 = new EC2Client(clientConfig(sb));
    try {
      const all = await ec2.send(new DescribeInstancesCommand({}));
      const instances = all.Reservations?.flatMap((r) => r.Instances ?? []) ?? [];
      const names = Object.fromEntries(instances.map((i): [string, string | undefined] => [i.InstanceId ?? '', i.Tags?.find((t) => t.Key === 'Name')?.Value]));
      expect(names).toMatchObject({ 'i-0a1b2c3d4e5f60001': 'bastion', 'i-0a1b2c3d4e5f60004': 'lost-contact' });
      expect(instances[0]?.State).toEqual({ Code: 16, Name: 'running' });
      const one = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: ['app-server'] }] }));
      expect(one.Reservations?.flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId)).toEqual(['i-0a1b2c3d4e5f60002']);
      const paged = await ec2.send(new DescribeInstancesCommand({ MaxResults: 5 }));
      expect(paged.Reservations).toHaveLength(5);
      await expect(ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0000000000000dead'] }))).rejects.toMatchObject({ name: 'InvalidInstanceID.NotFound' });
      // The hybrid node is SSM's alone: EC2 lists no such instance and refuses its id as not one of its own.
      expect(instances.map((i) => i.InstanceId)).not.toContain('mi-0a1b2c3d4e5f60006');
      expect(instances).toHaveLength(5);
      await expect(ec2.send(new DescribeInstancesCommand({ InstanceIds: ['mi-0a1b2c3d4e5f60006'] }))).rejects.toMatchObject({ name: 'InvalidInstanceID.Malformed' });
    } finally {
      ec2.destroy();
    }
  });

  it('STS GetCallerIdentity names the world account and user', async () => {
    const sts = new STSClient(clientConfig(sb));
    try {
      const id = await sts.send(new GetCallerIdentityCommand({}));
      expect(id).toMatchObject({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/porthole-dev' });
      expect(id.UserId).toMatch(/^AIDA[0-9A-F]{17}$/);
    } finally {
      sts.destroy();
    }
  });

  it('answers the expired access key with ExpiredToken in every protocol', async () => {
    const ecs = new ECSClient({ ...clientConfig(sb, sb.region, SANDBOX.expiredAccessKeyId), maxAttempts: 1 });
    const sts = new STSClient({ ...clientConfig(sb, sb.region, SANDBOX.expiredAccessKeyId), maxAttempts: 1 });
    try {
      await expect(ecs.send(new ListClustersCommand({}))).rejects.toMatchObject({ name: 'ExpiredTokenException', message: 'The security token included in the request is expired' });
      await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'ExpiredToken' });
    } finally {
      ecs.destroy();
      sts.destroy();
    }
  });

  it('renders JSON errors with __type, message and x-amzn-ErrorType, and keeps serving', async () => {
    const unknown = await rawJson(sb, 'AmazonEC2ContainerServiceV20141113.RunTask', '{}');
    expect(unknown).toMatchObject({ status: 400, errorType: 'UnknownOperationException', json: { __type: 'UnknownOperationException' } });
    const badJson = await rawJson(sb, 'AmazonEC2ContainerServiceV20141113.ListClusters', '{"oops"');
    expect(badJson).toMatchObject({ status: 400, json: { __type: 'SerializationException' } });
    const missing = await rawJson(sb, 'AmazonEC2ContainerServiceV20141113.DescribeTasks', '{"cluster":"demo-web"}');
    expect(missing).toMatchObject({ status: 400, json: { __type: 'InvalidParameterException', message: 'Tasks cannot be empty.' } });
    const ssmMissing = await rawJson(sb, 'AmazonSSM.StartSession', '{}');
    expect(ssmMissing.json).toEqual({ __type: 'ValidationException', Message: "1 validation error detected: Value null at 'Target' failed to satisfy constraint: Member must not be null" });
    const wrongType = await rawJson(sb, 'AmazonEC2ContainerServiceV20141113.ListTasks', '{"cluster":42}');
    expect(wrongType.json['__type']).toBe('InvalidParameterException');
    const foreign = await rawJson(sb, 'Nope_20200101.Whatever', '{}');
    expect(foreign.json['__type']).toBe('UnknownOperationException');
    const form = 'Action=RunInstances&Version=2016-11-15';
    const queryUnknown = await fetch(sb.endpoint, { method: 'POST', headers: await signedHeaders(sb, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form, service: 'ec2' }), body: form });
    expect(queryUnknown.status).toBe(400);
    expect(await queryUnknown.text()).toContain('<Code>InvalidAction</Code>');
    const ok = await rawJson(sb, 'AmazonEC2ContainerServiceV20141113.ListClusters', '');
    expect(ok.status).toBe(200);
    expect((ok.json['clusterArns'] as string[]).length).toBe(3);
  });

  it('exposes sessions and statistics under /__sandbox/ and validates fault specs', async () => {
    const health = await adminFetch(sb, 'health');
    expect(await health.json()).toEqual({ ok: true });
    const badFault = await adminFetch(sb, 'faults', { method: 'POST', body: '{"sessionId":""}' });
    expect(badFault.status).toBe(400);
    expect(JSON.stringify(await badFault.json())).toContain('invalid fault spec');
    const goodFault = await adminFetch(sb, 'faults', { method: 'POST', body: JSON.stringify({ default: true, faults: {} }) });
    expect(goodFault.status).toBe(200);
    const stats = (await (await adminFetch(sb, 'stats')).json()) as Record<string, number>;
    expect(stats['requests']).toBeGreaterThan(5);
  });
});

/**
 * The throttle's clock, stopped until `start()`: while it stands still no token comes back, so a
 * burst is refused beyond the bucket's size however slowly a loaded machine sends it. (On a real
 * clock 6 requests spread over 0.4 s all passed a 10/s bucket: under load they often were.)
 */
function stoppedClock(): { now: () => number; start: () => void } {
  let stoppedAt: number | undefined = performance.now();
  return {
    now: () => stoppedAt ?? performance.now(),
    start: () => {
      stoppedAt = undefined;
    },
  };
}

describe('throttling', () => {
  it('refuses bursts beyond the configured rate and the SDK (adaptive retry) still completes', async () => {
    const clock = stoppedClock();
    const sb = await apiSandbox({ throttle: { ratePerSecond: 10, burst: 2, now: clock.now } });
    const strict = new ECSClient({ ...clientConfig(sb), maxAttempts: 1 });
    const adaptive = new SSMClient({ ...clientConfig(sb), retryMode: 'adaptive', maxAttempts: 10 });
    try {
      const burst = await Promise.allSettled(Array.from({ length: 6 }, () => strict.send(new ListTasksCommand({ cluster: 'demo-web' }))));
      const refused = burst.filter((r) => r.status === 'rejected');
      expect(refused).toHaveLength(4); // all but the burst of 2
      expect(refused[0]).toMatchObject({ reason: { name: 'ThrottlingException', message: 'Rate exceeded' } });
      // SSM has its own bucket of 2: with the clock still stopped, 8 at once are throttled too…
      const calls = Promise.all(Array.from({ length: 8 }, () => adaptive.send(new DescribeInstanceInformationCommand({}))));
      await until('an SSM call throttled', () => sb.stats.throttled > refused.length);
      // … and once tokens come back at 10/s, the adaptive retries get every call through.
      clock.start();
      const results = await calls;
      expect(results.every((r) => (r.InstanceInformationList?.length ?? 0) === 6)).toBe(true);
      expect(sb.stats.throttled).toBeGreaterThan(refused.length);
    } finally {
      strict.destroy();
      adaptive.destroy();
      await sb.stop();
    }
  });

  it('limits each service on its own, as AWS does: SSM and EC2 calls never use up ECS\'s requests', async () => {
    // One request per service, then none (the clock stands still): a second call to a service is refused at once.
    const sb = await apiSandbox({ throttle: { ratePerSecond: 0.1, burst: 1, now: stoppedClock().now } });
    const ecs = new ECSClient({ ...clientConfig(sb), maxAttempts: 1 });
    const ssm = new SSMClient({ ...clientConfig(sb), maxAttempts: 1 });
    const ec2 = new EC2Client({ ...clientConfig(sb), maxAttempts: 1 });
    try {
      await ssm.send(new DescribeInstanceInformationCommand({}));
      await ec2.send(new DescribeInstancesCommand({}));
      const clusters = await ecs.send(new ListClustersCommand({}));
      expect(clusters.clusterArns?.length).toBeGreaterThan(0);
      await expect(ecs.send(new ListClustersCommand({}))).rejects.toMatchObject({ name: 'ThrottlingException' });
      await expect(ssm.send(new DescribeInstanceInformationCommand({}))).rejects.toMatchObject({ name: 'ThrottlingException' });
      expect(sb.stats.throttled).toBe(2);
    } finally {
      ecs.destroy();
      ssm.destroy();
      ec2.destroy();
      await sb.stop();
    }
  });
});
