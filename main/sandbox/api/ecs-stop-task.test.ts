// StopTask in the sandbox: the task is STOPPED with its reason (DescribeTasks as AWS answers for a
// task a person stopped, its exec agent STOPPED too), it leaves the running list, its sessions in its
// region end and new ones are refused.
import { DescribeTasksCommand, ECSClient, ListTasksCommand, StopTaskCommand } from '@aws-sdk/client-ecs';
import { SSMClient, StartSessionCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../index.js';
import { apiSandbox, clientConfig } from '../../../testing/sandbox/api/test-helpers.js';

const TASK = '5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001';
const OTHER = '5e1f4a2b9c3d4e5f6a7b8c9d0e1f0002';

describe('ECS StopTask in the sandbox', () => {
  let sb: Sandbox;
  let ecs: ECSClient;
  let ssm: SSMClient;
  beforeAll(async () => {
    sb = await apiSandbox();
    ecs = new ECSClient(clientConfig(sb));
    ssm = new SSMClient(clientConfig(sb));
  });
  afterAll(async () => {
    ecs.destroy();
    ssm.destroy();
    await sb.stop();
  });

  const targetOf = (task: string): string => {
    const entry = sb.world.region(sb.world.defaultAccount, sb.region).cluster('demo-web')?.tasksById.get(task);
    return `ecs:demo-web_${task}_${entry?.containers[0]?.runtimeId ?? ''}`;
  };

  it('stops the task: DescribeTasks says STOPPED with the reason, its session ends, a new one is refused', async () => {
    const open = await ssm.send(new StartSessionCommand({ Target: targetOf(TASK), DocumentName: 'AWS-StartPortForwardingSession', Parameters: { portNumber: ['8080'] } }));
    // A session on a same-named cluster and task in another region: that task runs on.
    const elsewhere = 'someone-0123456789abcdef0';
    sb.registry.add({
      sessionId: elsewhere,
      target: targetOf(TASK),
      region: sb.region === 'ap-southeast-2' ? 'eu-north-1' : 'ap-southeast-2',
      documentName: 'AWS-StartPortForwardingSession',
      kind: { type: 'Port', properties: { portNumber: '8080' }, host: 'localhost', portNumber: 8080 },
      tokenValue: 'token',
      tokenExpiresAt: Date.now() + 60_000,
      workdir: '/nonexistent',
      agentVersion: '3.3.987.0',
      state: 'Pending',
      createdAt: Date.now(),
    });
    const before = Math.floor(Date.now() / 1000);
    const stopped = await ecs.send(new StopTaskCommand({ cluster: 'demo-web', task: TASK, reason: 'Scaling activity initiated by deployment ecs-svc/1' }));
    expect(stopped.task).toMatchObject({ lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stopCode: 'UserInitiated', stoppedReason: 'Scaling activity initiated by deployment ecs-svc/1' });

    const described = await ecs.send(new DescribeTasksCommand({ cluster: 'demo-web', tasks: [TASK] }));
    const task = described.tasks?.[0];
    expect(task).toMatchObject({ lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stopCode: 'UserInitiated', stoppedReason: 'Scaling activity initiated by deployment ecs-svc/1' });
    expect(Math.floor((task?.stoppedAt?.getTime() ?? 0) / 1000)).toBeGreaterThanOrEqual(before);
    expect(described.failures).toEqual([]);

    // The exec agent stopped with the task, as ECS reports it.
    expect(task?.containers?.[0]?.managedAgents?.[0]).toMatchObject({ name: 'ExecuteCommandAgent', lastStatus: 'STOPPED' });

    expect(sb.registry.get(open.SessionId ?? '')?.state).toBe('Terminated');
    expect(sb.registry.get(elsewhere)?.state).toBe('Pending');
    await expect(ssm.send(new StartSessionCommand({ Target: targetOf(TASK), DocumentName: 'AWS-StartPortForwardingSession', Parameters: { portNumber: ['8080'] } }))).rejects.toMatchObject({ name: 'TargetNotConnected' });

    const running = await ecs.send(new ListTasksCommand({ cluster: 'demo-web' }));
    expect(running.taskArns?.some((a) => a.endsWith(TASK))).toBe(false);
    const gone = await ecs.send(new ListTasksCommand({ cluster: 'demo-web', desiredStatus: 'STOPPED' }));
    expect(gone.taskArns?.some((a) => a.endsWith(TASK))).toBe(true);
    // The other task of the service runs on.
    expect((await ecs.send(new DescribeTasksCommand({ cluster: 'demo-web', tasks: [OTHER] }))).tasks?.[0]?.lastStatus).toBe('RUNNING');
  });

  it('says "Task stopped by user" without a reason, keeps the first stop, and refuses a task it does not know', async () => {
    const stopped = await ecs.send(new StopTaskCommand({ cluster: 'demo-web', task: OTHER }));
    expect(stopped.task).toMatchObject({ lastStatus: 'STOPPED', stoppedReason: 'Task stopped by user' });
    const again = await ecs.send(new StopTaskCommand({ cluster: 'demo-web', task: OTHER, reason: 'later' }));
    expect(again.task?.stoppedReason).toBe('Task stopped by user');
    await expect(ecs.send(new StopTaskCommand({ cluster: 'demo-web', task: 'ffffffffffffffffffffffffffffffff' }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(ecs.send(new StopTaskCommand({ cluster: 'demo-web', task: OTHER, reason: 'x'.repeat(256) }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    const missing = await ecs.send(new DescribeTasksCommand({ cluster: 'demo-web', tasks: ['ffffffffffffffffffffffffffffffff'] }));
    expect(missing.failures?.[0]?.reason).toBe('MISSING');
  });
});
