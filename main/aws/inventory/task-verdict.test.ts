// A task as a DescribeTasks made outside a listing says it is now: stopped (or gone) takes its
// containers and their exec agents down; stopping is shown as far as ECS says it got; anything
// else, or what the listing already says, changes nothing.
import { describe, expect, it } from 'vitest';
import type { TaskInfo } from '../discovery/types.js';
import { taskAfter } from './task-verdict.js';

const running: TaskInfo = {
  arn: 'arn:aws:ecs:us-east-1:1:task/web/abc', id: 'abc', clusterArn: 'arn:aws:ecs:us-east-1:1:cluster/web', serviceName: 'web',
  lastStatus: 'RUNNING', desiredStatus: 'RUNNING', launchType: 'FARGATE', platformVersion: '1.4.0', platformFamily: null, execEnabled: true,
  taskDefinitionArn: null, containerInstanceArn: null, startedAt: 1, stoppedReason: null,
  containers: [
    { name: 'app', runtimeId: 'abc-1', lastStatus: 'RUNNING', image: 'app:1', execAgent: { status: 'RUNNING', reason: null } },
    { name: 'sidecar', runtimeId: 'abc-2', lastStatus: 'RUNNING', image: null, execAgent: null },
  ],
};

describe('taskAfter', () => {
  it('stops the task, its containers and their exec agents, with ECS’s reason', () => {
    expect(taskAfter(running, { state: 'stopped', stoppedReason: 'Task stopped by user' })).toEqual({
      ...running,
      lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stoppedReason: 'Task stopped by user',
      containers: [
        { name: 'app', runtimeId: 'abc-1', lastStatus: 'STOPPED', image: 'app:1', execAgent: { status: 'STOPPED', reason: null } },
        { name: 'sidecar', runtimeId: 'abc-2', lastStatus: 'STOPPED', image: null, execAgent: null },
      ],
    });
  });

  it('takes a task ECS no longer knows as stopped', () => {
    expect(taskAfter(running, { state: 'missing' })).toMatchObject({ lastStatus: 'STOPPED', containers: [{ lastStatus: 'STOPPED' }, { lastStatus: 'STOPPED' }] });
  });

  it('shows a stopping task as ECS reports it: its state, and its containers and exec agents as far as they got', () => {
    const containers = [{ name: 'app', lastStatus: 'STOPPED', agentStatus: 'STOPPED' }];
    expect(taskAfter(running, { state: 'stopping', stoppedReason: 'Task stopped by user', lastStatus: 'DEPROVISIONING', containers })).toEqual({
      ...running,
      lastStatus: 'DEPROVISIONING', desiredStatus: 'STOPPED', stoppedReason: 'Task stopped by user',
      containers: [{ ...running.containers[0], lastStatus: 'STOPPED', execAgent: { status: 'STOPPED', reason: null } }, running.containers[1]],
    });
    // Asked to stop, its containers still in their stop timeout: only the task says so.
    expect(taskAfter(running, { state: 'stopping', stoppedReason: null, lastStatus: 'RUNNING', containers: [] })).toEqual({ ...running, desiredStatus: 'STOPPED' });
  });

  it('changes nothing for a running task, or one already listed as ECS says', () => {
    expect(taskAfter(running, { state: 'not-stopped', lastStatus: 'RUNNING' })).toBeUndefined();
    const stopped = taskAfter(running, { state: 'stopped', stoppedReason: null });
    expect(stopped).toBeDefined();
    if (stopped === undefined) return;
    expect(taskAfter(stopped, { state: 'stopped', stoppedReason: null })).toBeUndefined();
    expect(taskAfter(stopped, { state: 'stopped', stoppedReason: 'again' })).toBeUndefined();
  });
});
