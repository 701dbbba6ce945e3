// A task's state by DescribeTasks: STOPPED, ECS still stopping it after StopTask (desiredStatus
// STOPPED, lastStatus not yet), MISSING, or running; the caller's signal reaches the SDK call.
import { describe, expect, it } from 'vitest';
import type { DescribeTasksCommand, DescribeTasksCommandOutput, ECSClient, Task } from '@aws-sdk/client-ecs';
import { ecsTaskState } from './task-state.js';

/** An ECS client whose every DescribeTasks answers `out`, recording the options it was sent with. */
function ecsAnswering(out: Partial<DescribeTasksCommandOutput>): { ecs: ECSClient; options: unknown[] } {
  const options: unknown[] = [];
  const fake = {
    send: async (_command: DescribeTasksCommand, opts: unknown) => {
      options.push(opts);
      return { $metadata: {}, ...out };
    },
  };
  return { ecs: fake as unknown as ECSClient, options };
}

const task = (t: Partial<Task>) => ecsAnswering({ tasks: [{ taskArn: 'arn:aws:ecs:eu-west-1:1:task/demo/abc', ...t }] }).ecs;

describe('ecsTaskState', () => {
  it('says stopping for a task StopTask was called on whose containers are not down yet, with its reason or none', async () => {
    expect(await ecsTaskState(task({ lastStatus: 'DEACTIVATING', desiredStatus: 'STOPPED', stoppedReason: 'Task stopped by user' }), 'demo', 'abc')).toEqual({ state: 'stopping', stoppedReason: 'Task stopped by user', lastStatus: 'DEACTIVATING', containers: [] });
    expect(await ecsTaskState(task({ lastStatus: 'RUNNING', desiredStatus: 'STOPPED' }), 'demo', 'abc')).toEqual({ state: 'stopping', stoppedReason: null, lastStatus: 'RUNNING', containers: [] });
  });

  it('says how far a stopping task got: its containers and their exec agents as ECS reports them', async () => {
    const containers = [
      { name: 'app', lastStatus: 'STOPPED', managedAgents: [{ name: 'ExecuteCommandAgent' as const, lastStatus: 'STOPPED' }] },
      { name: 'sidecar', lastStatus: 'RUNNING' },
    ];
    expect(await ecsTaskState(task({ lastStatus: 'DEPROVISIONING', desiredStatus: 'STOPPED', containers }), 'demo', 'abc')).toMatchObject({
      state: 'stopping',
      lastStatus: 'DEPROVISIONING',
      containers: [{ name: 'app', lastStatus: 'STOPPED', agentStatus: 'STOPPED' }, { name: 'sidecar', lastStatus: 'RUNNING', agentStatus: null }],
    });
  });

  it('says stopped once lastStatus is STOPPED, running while both say RUNNING, missing on a MISSING failure', async () => {
    expect(await ecsTaskState(task({ lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stoppedReason: ' Essential container in task exited ' }), 'demo', 'abc')).toEqual({ state: 'stopped', stoppedReason: 'Essential container in task exited', containers: [] });
    // Each container's exit code, as ECS reports it (none for one that never exited).
    const exited = [{ name: 'app', lastStatus: 'STOPPED', exitCode: 137 }, { name: 'sidecar', lastStatus: 'STOPPED' }];
    expect(await ecsTaskState(task({ lastStatus: 'STOPPED', desiredStatus: 'STOPPED', containers: exited }), 'demo', 'abc')).toEqual({
      state: 'stopped',
      stoppedReason: null,
      containers: [{ name: 'app', lastStatus: 'STOPPED', agentStatus: null, exitCode: 137 }, { name: 'sidecar', lastStatus: 'STOPPED', agentStatus: null }],
    });
    expect(await ecsTaskState(task({ lastStatus: 'RUNNING', desiredStatus: 'RUNNING' }), 'demo', 'abc')).toEqual({ state: 'not-stopped', lastStatus: 'RUNNING' });
    expect(await ecsTaskState(ecsAnswering({ tasks: [], failures: [{ arn: 'abc', reason: 'MISSING' }] }).ecs, 'demo', 'abc')).toEqual({ state: 'missing' });
  });

  it('passes the caller\'s signal to the SDK call', async () => {
    const { ecs, options } = ecsAnswering({ tasks: [{ lastStatus: 'RUNNING', desiredStatus: 'RUNNING' }] });
    const signal = new AbortController().signal;
    await ecsTaskState(ecs, 'demo', 'abc', signal);
    expect(options).toEqual([{ abortSignal: signal }]);
  });
});
