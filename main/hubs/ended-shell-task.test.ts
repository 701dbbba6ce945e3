// An ended shell's task is asked about once, for ECS targets only; a failed question is quiet.
import { describe, expect, it } from 'vitest';
import type { ShellTarget } from '../../shared/contract/index.js';
import { checkEndedShellTask, taskEndOf } from './ended-shell-task.js';

const ecs: ShellTarget = { kind: 'ecs-container', profile: 'p', region: 'eu-west-1', cluster: 'web', taskArn: 'arn:aws:ecs:eu-west-1:1:task/web/abc', containerName: 'app', runtimeId: 'abc-1' };
const instance: ShellTarget = { kind: 'instance', profile: 'p', region: 'eu-west-1', instanceId: 'i-0123456789abcdef0' };

describe('checkEndedShellTask', () => {
  it('asks ECS about the task of an ECS shell, once, and nothing for an instance', async () => {
    const asked: string[][] = [];
    const aws = {
      ecsTaskState: (profile: string, region: string | undefined, cluster: string, task: string) => {
        asked.push([profile, region ?? '', cluster, task]);
        return Promise.resolve({ state: 'stopped', stoppedReason: null } as const);
      },
    };
    expect(await checkEndedShellTask(aws, ecs)).toEqual({ state: 'stopped' });
    expect(await checkEndedShellTask(aws, instance)).toBeNull();
    expect(asked).toEqual([['p', 'eu-west-1', 'web', 'arn:aws:ecs:eu-west-1:1:task/web/abc']]);
  });

  it('resolves when the call fails, and when it does not answer in time', async () => {
    await expect(checkEndedShellTask({ ecsTaskState: () => Promise.reject(new Error('AccessDenied')) }, ecs)).resolves.toBeNull();
    const never = { ecsTaskState: (_p: string, _r: string | undefined, _c: string, _t: string, signal?: AbortSignal) => new Promise<never>((_, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted')))) };
    await expect(checkEndedShellTask(never, ecs, 10)).resolves.toBeNull();
  });

  it('tells the tab of a stopped or stopping task, with ECS reason and its own container\'s exit code; nothing for a task that runs or is missing', () => {
    const containers = [{ name: 'app', lastStatus: 'STOPPED', agentStatus: 'STOPPED', exitCode: 143 }, { name: 'log-router', lastStatus: 'RUNNING', agentStatus: 'RUNNING' }];
    expect(taskEndOf({ state: 'stopping', stoppedReason: 'Task stopped by user', lastStatus: 'STOPPING', containers }, 'app')).toEqual({ state: 'stopping', stoppedReason: 'Task stopped by user', exitCode: 143 });
    expect(taskEndOf({ state: 'stopping', stoppedReason: null, lastStatus: 'STOPPING', containers }, 'log-router')).toEqual({ state: 'stopping' });
    expect(taskEndOf({ state: 'stopped', stoppedReason: 'Essential container in task exited', containers }, 'app')).toEqual({ state: 'stopped', stoppedReason: 'Essential container in task exited', exitCode: 143 });
    expect(taskEndOf({ state: 'not-stopped', lastStatus: 'RUNNING' }, 'app')).toBeNull();
    expect(taskEndOf({ state: 'missing' }, 'app')).toBeNull();
  });
});
