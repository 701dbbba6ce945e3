// Which task a forward following its service starts on: only a RUNNING task of that service meant
// to keep running, whose container of the same name runs with ECS Exec on and its agent RUNNING;
// its own task while that is still so, else the first such in the listing (newest first).
import { describe, expect, it } from 'vitest';
import type { EcsContainerRef } from '../../../shared/contract/index.js';
import type { ContainerInfo, TaskInfo } from '../../aws/discovery/types.js';
import { followServiceTarget } from './follow-service.js';

const CLUSTER_ARN = 'arn:aws:ecs:us-east-1:123456789012:cluster/demo-web';
const arnOf = (id: string): string => `arn:aws:ecs:us-east-1:123456789012:task/demo-web/${id}`;

function container(over: Partial<ContainerInfo> = {}): ContainerInfo {
  return { name: 'app', runtimeId: 'rt-app', lastStatus: 'RUNNING', image: null, execAgent: { status: 'RUNNING', reason: null }, ...over };
}

function task(id: string, over: Partial<TaskInfo> = {}, app: Partial<ContainerInfo> = {}): TaskInfo {
  return {
    arn: arnOf(id), id, clusterArn: CLUSTER_ARN, serviceName: 'web', lastStatus: 'RUNNING', desiredStatus: 'RUNNING', launchType: 'FARGATE',
    platformVersion: null, platformFamily: null, execEnabled: true, taskDefinitionArn: null, containerInstanceArn: null, startedAt: null, stoppedReason: null, ...over,
    containers: [container({ runtimeId: `${id}-app`, ...app }), container({ name: 'log-router', runtimeId: `${id}-log` })],
  };
}

const from: EcsContainerRef = { kind: 'ecs-container', profile: 'dev', region: 'us-east-1', cluster: 'demo-web', taskArn: arnOf('0001'), containerName: 'app', runtimeId: '0001-app' };
const listing = (tasks: TaskInfo[]) => ({ clusterTasksNow: async () => tasks });

describe('followServiceTarget', () => {
  it('keeps its own task while it is ready', async () => {
    const found = await followServiceTarget(listing([task('0009'), task('0001')]), from, 'web', true);
    expect(found?.target).toEqual(from);
    expect(found?.label).toEqual({ name: 'app', path: 'demo-web › web › 0001' });
  });

  it('moves to the first ready task of the service, skipping every one that cannot take the forward', async () => {
    const tasks = [
      task('0001', { lastStatus: 'STOPPED', desiredStatus: 'STOPPED' }),
      task('0002', { desiredStatus: 'STOPPED' }),
      task('0003', { serviceName: 'api' }),
      task('0004', { execEnabled: false }),
      task('0005', {}, { execAgent: { status: 'PENDING', reason: null } }),
      task('0006', {}, { execAgent: null }),
      task('0007', {}, { name: 'worker' }),
      task('0008', {}, { lastStatus: 'PENDING' }),
      task('0009', { lastStatus: 'PENDING' }),
      task('0010'),
    ];
    const found = await followServiceTarget(listing(tasks), from, 'web', true);
    expect(found?.target).toEqual({ ...from, taskArn: arnOf('0010'), runtimeId: '0010-app' });
  });

  it('finds none when no task of the service is ready', async () => {
    expect(await followServiceTarget(listing([task('0004', { execEnabled: false })]), from, 'web', true)).toBeUndefined();
    expect(await followServiceTarget(listing([]), from, 'web', true)).toBeUndefined();
  });
});
