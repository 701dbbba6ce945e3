// Auto-restart asks ECS about a forward's task when its start fails as a stopped task's would, and
// gives up at once on a task ECS says STOPPED or no longer knows; anything else is judged as before.
import { describe, expect, it } from 'vitest';
import { AwsError, type AwsErrorCode } from '../../aws/errors.js';
import type { EcsTaskState } from '../../aws/discovery/task-state.js';
import type { ForwardSpec } from '../../sessions/forwards/index.js';
import { PortSessionError } from '../../ssm/port/index.js';
import { forwardRestartPolicy } from './restart-policy.js';
import type { TaskStateLookUp } from './task-gone.js';

const aws = (code: AwsErrorCode) => new AwsError({ code, sentence: code, nextStep: '' });
const ecsSpec: ForwardSpec = { target: { kind: 'ecs', cluster: 'demo-web', taskId: '5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001', runtimeId: 'r1' }, profile: 'dev', region: 'eu-west-1', remotePort: 8080, autoRestart: true };
const instanceSpec: ForwardSpec = { target: { kind: 'instance', instanceId: 'i-0123456789abcdef0' }, profile: 'dev', region: 'eu-west-1', remotePort: 22, autoRestart: true };

/** A look-up answering `answer` (or failing with it), recording what it was asked. */
function lookUp(answer: EcsTaskState | Error): { fn: TaskStateLookUp; asked: string[][] } {
  const asked: string[][] = [];
  const fn: TaskStateLookUp = async (profile, region, cluster, task) => {
    asked.push([profile, region ?? '', cluster, task]);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { fn, asked };
}

describe('forwardRestartPolicy on an ECS task that stopped', () => {
  it('gives up at once with ECS\'s reason when DescribeTasks says STOPPED, asking with the forward\'s profile, region, cluster and task', async () => {
    const ecs = lookUp({ state: 'stopped', stoppedReason: 'Essential container in task exited' });
    const verdict = await forwardRestartPolicy(ecs.fn)(aws('target-not-connected'), ecsSpec);
    expect(verdict).toEqual({ verdict: 'target-gone', reason: 'The task stopped (Essential container in task exited); start the forward on a running task.' });
    expect(ecs.asked).toEqual([['dev', 'eu-west-1', 'demo-web', '5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001']]);
  });

  it('gives up when ECS no longer knows the task (MISSING), and when a stopped task has no reason', async () => {
    expect(await forwardRestartPolicy(lookUp({ state: 'missing' }).fn)(aws('target-not-connected'), ecsSpec)).toEqual({ verdict: 'target-gone', reason: 'The task stopped (ECS no longer lists it); start the forward on a running task.' });
    expect(await forwardRestartPolicy(lookUp({ state: 'stopped', stoppedReason: null }).fn)(aws('target-not-connected'), ecsSpec)).toEqual({ verdict: 'target-gone', reason: 'The task stopped (ECS gave no reason); start the forward on a running task.' });
  });

  it('gives up on a task ECS is still stopping (desiredStatus STOPPED), with ECS\'s reason when it has one', async () => {
    expect(await forwardRestartPolicy(lookUp({ state: 'stopping', stoppedReason: 'Task stopped by user', lastStatus: 'RUNNING', containers: [] }).fn)(aws('target-not-connected'), ecsSpec)).toEqual({ verdict: 'target-gone', reason: 'The task is stopping (Task stopped by user); start the forward on a running task.' });
    expect(await forwardRestartPolicy(lookUp({ state: 'stopping', stoppedReason: null, lastStatus: 'RUNNING', containers: [] }).fn)(aws('target-not-connected'), ecsSpec)).toEqual({ verdict: 'target-gone', reason: 'The task is stopping; start the forward on a running task.' });
  });

  it('keeps the usual verdict when DescribeTasks never answers, and aborts the call it gave up waiting for', async () => {
    let signal: AbortSignal | undefined;
    const never: TaskStateLookUp = (_profile, _region, _cluster, _task, s) => {
      signal = s;
      return new Promise<never>(() => undefined);
    };
    // A short wait in place of TASK_STATE_TIMEOUT_MS: the verdict is what is asserted, not its timing.
    expect(await forwardRestartPolicy(never, 20)(aws('target-not-connected'), ecsSpec)).toBe('retry-a-while');
    expect(signal?.aborted).toBe(true);
  });

  it('asks too when the session was refused or its handshake timed out', async () => {
    const stopped: EcsTaskState = { state: 'stopped', stoppedReason: 'Task stopped by user' };
    for (const error of [aws('handshake-timeout'), new PortSessionError('closed-before-ready', 'closed'), new PortSessionError('handshake-timeout', 'no handshake')]) {
      expect(await forwardRestartPolicy(lookUp(stopped).fn)(error, ecsSpec)).toMatchObject({ verdict: 'target-gone' });
    }
  });

  it('keeps the usual verdict when the task still runs, or when DescribeTasks itself fails (network, access denied)', async () => {
    expect(await forwardRestartPolicy(lookUp({ state: 'not-stopped', lastStatus: 'RUNNING' }).fn)(aws('target-not-connected'), ecsSpec)).toBe('retry-a-while');
    expect(await forwardRestartPolicy(lookUp(aws('access-denied')).fn)(aws('target-not-connected'), ecsSpec)).toBe('retry-a-while');
    expect(await forwardRestartPolicy(lookUp(new Error('getaddrinfo ENOTFOUND ecs.eu-west-1.amazonaws.com')).fn)(new PortSessionError('closed-before-ready', 'closed'), ecsSpec)).toBe('retry');
  });

  it('never asks for an instance, for a failure a stopped task does not give, or for one it gives up on anyway', async () => {
    const ecs = lookUp({ state: 'stopped', stoppedReason: 'x' });
    const policy = forwardRestartPolicy(ecs.fn);
    expect(await policy(aws('target-not-connected'), instanceSpec)).toBe('retry-a-while');
    expect(await policy(aws('throttled'), ecsSpec)).toBe('retry');
    expect(await policy(aws('access-denied'), ecsSpec)).toBe('retry-a-while');
    expect(await policy(aws('exec-not-enabled'), ecsSpec)).toBe('give-up');
    expect(await policy(new Error('the websocket closed'), ecsSpec)).toBe('retry');
    expect(ecs.asked).toEqual([]);
  });
});
