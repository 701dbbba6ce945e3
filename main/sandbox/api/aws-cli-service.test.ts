/**
 * The official AWS CLI v2 (/usr/bin/aws) reads the sandbox's ECS answers during and after a stop
 * of a service's task, and once the service scheduler has started its replacements. The CLI keeps
 * only the members its ECS model knows (botocore drops any other), so each field asserted here is
 * one AWS itself defines, with the shape the CLI expects (timestamps it can render, lists, counts).
 * One task is held DEACTIVATING (its stop takes longer than the test), the other is STOPPED at
 * once; the scheduler's step is held until the test runs it, and the replacements stay
 * PROVISIONING, so no answer races the clock. A missing CLI fails the test saying what to install.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { ECSClient, StopTaskCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../index.js';
import { apiSandbox, clientConfig } from '../../../testing/sandbox/api/test-helpers.js';
import { HeldStopTimers } from '../../../testing/sandbox/held-stop-timers.js';

const run = promisify(execFile);
const V2_PATH = '/usr/bin/aws';
/** Each CLI start costs seconds (Python start-up); on a loaded 2-core box this test runs 7 of them, 4 at a time. */
const CLI_TEST_TIMEOUT_MS = 240_000;
/** Longer than the test: a step given this long never comes during it. */
const NEVER_MS = 10 * 60_000;
/** The demo's two `web` tasks: one looked at while it stops, one once it stopped. */
const TASKS = { during: '5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001', after: '5e1f4a2b9c3d4e5f6a7b8c9d0e1f0002' } as const;

interface CliTask {
  taskArn: string;
  lastStatus: string;
  desiredStatus: string;
  group: string;
  startedBy?: string;
  stopCode?: string;
  stoppedReason?: string;
  createdAt?: string;
  startedAt?: string;
  stoppingAt?: string;
  executionStoppedAt?: string;
  stoppedAt?: string;
  containers: Array<{ name: string; lastStatus: string; exitCode?: number; managedAgents?: Array<{ name: string; lastStatus: string }> }>;
}
interface CliService {
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  deployments: Array<{ runningCount: number; pendingCount: number; rolloutState: string }>;
  events: Array<{ id: string; createdAt: string; message: string }>;
}

describe('the AWS CLI v2 reading a service task stop and its replacement', () => {
  const held = new HeldStopTimers();
  let sb: Sandbox;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    sb = await apiSandbox({ schedulerTimers: held, taskLaunching: { provisionMs: NEVER_MS } });
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
    env = { ...clean, AWS_CONFIG_FILE: sb.configFile, AWS_SHARED_CREDENTIALS_FILE: sb.credentialsFile, AWS_PAGER: '' };
  });
  afterAll(() => sb.stop());

  async function cli<T>(args: string[]): Promise<T> {
    const { stdout } = await run(V2_PATH, ['--profile', sb.profile, '--endpoint-url', sb.endpoint, '--output', 'json', 'ecs', ...args, '--cluster', 'demo-web'], { env, timeout: CLI_TEST_TIMEOUT_MS });
    return JSON.parse(stdout) as T;
  }
  const ids = (arns: string[]): string[] => arns.map((a) => a.split('/').at(-1) ?? '').sort();
  const isoTime = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);

  it('shows the stopping and stopped tasks, the service a task short, then the replacements starting with its event', async () => {
    if (!existsSync(V2_PATH)) throw new Error(`AWS CLI v2 not found at ${V2_PATH} (install Debian's awscli package)`);
    const ecs = new ECSClient(clientConfig(sb));
    try {
      Object.assign(sb.taskStopping, { deactivateMs: NEVER_MS });
      await ecs.send(new StopTaskCommand({ cluster: 'demo-web', task: TASKS.during, reason: 'Deploying a fix' }));
      Object.assign(sb.taskStopping, { deactivateMs: 0, containersExitMs: 0, deprovisionMs: 0 });
      await ecs.send(new StopTaskCommand({ cluster: 'demo-web', task: TASKS.after }));
    } finally {
      ecs.destroy();
    }

    const [described, services, running, stopped] = await Promise.all([
      cli<{ tasks: CliTask[]; failures: unknown[] }>(['describe-tasks', '--tasks', TASKS.during, TASKS.after]),
      cli<{ services: CliService[] }>(['describe-services', '--services', 'web']),
      cli<{ taskArns: string[] }>(['list-tasks', '--service-name', 'web']),
      cli<{ taskArns: string[] }>(['list-tasks', '--service-name', 'web', '--desired-status', 'STOPPED']),
    ]);
    const [during, after] = described.tasks;
    // During: DEACTIVATING, desired STOPPED at once, why and stoppingAt set, containers still running, nothing stopped yet.
    expect(during).toMatchObject({ lastStatus: 'DEACTIVATING', desiredStatus: 'STOPPED', stopCode: 'UserInitiated', stoppedReason: 'Deploying a fix', stoppingAt: isoTime, group: 'service:web', startedBy: 'ecs-svc/web' });
    expect(during).not.toHaveProperty('stoppedAt');
    expect(during).not.toHaveProperty('executionStoppedAt');
    expect(during?.containers.map((c) => [c.name, c.lastStatus, c.exitCode])).toEqual([
      ['app', 'RUNNING', undefined],
      ['log-router', 'RUNNING', undefined],
    ]);
    // After: STOPPED with every timestamp, containers exited on SIGTERM (143), exec agent stopped.
    expect(after).toMatchObject({ lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stopCode: 'UserInitiated', stoppedReason: 'Task stopped by user', stoppingAt: isoTime, executionStoppedAt: isoTime, stoppedAt: isoTime });
    expect(after?.containers[0]).toMatchObject({ name: 'app', lastStatus: 'STOPPED', exitCode: 143, managedAgents: [{ name: 'ExecuteCommandAgent', lastStatus: 'STOPPED' }] });
    expect(described.failures).toEqual([]);
    // The service is two tasks short and has started nothing yet.
    expect(services.services[0]).toMatchObject({ desiredCount: 2, runningCount: 0, pendingCount: 0, events: [] });
    expect(running.taskArns).toEqual([]);
    expect(ids(stopped.taskArns)).toEqual([TASKS.during, TASKS.after]);

    // The scheduler acts: both replacements start in one step, with one event.
    expect(held.runDue(sb.serviceScheduling.reconcileDelayMs)).toBe(1);
    // The new ids, from the sandbox's world (one CLI round less: each start costs seconds); the CLI lists the same.
    const cluster = sb.world.region(sb.world.defaultAccount, sb.region).cluster('demo-web');
    const fresh = (cluster?.tasks ?? []).filter((t) => t.launch !== undefined).map((t) => t.spec.id).sort();
    expect(fresh).toHaveLength(2);
    const [listed, replacements, service] = await Promise.all([
      cli<{ taskArns: string[] }>(['list-tasks', '--service-name', 'web']),
      cli<{ tasks: CliTask[] }>(['describe-tasks', '--tasks', ...fresh]),
      cli<{ services: CliService[] }>(['describe-services', '--services', 'web']),
    ]);
    expect(ids(listed.taskArns)).toEqual(fresh);
    expect(fresh.some((id) => id === TASKS.during || id === TASKS.after)).toBe(false);
    for (const t of replacements.tasks) {
      expect(t).toMatchObject({ lastStatus: 'PROVISIONING', desiredStatus: 'RUNNING', group: 'service:web', startedBy: 'ecs-svc/web', createdAt: isoTime });
      expect(t).not.toHaveProperty('startedAt');
      expect(t).not.toHaveProperty('stoppingAt');
      expect(t.containers.map((c) => [c.lastStatus, c.managedAgents?.[0]?.lastStatus])).toEqual([
        ['PENDING', 'PENDING'],
        ['PENDING', 'PENDING'],
      ]);
    }
    const s = service.services[0];
    expect(s).toMatchObject({ desiredCount: 2, runningCount: 0, pendingCount: 2, deployments: [{ runningCount: 0, pendingCount: 2, rolloutState: 'IN_PROGRESS' }] });
    expect(s?.events).toHaveLength(1);
    expect(s?.events[0]).toMatchObject({ id: expect.any(String), createdAt: isoTime, message: expect.stringMatching(/^\(service web\) has started 2 tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\.$/) });
    expect([...(s?.events[0]?.message.matchAll(/\(task ([0-9a-f]{32})\)/g) ?? [])].map((m) => m[1]).sort()).toEqual(fresh);
  }, CLI_TEST_TIMEOUT_MS);
});
