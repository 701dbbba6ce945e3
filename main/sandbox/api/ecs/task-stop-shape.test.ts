// A task StopTask stopped, as DescribeTasks shows it at each moment of its stop (ECS task
// lifecycle): desiredStatus STOPPED and DEACTIVATING from StopTask's own instant (its answer alone
// says RUNNING: ecs-stop-task.test), every container still running; then STOPPING while its
// containers take SIGTERM (no exit code yet); a container
// that honours SIGTERM (ECS's init passes it on) exits soon (143), one that ignores it (its app is
// PID 1) runs on until ECS SIGKILLs it at its stop timeout (137), and the task stays STOPPING until
// then; DEPROVISIONING for an awsvpc task once the last is down, STOPPED last, each timestamp
// appearing with its step. A bridge task has no interface to detach.
import { describe, expect, it, vi } from 'vitest';
import { parseWorld } from '../../world/load.js';
import { World } from '../../world/model.js';
import { planStop, STOP_EXIT_CODES, stoppedExitCode, stopPhase } from '../../world/task-stop.js';
import { taskShape } from './shapes.js';

const AWSVPC_TASK = '0123456789abcdef0123456789abcdef';
const BRIDGE_TASK = 'fedcba9876543210fedcba9876543210';

function world(): World {
  return new World(
    parseWorld({
      accounts: [
        {
          id: '123456789012',
          regions: [
            {
              name: 'us-east-1',
              taskDefinitions: [
                { family: 'web', containers: [{ name: 'app' }, { name: 'sidecar', initProcessEnabled: false, essential: false }] },
                { family: 'batch', networkMode: 'bridge', requiresCompatibilities: ['EC2'], containers: [{ name: 'job', initProcessEnabled: false }] },
              ],
              clusters: [
                {
                  name: 'c',
                  tasks: [
                    { id: AWSVPC_TASK, taskDefinition: 'web:1', containers: [{ name: 'app' }, { name: 'sidecar' }] },
                    { id: BRIDGE_TASK, taskDefinition: 'batch:1', launchType: 'EC2', containers: [{ name: 'job' }] },
                  ],
                },
              ],
            },
          ],
        },
      ],
    }),
  );
}

type Shape = { lastStatus: string; desiredStatus: string; containers: Array<Record<string, unknown>> } & Record<string, unknown>;

describe('a task stopping after StopTask', () => {
  const T0 = Date.UTC(2026, 11, 7, 12, 0, 0);
  const timings = { deactivateMs: 500, containersExitMs: 1000, stopTimeoutMs: 5000, deprovisionMs: 2000 };
  /** The containers of the world's tasks as StopTask reads their definitions. */
  const webContainers = [{ name: 'app', honoursSigterm: true }, { name: 'sidecar', honoursSigterm: false }];

  it('goes DEACTIVATING (desired STOPPED), STOPPING, DEPROVISIONING, STOPPED, with exit codes only once its containers are down', () => {
    const w = world();
    const view = w.region(w.defaultAccount, 'us-east-1');
    const task = view.cluster('c')!.tasksById.get(AWSVPC_TASK)!;
    task.requestStop(planStop(T0, timings, true, { stoppedReason: 'Task stopped by user', stopCode: 'UserInitiated' }, webContainers));
    const at = (ms: number) => taskShape(view, task, T0 + ms) as Shape;

    // A DescribeTasks in StopTask's own millisecond already sees it deactivating, its containers untouched.
    const answer = at(0);
    expect(answer).toMatchObject({ lastStatus: 'DEACTIVATING', desiredStatus: 'STOPPED', stopCode: 'UserInitiated', stoppedReason: 'Task stopped by user', stoppingAt: T0 / 1000 });
    expect(answer).not.toHaveProperty('stoppedAt');
    expect(answer).not.toHaveProperty('executionStoppedAt');

    expect(at(499)).toMatchObject({ lastStatus: 'DEACTIVATING', containers: [expect.objectContaining({ lastStatus: 'RUNNING' }), expect.objectContaining({ lastStatus: 'RUNNING' })] });
    expect(task.specAt(T0 + 499)).toMatchObject({ lastStatus: 'DEACTIVATING', desiredStatus: 'STOPPED', stopCode: 'UserInitiated' });

    // SIGTERM goes to the containers at 500 ms: STOPPING.
    const stopping = at(1000);
    expect(stopping.lastStatus).toBe('STOPPING');
    expect(stopping.containers.map((c) => c['lastStatus'])).toEqual(['RUNNING', 'RUNNING']);
    expect(stopping.containers.some((c) => 'exitCode' in c)).toBe(false);
    expect(stopping.containers[0]?.['managedAgents']).toEqual([expect.objectContaining({ lastStatus: 'RUNNING' })]);
    expect(task.specAt(T0 + 500).lastStatus).toBe('STOPPING');
    expect(stopping).not.toHaveProperty('executionStoppedAt');

    // SIGTERM through ECS's init process ends the app (143); the sidecar's app, PID 1 itself, ignores it and runs on.
    const graced = at(2000);
    expect(graced.lastStatus).toBe('STOPPING');
    expect(graced).not.toHaveProperty('executionStoppedAt');
    expect(graced.containers.map((c) => [c['name'], c['lastStatus'], c['exitCode']])).toEqual([
      ['app', 'STOPPED', 143],
      ['sidecar', 'RUNNING', undefined],
    ]);
    expect(graced.containers[0]?.['managedAgents']).toEqual([expect.objectContaining({ lastStatus: 'STOPPED' })]);
    expect(at(5499).containers[1]?.['lastStatus']).toBe('RUNNING');

    // At its stop timeout after SIGTERM ECS SIGKILLs it (137): the last container is down, the task deprovisions.
    const deprovisioning = at(6000);
    expect(deprovisioning).toMatchObject({ lastStatus: 'DEPROVISIONING', desiredStatus: 'STOPPED', executionStoppedAt: (T0 + 5500) / 1000 });
    expect(deprovisioning).not.toHaveProperty('stoppedAt');
    expect(deprovisioning.containers.map((c) => [c['name'], c['lastStatus'], c['exitCode']])).toEqual([
      ['app', 'STOPPED', 143],
      ['sidecar', 'STOPPED', 137],
    ]);

    expect(at(7499).lastStatus).toBe('DEPROVISIONING');
    const stopped = at(7500);
    expect(stopped).toMatchObject({ lastStatus: 'STOPPED', stoppingAt: T0 / 1000, executionStoppedAt: (T0 + 5500) / 1000, stoppedAt: (T0 + 7500) / 1000, stoppedReason: 'Task stopped by user' });
    expect(stopped.containers.map((c) => c['exitCode'])).toEqual([143, 137]);
  });

  it('a bridge task has nothing to deprovision: STOPPED when its containers are down', () => {
    const w = world();
    const view = w.region(w.defaultAccount, 'us-east-1');
    const task = view.cluster('c')!.tasksById.get(BRIDGE_TASK)!;
    task.requestStop(planStop(T0, timings, false, { stoppedReason: 'why', stopCode: 'UserInitiated' }, [{ name: 'job', honoursSigterm: false }]));
    expect((taskShape(view, task, T0 + 5499) as Shape).lastStatus).toBe('STOPPING');
    expect(taskShape(view, task, T0 + 5500)).toMatchObject({ lastStatus: 'STOPPED', stoppedAt: (T0 + 5500) / 1000, containers: [expect.objectContaining({ exitCode: STOP_EXIT_CODES.sigkill })] });
  });

  it("a container's own stop timeout decides when ECS SIGKILLs it, even one that would have honoured SIGTERM later", () => {
    const stop = planStop(T0, timings, true, { stoppedReason: 'r', stopCode: 'UserInitiated' }, [
      { name: 'quick-kill', honoursSigterm: false, stopTimeoutMs: 2000 },
      { name: 'slow-term', honoursSigterm: true, stopTimeoutMs: 500 },
    ]);
    // Both counted from SIGTERM, after DEACTIVATING.
    expect(Object.fromEntries(stop.containerExits)).toEqual({ 'quick-kill': { at: T0 + 2500, exitCode: 137 }, 'slow-term': { at: T0 + 1000, exitCode: 137 } });
    expect(stop.executionStoppedAt).toBe(T0 + 2500);
  });

  it('with no time to stop, is STOPPED at once', () => {
    const stop = planStop(T0, { deactivateMs: 0, containersExitMs: 0, stopTimeoutMs: 0, deprovisionMs: 0 }, true, { stoppedReason: 'r', stopCode: 'UserInitiated' }, webContainers);
    expect(stopPhase(stop, T0)).toBe('STOPPED');
  });

  it('exit codes: signals only where ECS stopped the containers', () => {
    expect(stoppedExitCode('UserInitiated', true)).toBe(143);
    expect(stoppedExitCode('ServiceSchedulerInitiated', false)).toBe(137);
    // An essential container that exited on its own, or a world that says nothing: 0, as before.
    expect(stoppedExitCode('EssentialContainerExited', true)).toBe(0);
    expect(stoppedExitCode(undefined, false)).toBe(0);
  });

  it('a task nobody stopped is read as loaded, without reading the clock (a big world reads spec per task)', () => {
    const w = world();
    const task = w.region(w.defaultAccount, 'us-east-1').cluster('c')!.tasksById.get(AWSVPC_TASK)!;
    const now = vi.spyOn(Date, 'now');
    try {
      expect(task.spec.lastStatus).toBe('RUNNING');
      expect(task.arn).toContain(AWSVPC_TASK);
      expect(now).not.toHaveBeenCalled();
    } finally {
      now.mockRestore();
    }
  });
});
