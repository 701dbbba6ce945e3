import {
  DescribeClustersCommand,
  DescribeContainerInstancesCommand,
  ListContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ExecuteCommandCommand,
  ListClustersCommand,
  ListServicesCommand,
  ListTasksCommand,
  paginateListTasks,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../index.js';
import { generateWorld } from '../world/generate.js';
import { apiSandbox, clientConfig } from '../../../testing/sandbox/api/test-helpers.js';

const T = (n: number) => `5e1f4a2b9c3d4e5f6a7b8c9d0e1f${n.toString(16).padStart(4, '0')}`;

describe('ECS over the SDK v3 against the demo world', () => {
  let sb: Sandbox;
  let ecs: ECSClient;
  beforeAll(async () => {
    sb = await apiSandbox();
    ecs = new ECSClient(clientConfig(sb));
  });
  afterAll(async () => {
    ecs.destroy();
    await sb.stop();
  });

  it('lists and describes clusters, with exec configuration on request', async () => {
    const list = await ecs.send(new ListClustersCommand({}));
    expect(list.clusterArns).toEqual([
      'arn:aws:ecs:us-east-1:123456789012:cluster/demo-web',
      'arn:aws:ecs:us-east-1:123456789012:cluster/demo-workers',
      'arn:aws:ecs:us-east-1:123456789012:cluster/demo-secure',
    ]);
    const d = await ecs.send(new DescribeClustersCommand({ clusters: ['demo-secure', 'nope'], include: ['CONFIGURATIONS'] }));
    expect(d.clusters?.[0]?.configuration?.executeCommandConfiguration?.kmsKeyId).toBe('alias/porthole-sandbox');
    expect(d.clusters?.[0]?.runningTasksCount).toBe(1);
    expect(d.failures).toEqual([{ arn: 'arn:aws:ecs:us-east-1:123456789012:cluster/nope', reason: 'MISSING' }]);
  });

  it('lists services and tasks per service, and only stopped tasks when asked', async () => {
    const services = await ecs.send(new ListServicesCommand({ cluster: 'demo-web' }));
    expect(services.serviceArns).toHaveLength(2);
    const described = await ecs.send(new DescribeServicesCommand({ cluster: 'demo-web', services: ['web'] }));
    expect(described.services?.[0]).toMatchObject({ serviceName: 'web', runningCount: 2, enableExecuteCommand: true });
    const web = await ecs.send(new ListTasksCommand({ cluster: 'demo-web', serviceName: 'web' }));
    expect(web.taskArns?.map((a) => a.split('/').pop())).toEqual([T(1), T(2)]);
    const running = await ecs.send(new ListTasksCommand({ cluster: 'demo-workers' }));
    expect(running.taskArns).not.toContain(`arn:aws:ecs:us-east-1:123456789012:task/demo-workers/${T(0x13)}`);
    const stopped = await ecs.send(new ListTasksCommand({ cluster: 'demo-workers', desiredStatus: 'STOPPED' }));
    expect(stopped.taskArns?.map((a) => a.split('/').pop())).toEqual([T(0x13)]);
  });

  it('describes tasks with runtime ids, managed agents, launch type and platform version', async () => {
    const r = await ecs.send(new DescribeTasksCommand({ cluster: 'demo-workers', tasks: [T(0x10), T(0x11), T(0x12), T(0x15), 'ffffffffffffffffffffffffffffffff'] }));
    const [healthy, disabled, agentStopped, oldPlatform] = r.tasks ?? [];
    expect(healthy?.containers?.[0]?.runtimeId).toMatch(new RegExp(`^${T(0x10)}-\\d{10}$`));
    expect(healthy?.containers?.[0]?.managedAgents?.[0]).toMatchObject({ name: 'ExecuteCommandAgent', lastStatus: 'RUNNING' });
    expect(healthy).toMatchObject({ launchType: 'FARGATE', platformVersion: '1.4.0', enableExecuteCommand: true, lastStatus: 'RUNNING' });
    expect(healthy?.startedAt).toBeInstanceOf(Date);
    expect(disabled?.enableExecuteCommand).toBe(false);
    expect(disabled?.containers?.[0]?.managedAgents).toBeUndefined();
    expect(agentStopped?.containers?.[0]?.managedAgents?.[0]?.lastStatus).toBe('STOPPED');
    expect(oldPlatform?.platformVersion).toBe('1.3.0');
    expect(r.failures?.[0]?.reason).toBe('MISSING');
  });

  it('describes task definitions by family, family:revision and ARN', async () => {
    const byFamily = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'locked-down' }));
    expect(byFamily.taskDefinition?.containerDefinitions?.[0]).toMatchObject({ readonlyRootFilesystem: true, linuxParameters: { initProcessEnabled: true } });
    const arn = byFamily.taskDefinition?.taskDefinitionArn ?? '';
    expect(arn).toBe('arn:aws:ecs:us-east-1:123456789012:task-definition/locked-down:1');
    const byArn = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }));
    expect(byArn.taskDefinition?.family).toBe('locked-down');
    await expect(ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'web:99' }))).rejects.toMatchObject({ name: 'ClientException' });
  });

  it('opens ExecuteCommand sessions on healthy containers and registers them', async () => {
    const r = await ecs.send(new ExecuteCommandCommand({ cluster: 'demo-web', task: T(1), container: 'app', command: '/bin/sh', interactive: true }));
    expect(r.session?.sessionId).toMatch(/^ecs-execute-command-[0-9a-f]{17}$/);
    expect(r.session?.streamUrl).toBe(`${sb.endpoint.replace('http', 'ws')}/v1/data-channel/${r.session?.sessionId}?role=publish_subscribe`);
    const entry = sb.registry.get(r.session?.sessionId ?? '');
    expect(entry?.tokenValue).toBe(r.session?.tokenValue);
    expect(entry?.kind).toEqual({ type: 'InteractiveCommands', command: '/bin/sh' });
    expect(entry?.target).toMatch(new RegExp(`^ecs:demo-web_${T(1)}_${T(1)}-\\d{10}$`));
    expect(entry?.kmsKeyId).toBeUndefined();
    const secure = await ecs.send(new ExecuteCommandCommand({ cluster: 'demo-secure', task: T(0x20), command: 'id', interactive: true }));
    expect(sb.registry.get(secure.session?.sessionId ?? '')?.kmsKeyId).toBe('arn:aws:kms:us-east-1:123456789012:key/0f6f2d4e-1c3b-4a59-8e7d-2b9a1c0d3e4f');
  });

  it.each([
    ['exec disabled', T(0x11), 'InvalidParameterException', /execute command was not enabled/],
    ['agent stopped', T(0x12), 'InvalidParameterException', /agent isn't running/],
    ['task stopped', T(0x13), 'InvalidParameterException', /execute command was not enabled/],
    ['old platform version (no agent)', T(0x15), 'InvalidParameterException', /execute command was not enabled/],
    ['read-only root file system', T(0x14), 'TargetNotConnectedException', /internal error\. Try again later\./],
    ['task role without the data-channel actions', T(0x17), 'TargetNotConnectedException', /internal error\. Try again later\./],
    ['ECS agent too old for exec (no managed agent)', T(0x18), 'InvalidParameterException', /execute command was not enabled/],
  ])('refuses ExecuteCommand like AWS: %s', async (_label, task, name, message) => {
    const err = await ecs.send(new ExecuteCommandCommand({ cluster: 'demo-workers', task, command: '/bin/sh', interactive: true })).catch((e: unknown) => e);
    expect(err).toMatchObject({ name, $metadata: { httpStatusCode: 400 } });
    expect((err as Error).message).toMatch(message);
  });

  it('describes the container instances of EC2 tasks with their ECS agent versions', async () => {
    const [task] = (await ecs.send(new DescribeTasksCommand({ cluster: 'demo-workers', tasks: [T(0x16)] }))).tasks ?? [];
    const ciArn = 'arn:aws:ecs:us-east-1:123456789012:container-instance/demo-workers/ec2c0a1b2c3d4e5f6a7b8c9d0e1f0001';
    expect(task?.containerInstanceArn).toBe(ciArn);
    const r = await ecs.send(new DescribeContainerInstancesCommand({ cluster: 'demo-workers', containerInstances: [ciArn, 'ec2c0a1b2c3d4e5f6a7b8c9d0e1f0002', 'ffffffffffffffffffffffffffffffff'] }));
    expect(r.containerInstances?.map((c) => [c.ec2InstanceId, c.versionInfo?.agentVersion, c.status, c.agentConnected, c.runningTasksCount])).toEqual([
      ['i-0c1b2c3d4e5f60001', '1.88.0', 'ACTIVE', true, 1],
      ['i-0c1b2c3d4e5f60002', '1.48.1', 'ACTIVE', true, 1],
    ]);
    expect(r.containerInstances?.[0]?.registeredAt).toBeInstanceOf(Date);
    expect(r.failures).toEqual([{ arn: 'arn:aws:ecs:us-east-1:123456789012:container-instance/demo-workers/ffffffffffffffffffffffffffffffff', reason: 'MISSING' }]);
    const listed = await ecs.send(new ListContainerInstancesCommand({ cluster: 'demo-workers' }));
    expect(listed.containerInstanceArns).toEqual([ciArn, ciArn.replace(/1$/, '2')]);
    expect((await ecs.send(new ListContainerInstancesCommand({ cluster: 'demo-workers', status: 'DRAINING' }))).containerInstanceArns).toEqual([]);
    const [cluster] = (await ecs.send(new DescribeClustersCommand({ clusters: ['demo-workers'] }))).clusters ?? [];
    expect(cluster?.registeredContainerInstancesCount).toBe(2);
    await expect(ecs.send(new DescribeContainerInstancesCommand({ cluster: 'demo-workers', containerInstances: [] }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'ContainerInstances cannot be empty.',
    });
  });

  it('refuses non-interactive exec, ambiguous containers and unknown clusters', async () => {
    await expect(ecs.send(new ExecuteCommandCommand({ cluster: 'demo-web', task: T(1), container: 'app', command: 'ls', interactive: false }))).rejects.toThrow(
      'Interactive is the only mode supported currently.',
    );
    await expect(ecs.send(new ExecuteCommandCommand({ cluster: 'demo-web', task: T(1), command: 'ls', interactive: true }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(ecs.send(new ListTasksCommand({ cluster: 'nope' }))).rejects.toMatchObject({ name: 'ClusterNotFoundException', message: 'Cluster not found.' });
    await expect(ecs.send(new ListTasksCommand({ cluster: 'demo-web', serviceName: 'nope' }))).rejects.toMatchObject({ name: 'ServiceNotFoundException' });
  });
});

describe('ECS paging on a generated world', () => {
  it('pages ListTasks by maxResults and the SDK paginator reaches every task exactly once', async () => {
    const sb = await apiSandbox({ world: generateWorld({ clusters: 3, tasksPerCluster: 1234, instances: 0 }) });
    const ecs = new ECSClient(clientConfig(sb));
    try {
      const first = await ecs.send(new ListTasksCommand({ cluster: 'bench-001', maxResults: 100 }));
      expect(first.taskArns).toHaveLength(100);
      expect(first.nextToken).toBeTruthy();
      const seen: string[] = [];
      let pages = 0;
      for await (const page of paginateListTasks({ client: ecs, pageSize: 100 }, { cluster: 'bench-001' })) {
        pages++;
        seen.push(...(page.taskArns ?? []));
      }
      expect(pages).toBe(13);
      expect(new Set(seen).size).toBe(1234);
      // A token is bound to its listing: replaying it against another cluster is refused.
      await expect(ecs.send(new ListTasksCommand({ cluster: 'bench-002', nextToken: first.nextToken }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
      await expect(ecs.send(new ListTasksCommand({ cluster: 'bench-001', maxResults: 101 }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
      const described = await ecs.send(new DescribeTasksCommand({ cluster: 'bench-001', tasks: seen.slice(0, 100) }));
      expect(described.tasks).toHaveLength(100);
      await expect(ecs.send(new DescribeTasksCommand({ cluster: 'bench-001', tasks: seen.slice(0, 101) }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    } finally {
      ecs.destroy();
      await sb.stop();
    }
  });
});
