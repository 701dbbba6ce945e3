// ECS's service scheduler in the sandbox: a task of a service that is stopped leaves the service a
// task short (runningCount down, nothing pending, no event) until the scheduler acts; it then
// starts a replacement with a new id that goes PROVISIONING, PENDING, ACTIVATING and RUNNING (its
// containers and exec agent PENDING until ACTIVATING), with the service's pendingCount and
// runningCount following it and ECS's events ("has started 1 tasks", "has reached a steady
// state"); the replacement takes sessions once RUNNING. UpdateService's desiredCount converges
// both ways, stopping the newest extra tasks as the scheduler does. An essential container exiting
// by itself stops its task as ECS does, and the service replaces that task too. The scheduler's steps are held
// (HeldStopTimers) and the sandbox's clock is set by the test, so nothing here races real time.
import {
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSClient,
  ExecuteCommandCommand,
  ListTasksCommand,
  StopTaskCommand,
  UpdateServiceCommand,
  type Task,
} from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../index.js';
import { TASK_LAUNCHING } from '../world/task-launch.js';
import { SERVICE_SCHEDULING } from './ecs/service-scheduler.js';
import { EXEC_NOT_ENABLED_MESSAGE } from './target-resolve.js';
import { adminFetch, apiSandbox, clientConfig } from '../../../testing/sandbox/api/test-helpers.js';
import { HeldStopTimers } from '../../../testing/sandbox/held-stop-timers.js';

const CLUSTER = 'demo-web';
const TASK = '5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001';
const OTHER = '5e1f4a2b9c3d4e5f6a7b8c9d0e1f0002';
const idOf = (arn: string | undefined): string => arn?.split('/').at(-1) ?? '';

describe("ECS's service scheduler in the sandbox", () => {
  // Each test has a sandbox of its own, its scheduler's steps held.
  let held: HeldStopTimers;
  let sb: Sandbox;
  let ecs: ECSClient;
  /** The sandbox reads its clock through Date: the test holds it at T0 (a whole second of now: signatures stay in date) and moves it on. */
  let T0 = 0;
  beforeEach(async () => {
    held = new HeldStopTimers();
    sb = await apiSandbox({ schedulerTimers: held });
    ecs = new ECSClient(clientConfig(sb));
    T0 = Math.floor(Date.now() / 1000) * 1000;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
  });
  afterEach(async () => {
    vi.useRealTimers();
    ecs.destroy();
    await sb.stop();
  });

  const service = async () => (await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: ['web'] }))).services?.[0];
  const counts = async () => {
    const s = await service();
    return { desired: s?.desiredCount, running: s?.runningCount, pending: s?.pendingCount };
  };
  const listed = async () => ((await ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: 'web' }))).taskArns ?? []).map(idOf).sort();
  const describe1 = async (id: string): Promise<Task | undefined> => (await ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [id] }))).tasks?.[0];
  const at = (ms: number) => vi.setSystemTime(T0 + ms);

  it('replaces a stopped task after a gap: a new task PROVISIONING → PENDING → ACTIVATING → RUNNING, with its events and counts', async () => {
    expect(await counts()).toEqual({ desired: 2, running: 2, pending: 0 });
    await ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: TASK }));

    // The gap: the stopping task no longer counts, nothing is started yet.
    expect(await describe1(TASK)).toMatchObject({ lastStatus: 'DEACTIVATING', desiredStatus: 'STOPPED' });
    expect(await counts()).toEqual({ desired: 2, running: 1, pending: 0 });
    expect(await listed()).toEqual([OTHER]);
    expect((await service())?.events).toEqual([]);
    expect(held.pending).toBe(1);

    // The scheduler acts.
    at(SERVICE_SCHEDULING.reconcileDelayMs);
    expect(held.runDue(SERVICE_SCHEDULING.reconcileDelayMs)).toBe(1);
    const now = await listed();
    expect(now).toHaveLength(2);
    const fresh = now.find((id) => id !== OTHER) ?? '';
    expect(fresh).toMatch(/^[0-9a-f]{32}$/);
    expect(fresh).not.toBe(TASK);
    const events = (await service())?.events ?? [];
    expect(events.map((e) => e.message)).toEqual([`(service web) has started 1 tasks: (task ${fresh}).`]);
    expect(events[0]?.createdAt?.getTime()).toBe(T0 + SERVICE_SCHEDULING.reconcileDelayMs);
    expect(events[0]?.id).toMatch(/^[0-9a-f-]{36}$/);

    const provisioning = await describe1(fresh);
    expect(provisioning).toMatchObject({ lastStatus: 'PROVISIONING', desiredStatus: 'RUNNING', group: 'service:web', startedBy: 'ecs-svc/web', taskDefinitionArn: expect.stringMatching(/task-definition\/web:3$/) });
    expect(provisioning?.startedAt).toBeUndefined();
    expect(provisioning?.createdAt?.getTime()).toBe(T0 + SERVICE_SCHEDULING.reconcileDelayMs);
    expect(provisioning?.containers?.map((c) => [c.name, c.lastStatus, c.managedAgents?.[0]?.lastStatus])).toEqual([
      ['app', 'PENDING', 'PENDING'],
      ['log-router', 'PENDING', 'PENDING'],
    ]);
    // Not created yet: no runtime id; it has one once its containers run.
    expect(provisioning?.containers?.[0]?.runtimeId).toBeUndefined();
    expect(await counts()).toEqual({ desired: 2, running: 1, pending: 1 });
    // Not running yet: ECS Exec refuses it as any task not RUNNING.
    await expect(ecs.send(new ExecuteCommandCommand({ cluster: CLUSTER, task: fresh, container: 'app', command: '/bin/sh', interactive: true }))).rejects.toMatchObject({ message: EXEC_NOT_ENABLED_MESSAGE });

    const started = SERVICE_SCHEDULING.reconcileDelayMs;
    at(started + TASK_LAUNCHING.provisionMs);
    expect((await describe1(fresh))?.lastStatus).toBe('PENDING');
    at(started + TASK_LAUNCHING.provisionMs + TASK_LAUNCHING.pendingMs);
    const activating = await describe1(fresh);
    expect(activating).toMatchObject({ lastStatus: 'ACTIVATING', containers: [expect.objectContaining({ lastStatus: 'RUNNING' }), expect.objectContaining({ lastStatus: 'RUNNING' })] });
    expect(activating?.containers?.[0]?.runtimeId?.startsWith(fresh)).toBe(true);
    expect(activating?.pullStoppedAt?.getTime()).toBe(T0 + started + TASK_LAUNCHING.provisionMs + TASK_LAUNCHING.pendingMs);
    expect(await counts()).toEqual({ desired: 2, running: 1, pending: 1 });

    const runningAt = started + TASK_LAUNCHING.provisionMs + TASK_LAUNCHING.pendingMs + TASK_LAUNCHING.activateMs;
    at(runningAt);
    const running = await describe1(fresh);
    expect(running).toMatchObject({ lastStatus: 'RUNNING', desiredStatus: 'RUNNING' });
    expect(running?.startedAt?.getTime()).toBe(T0 + runningAt);
    expect(await counts()).toEqual({ desired: 2, running: 2, pending: 0 });
    expect((await service())?.deployments?.[0]).toMatchObject({ runningCount: 2, pendingCount: 0, rolloutState: 'COMPLETED' });
    const exec = await ecs.send(new ExecuteCommandCommand({ cluster: CLUSTER, task: fresh, container: 'app', command: '/bin/sh', interactive: true }));
    expect(exec.session?.sessionId).toBeTruthy();
    // Once it runs, the service is steady again.
    expect(held.runDue(runningAt)).toBe(1);
    expect((await service())?.events?.map((e) => e.message)).toEqual(['(service web) has reached a steady state.', `(service web) has started 1 tasks: (task ${fresh}).`]);
    // The stopped task stays stopped; it is not the one that came back.
    expect(await describe1(TASK)).toMatchObject({ desiredStatus: 'STOPPED' });
  });

  it('UpdateService desiredCount converges: up starts tasks, down stops the newest (ServiceSchedulerInitiated)', async () => {
    Object.assign(sb.taskLaunching, { provisionMs: 0, pendingMs: 0, activateMs: 0 });
    const before = await listed();
    expect(before).toHaveLength(2);
    const up = await ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'web', desiredCount: 4 }));
    // The answer has the new desiredCount, the tasks as they are.
    expect(up.service).toMatchObject({ desiredCount: 4, runningCount: 2 });
    expect(held.runDue(SERVICE_SCHEDULING.reconcileDelayMs)).toBe(1);
    const grown = await listed();
    expect(grown).toHaveLength(4);
    const added = grown.filter((id) => !before.includes(id));
    const message = (await service())?.events?.[0]?.message ?? '';
    expect(message).toMatch(/^\(service web\) has started 2 tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\.$/);
    expect([...message.matchAll(/\(task ([0-9a-f]{32})\)/g)].map((m) => m[1]).sort()).toEqual(added);
    expect(await counts()).toEqual({ desired: 4, running: 4, pending: 0 });

    await ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'web', desiredCount: 1 }));
    expect(held.runDue(SERVICE_SCHEDULING.reconcileDelayMs)).toBe(1);
    const left = await listed();
    expect(left).toHaveLength(1);
    const stopped = grown.filter((id) => !left.includes(id));
    expect(stopped).toHaveLength(3);
    // The newest go first: both tasks just added are among those stopped.
    expect(added.every((id) => stopped.includes(id))).toBe(true);
    const t = await describe1(added[0] ?? '');
    expect(t).toMatchObject({ desiredStatus: 'STOPPED', stopCode: 'ServiceSchedulerInitiated', stoppedReason: 'Scaling activity initiated by (deployment ecs-svc/web)' });
    expect((await service())?.events?.[0]?.message).toMatch(/^\(service web\) has stopped 3 running tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\.$/);
    expect(await counts()).toMatchObject({ desired: 1, running: 1 });
    // Matching already, the scheduler has nothing to do.
    await ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'web', desiredCount: 1 }));
    expect(held.pending).toBe(0);
  });

  it('an essential container exiting stops its task (EssentialContainerExited, its exit code) and the service replaces it', async () => {
    sb.exitContainer({ cluster: CLUSTER, task: TASK, container: 'app', exitCode: 2 });
    const t = await describe1(TASK);
    expect(t).toMatchObject({ lastStatus: 'DEACTIVATING', desiredStatus: 'STOPPED', stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited' });
    // The exited container reports its own code at once; the other takes ECS's SIGTERM later.
    expect(t?.containers?.map((c) => [c.name, c.lastStatus, c.exitCode])).toEqual([
      ['app', 'STOPPED', 2],
      ['log-router', 'RUNNING', undefined],
    ]);
    expect(await counts()).toEqual({ desired: 2, running: 1, pending: 0 });
    expect(held.runDue(SERVICE_SCHEDULING.reconcileDelayMs)).toBe(1);
    const now = await listed();
    expect(now).toHaveLength(2);
    expect(now).not.toContain(TASK);
    expect((await service())?.events?.[0]?.message).toMatch(/^\(service web\) has started 1 tasks: \(task [0-9a-f]{32}\)\.$/);

    // The same through the admin route; a container that is not essential, or a task already stopping, is refused with why.
    const post = (body: unknown) => adminFetch(sb, 'container-exit', { method: 'POST', body: JSON.stringify(body) });
    const nonEssential = await post({ cluster: CLUSTER, task: OTHER, container: 'log-router' });
    expect(nonEssential.status).toBe(400);
    expect(((await nonEssential.json()) as { error: string }).error).toContain('log-router is not essential');
    expect((await post({ cluster: CLUSTER, task: TASK, container: 'app' })).status).toBe(400);
    expect((await post({ cluster: CLUSTER, task: OTHER, container: 'app', exitCode: 'x' })).status).toBe(400);
    const ok = await post({ cluster: CLUSTER, task: OTHER, container: 'app' });
    expect(ok.status).toBe(200);
    expect((await describe1(OTHER))?.containers?.[0]).toMatchObject({ name: 'app', lastStatus: 'STOPPED', exitCode: 1 });
  });

  it('refuses UpdateService for an unknown service, a negative count, or members it does not model', async () => {
    await expect(ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'ghost', desiredCount: 1 }))).rejects.toMatchObject({ name: 'ServiceNotFoundException' });
    await expect(ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'web', desiredCount: -1 }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'web', forceNewDeployment: true }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining('forceNewDeployment'),
    });
  });
});
