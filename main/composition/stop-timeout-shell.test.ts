// A shell on a container that keeps running through its task's SIGTERM phase, as the person at
// the shell sees it, over the sandbox's real sockets. After StopTask, ECS sends every container
// SIGTERM: the web task's app (run under ECS's init) exits at once (143) and its shell ends; its
// log router (an app that is PID 1 itself, initProcessEnabled false) ignores SIGTERM, so its shell
// keeps working while the task is STOPPING, until ECS SIGKILLs the container at its stop timeout
// (137). That shell then ends as any shell whose agent stopped: the tab closes with Session
// Manager's end-of-session words, not as a failure. Each tab then learns that its task stopped
// (ECS's reason, its container's exit code), from the one DescribeTasks made when its shell ended.
import { DescribeTasksCommand, ECSClient, StopTaskCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionInfo } from '../../shared/contract/index.js';
import { runtimeIdFor } from '../sandbox/world/arns.js';
import { loadDemoWorld } from '../sandbox/world/load.js';
import type { WorldFile } from '../sandbox/world/schema.js';
import { DEMO_APP, startSandboxApp, type SandboxApp } from '../../testing/composition/sandbox-app.js';
import { TestClient } from '../../testing/composition/test-client.js';
import { clientConfig } from '../../testing/sandbox/api/test-helpers.js';
import { HeldStopTimers } from '../../testing/sandbox/held-stop-timers.js';

/**
 * The log router's stop timeout, in seconds (its container definition's stopTimeout): the SIGTERM
 * phase its shell lives through. Far longer than the test: its SIGKILL is held (HeldStopTimers)
 * and the test runs it, with the sandbox's clock moved past it, once the shell has answered.
 */
const LOG_ROUTER_STOP_TIMEOUT_S = 600;
/** StopTask's later steps: held until the test runs them. */
const held = new HeldStopTimers();

/** The demo world, its web task's log router ignoring SIGTERM (no init process) with a stop timeout of its own. */
function world(): WorldFile {
  const w = loadDemoWorld();
  for (const def of w.accounts[0]?.regions[0]?.taskDefinitions ?? []) {
    if (def.family !== 'web') continue;
    def.containers = def.containers.map((c) => (c.name === 'log-router' ? { ...c, initProcessEnabled: false, stopTimeout: LOG_ROUTER_STOP_TIMEOUT_S } : c));
  }
  return w;
}

let t: SandboxApp;
beforeAll(async () => {
  // ECS sends SIGTERM at once (no DEACTIVATING), and the app's container exits as soon as it takes it.
  t = await startSandboxApp({ sandbox: { world: world(), taskStopping: { deactivateMs: 0, containersExitMs: 0 }, taskStopTimers: held } });
});
afterAll(async () => {
  await t.stop();
});

describe('a container that ignores SIGTERM during its task stop', () => {
  it('keeps its shell working while the task is STOPPING; the shell ends, as an ordinary end, when ECS SIGKILLs the container', async () => {
    const sandbox = t.app.sandbox;
    if (sandbox === null) throw new Error('the sandbox did not start');
    const app = DEMO_APP.web;
    const logRouter = { ...app, containerName: 'log-router', runtimeId: runtimeIdFor(app.taskArn.split('/').at(-1) ?? '', 'log-router') };
    const c = new TestClient(t.app.router);
    const ecs = new ECSClient(clientConfig(sandbox));
    const containers = async () => (await ecs.send(new DescribeTasksCommand({ cluster: app.cluster, tasks: [app.taskArn] }))).tasks?.[0];
    try {
      const opened = await Promise.all([app, logRouter].map((target) => c.call('sessions', 'open', { target, cols: 80, rows: 24 })));
      const [appShell, routerShell] = opened.map((o) => o.session.id) as [string, string];
      await Promise.all([c.untilState(appShell, 'connected'), c.untilState(routerShell, 'connected')]);

      await ecs.send(new StopTaskCommand({ cluster: app.cluster, task: app.taskArn }));
      // The app took SIGTERM and exited: its shell is over.
      const appEnd = await c.untilState(appShell, 'closed');
      expect(appEnd).toMatchObject({ ending: 'exited' });
      // Porthole asks ECS about the task once the shell ended, and tells the tab why: the task is stopping, its app exited 143.
      const taskEnd = async (id: string) => {
        const said = () => (c.eventsOf('sessions', 'info') as { session: SessionInfo }[]).find((e) => e.session.id === id && e.session.taskEnd !== undefined)?.session.taskEnd;
        await c.until(`the task end of ${id}`, () => said() !== undefined);
        return said();
      };
      expect(await taskEnd(appShell)).toEqual({ state: 'stopping', stoppedReason: 'Task stopped by user', exitCode: 143 });

      // The log router runs on through the SIGTERM phase, and so does its shell.
      c.input(routerShell, 'echo still-here-$((6*7))\r');
      await c.untilText(routerShell, 'still-here-42');
      expect(c.lastStatus(routerShell)?.state).toBe('connected');
      const stopping = await containers();
      expect(stopping?.lastStatus).toBe('STOPPING');
      expect(stopping?.containers?.map((k) => [k.name, k.lastStatus, k.exitCode])).toEqual([
        ['app', 'STOPPED', 143],
        ['log-router', 'RUNNING', undefined],
      ]);

      // At its stop timeout ECS SIGKILLs it: the shell ends as one whose agent stopped, with Session Manager's words.
      // The sandbox's clock moves past the stop timeout (DescribeTasks reads it) and the held SIGKILL runs.
      vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
      vi.setSystemTime(Date.now() + LOG_ROUTER_STOP_TIMEOUT_S * 1000);
      expect(held.runDue(LOG_ROUTER_STOP_TIMEOUT_S * 1000)).toBe(1);
      const routerEnd = await c.untilState(routerShell, 'closed');
      const awsId = t.app.shells.get(routerShell).awsSessionId;
      expect(routerEnd).toMatchObject({ state: 'closed', ending: 'exited', reason: `Exiting session with sessionId: ${awsId}.` });
      expect(await taskEnd(routerShell)).toMatchObject({ stoppedReason: 'Task stopped by user', exitCode: 137 });
      const killed = await containers();
      expect(killed?.containers?.map((k) => [k.name, k.lastStatus, k.exitCode])).toEqual([
        ['app', 'STOPPED', 143],
        ['log-router', 'STOPPED', 137],
      ]);
      expect(killed?.executionStoppedAt).toBeDefined();
    } finally {
      vi.useRealTimers();
      ecs.destroy();
      c.close();
    }
  });
});
