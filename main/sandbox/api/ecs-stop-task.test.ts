// StopTask in the sandbox, as ECS stops a task: the answer and DescribeTasks show it stopping
// (desiredStatus STOPPED, lastStatus RUNNING then DEACTIVATING, containers still running with no exit
// code, its session still open while the containers take SIGTERM), it leaves the running list and
// new sessions are refused; then its containers exit (143), their sessions end (in its region
// only), its exec agent is STOPPED, and DescribeTasks reaches STOPPED with the reason.
import { DescribeClustersCommand, DescribeServicesCommand, DescribeTasksCommand, ECSClient, ExecuteCommandCommand, ListTasksCommand, StopTaskCommand } from '@aws-sdk/client-ecs';
import { SSMClient, StartSessionCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../index.js';
import { EXEC_NOT_ENABLED_MESSAGE } from './target-resolve.js';
import { apiSandbox, clientConfig } from '../../../testing/sandbox/api/test-helpers.js';

const TASK = '5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001';
const OTHER = '5e1f4a2b9c3d4e5f6a7b8c9d0e1f0002';
/** Long enough that nothing of the stop after StopTask's answer happens during the test. */
const NEVER_MS = 10 * 60_000;
/** Short, so the test sees the whole stop while polling. */
const BRIEF_MS = 100;
/** How long to poll for the end of a stop that takes BRIEF_MS twice (generous for a loaded machine). */
const POLL = { timeout: 20_000, interval: 50 } as const;

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

  const port = { DocumentName: 'AWS-StartPortForwardingSession', Parameters: { portNumber: ['8080'] } };

  it('answers with the task still RUNNING and desiredStatus STOPPED; DescribeTasks shows it DEACTIVATING, its containers not yet down, its session open, new ones refused', async () => {
    sb.taskStopping.deactivateMs = NEVER_MS;
    sb.taskStopping.containersExitMs = NEVER_MS;
    sb.taskStopping.stopTimeoutMs = NEVER_MS;
    sb.taskStopping.deprovisionMs = NEVER_MS;
    // The service's replacement is not started during this test (service-scheduler.test covers it).
    sb.serviceScheduling.reconcileDelayMs = NEVER_MS;
    const open = await ssm.send(new StartSessionCommand({ Target: targetOf(TASK), ...port }));
    const counts = async () => {
      const service = (await ecs.send(new DescribeServicesCommand({ cluster: 'demo-web', services: ['web'] }))).services?.[0];
      const cluster = (await ecs.send(new DescribeClustersCommand({ clusters: ['demo-web'] }))).clusters?.[0];
      return { running: service?.runningCount, pending: service?.pendingCount, deployment: service?.deployments?.[0]?.runningCount, cluster: cluster?.runningTasksCount };
    };
    const listed = await counts();
    const before = Date.now() / 1000;
    const stopped = await ecs.send(new StopTaskCommand({ cluster: 'demo-web', task: TASK, reason: 'Scaling activity initiated by deployment ecs-svc/1' }));
    expect(stopped.task).toMatchObject({ lastStatus: 'RUNNING', desiredStatus: 'STOPPED', stopCode: 'UserInitiated', stoppedReason: 'Scaling activity initiated by deployment ecs-svc/1' });
    expect((stopped.task?.stoppingAt?.getTime() ?? 0) / 1000).toBeGreaterThanOrEqual(Math.floor(before));
    expect(stopped.task?.stoppedAt).toBeUndefined();

    const task = (await ecs.send(new DescribeTasksCommand({ cluster: 'demo-web', tasks: [TASK] }))).tasks?.[0];
    expect(task).toMatchObject({ lastStatus: 'DEACTIVATING', desiredStatus: 'STOPPED', stopCode: 'UserInitiated', stoppedReason: 'Scaling activity initiated by deployment ecs-svc/1' });
    expect(task?.stoppedAt).toBeUndefined();
    expect(task?.executionStoppedAt).toBeUndefined();
    expect(task?.containers?.[0]).toMatchObject({ lastStatus: 'RUNNING', managedAgents: [expect.objectContaining({ lastStatus: 'RUNNING' })] });
    expect(task?.containers?.[0]?.exitCode).toBeUndefined();
    // ECS's runningCount (service, deployment) and runningTasksCount count RUNNING tasks only; a stopping one is not pending either.
    const one = (n: number | undefined): number => (n ?? 0) - 1;
    expect(await counts()).toEqual({ running: one(listed.running), pending: listed.pending, deployment: one(listed.deployment), cluster: one(listed.cluster) });

    // Its agent runs on until the container is down; a new session is refused, the task being no
    // longer RUNNING (ECS Exec needs a RUNNING task: AWS's amazon-ecs-exec-checker marks any other
    // lastStatus red), though its container and exec agent still run through the SIGTERM phase.
    expect(sb.registry.get(open.SessionId ?? '')?.state).toBe('Pending');
    await expect(ssm.send(new StartSessionCommand({ Target: targetOf(TASK), ...port }))).rejects.toMatchObject({ name: 'TargetNotConnected' });
    await expect(ecs.send(new ExecuteCommandCommand({ cluster: 'demo-web', task: TASK, container: 'app', command: '/bin/sh', interactive: true }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: EXEC_NOT_ENABLED_MESSAGE,
    });
    // ListTasks goes by desiredStatus: the stopping task is listed as STOPPED already.
    expect((await ecs.send(new ListTasksCommand({ cluster: 'demo-web' }))).taskArns?.some((a) => a.endsWith(TASK))).toBe(false);
    expect((await ecs.send(new ListTasksCommand({ cluster: 'demo-web', desiredStatus: 'STOPPED' }))).taskArns?.some((a) => a.endsWith(TASK))).toBe(true);
    // Asked again while it stops, StopTask changes nothing.
    expect((await ecs.send(new StopTaskCommand({ cluster: 'demo-web', task: TASK, reason: 'later' }))).task).toMatchObject({ lastStatus: 'DEACTIVATING', stoppedReason: 'Scaling activity initiated by deployment ecs-svc/1' });
  });

  it('then its containers exit (143: SIGTERM honoured), their sessions end in its region only, and the task is STOPPED with "Task stopped by user"', async () => {
    sb.taskStopping.deactivateMs = BRIEF_MS;
    sb.taskStopping.containersExitMs = BRIEF_MS;
    sb.taskStopping.deprovisionMs = BRIEF_MS;
    const open = await ssm.send(new StartSessionCommand({ Target: targetOf(OTHER), ...port }));
    // A session on a same-named cluster and task in another region: that task runs on.
    const elsewhere = 'someone-0123456789abcdef0';
    sb.registry.add({
      sessionId: elsewhere,
      target: targetOf(OTHER),
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
    expect((await ecs.send(new StopTaskCommand({ cluster: 'demo-web', task: OTHER }))).task).toMatchObject({ lastStatus: 'RUNNING', desiredStatus: 'STOPPED', stoppedReason: 'Task stopped by user' });

    const task = await vi.waitFor(async () => {
      const t = (await ecs.send(new DescribeTasksCommand({ cluster: 'demo-web', tasks: [OTHER] }))).tasks?.[0];
      expect(t?.lastStatus).toBe('STOPPED');
      return t;
    }, POLL);
    expect(task).toMatchObject({ desiredStatus: 'STOPPED', stopCode: 'UserInitiated', stoppedReason: 'Task stopped by user' });
    const [stoppingAt, executionStoppedAt, stoppedAt] = [task?.stoppingAt, task?.executionStoppedAt, task?.stoppedAt].map((d) => d?.getTime() ?? NaN);
    expect(stoppingAt).toBeLessThan(executionStoppedAt!);
    expect(executionStoppedAt).toBeLessThan(stoppedAt!);
    // The demo's containers run with ECS's init process: SIGTERM ends them, as 128 + 15.
    expect(task?.containers?.[0]).toMatchObject({ lastStatus: 'STOPPED', exitCode: 143 });
    // The exec agent stopped with its container, as ECS reports it.
    expect(task?.containers?.[0]?.managedAgents?.[0]).toMatchObject({ name: 'ExecuteCommandAgent', lastStatus: 'STOPPED' });

    expect(sb.registry.get(open.SessionId ?? '')?.state).toBe('Terminated');
    expect(sb.registry.get(elsewhere)?.state).toBe('Pending');
    await expect(ssm.send(new StartSessionCommand({ Target: targetOf(OTHER), ...port }))).rejects.toMatchObject({ name: 'TargetNotConnected' });
    // A stopped task keeps its first stop.
    expect((await ecs.send(new StopTaskCommand({ cluster: 'demo-web', task: OTHER, reason: 'later' }))).task?.stoppedReason).toBe('Task stopped by user');
  });

  it("closing the sandbox leaves no stop pending: a task's containers cannot go down, nor end sessions, after it closed", async () => {
    const own = await apiSandbox({ taskStopping: { containersExitMs: NEVER_MS, stopTimeoutMs: NEVER_MS }, serviceScheduling: { reconcileDelayMs: NEVER_MS } });
    const client = new ECSClient(clientConfig(own));
    try {
      await client.send(new StopTaskCommand({ cluster: 'demo-web', task: TASK }));
      expect(own.taskStopTimers.pending).toBe(1);
      // The service's scheduler has its replacement due too.
      expect(own.schedulerTimers.pending).toBe(1);
    } finally {
      client.destroy();
      await own.stop();
    }
    expect(own.taskStopTimers.pending).toBe(0);
    expect(own.schedulerTimers.pending).toBe(0);
  });

  it('refuses a task it does not know and a reason too long', async () => {
    await expect(ecs.send(new StopTaskCommand({ cluster: 'demo-web', task: 'ffffffffffffffffffffffffffffffff' }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(ecs.send(new StopTaskCommand({ cluster: 'demo-web', task: OTHER, reason: 'x'.repeat(256) }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    const missing = await ecs.send(new DescribeTasksCommand({ cluster: 'demo-web', tasks: ['ffffffffffffffffffffffffffffffff'] }));
    expect(missing.failures?.[0]?.reason).toBe('MISSING');
  });
});
