import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDemoWorld, loadWorldFile, parseWorld, WorldError } from './load.js';
import { roleAllows } from './iam.js';
import { World } from './model.js';

const dir = mkdtempSync(path.join(tmpdir(), 'porthole-world-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function minimal(): Record<string, unknown> {
  return {
    accounts: [
      {
        id: '111122223333',
        regions: [
          {
            name: 'us-west-2',
            taskDefinitions: [{ family: 'app', containers: [{ name: 'main' }] }],
            clusters: [{ name: 'c1', tasks: [{ id: 'a'.repeat(32), taskDefinition: 'app:1', containers: [{ name: 'main' }] }] }],
          },
        ],
      },
    ],
  };
}

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof WorldError) return [...err.issues];
    throw err;
  }
  throw new Error('expected a WorldError');
}

describe('world files', () => {
  it('the demo world has healthy targets and one broken container per ECS Exec cause', () => {
    const world = new World(loadDemoWorld());
    const us = world.region(world.defaultAccount, 'us-east-1');
    const workers = us.cluster('demo-workers');
    const specs = workers?.tasks.map((t) => t.spec) ?? [];
    expect(specs.some((t) => !t.enableExecuteCommand)).toBe(true);
    expect(specs.some((t) => t.containers[0]?.agent === 'STOPPED' && t.lastStatus === 'RUNNING')).toBe(true);
    expect(specs.some((t) => t.lastStatus === 'STOPPED')).toBe(true);
    expect(specs.some((t) => t.platformVersion === '1.3.0')).toBe(true);
    expect(specs.some((t) => us.taskDefinition(t.taskDefinition)?.containers[0]?.readonlyRootFilesystem)).toBe(true);
    const roleOf = (t: (typeof specs)[number]) => us.taskDefinition(t.taskDefinition)?.taskRoleArn ?? '';
    expect(specs.some((t) => roleAllows(world, roleOf(t), 'ssmmessages:OpenDataChannel') === false)).toBe(true);
    const agentOf = (t: (typeof specs)[number]) => workers?.containerInstancesById.get(t.containerInstance ?? '')?.agentVersion;
    expect(specs.filter((t) => t.containerInstance).map(agentOf)).toEqual(['1.88.0', '1.48.1']);
    expect(us.instances.some((i) => i.pingStatus === 'ConnectionLost')).toBe(true);
    expect(us.instances.filter((i) => i.pingStatus === 'Online').length).toBeGreaterThanOrEqual(3);
    expect(world.remoteHosts.map((r) => `${r.host}:${r.port}`)).toContain('db.internal:5432');
  });

  it('applies schema defaults to a minimal world', () => {
    const w = new World(parseWorld(minimal()));
    const task = w.region(w.defaultAccount, 'us-west-2').cluster('c1')?.tasksById.get('a'.repeat(32));
    expect(task?.spec).toMatchObject({ lastStatus: 'RUNNING', launchType: 'FARGATE', enableExecuteCommand: true });
    expect(task?.containers[0]).toMatchObject({ agent: 'RUNNING', runtimeId: expect.stringMatching(/^a{32}-\d{10}$/) });
    expect(w.region(w.defaultAccount, 'ap-south-1').clusters).toEqual([]);
  });

  it('reports every schema and cross-reference problem with its path', () => {
    const bad = minimal();
    const region = (bad['accounts'] as Array<{ regions: Array<Record<string, unknown>> }>)[0]?.regions[0] ?? {};
    region['clusters'] = [
      { name: 'c1', tasks: [{ id: 'xyz', taskDefinition: 'app:1', containers: [{ name: 'main' }] }] },
      { name: 'c2', tasks: [{ id: 'b'.repeat(32), taskDefinition: 'nope:1', containers: [{ name: 'main' }] }] },
    ];
    expect(issuesOf(() => parseWorld(bad))).toEqual(['accounts.0.regions.0.clusters.0.tasks.0.id: task id must be 32 lowercase hex characters']);
    region['clusters'] = [
      { name: 'c2', tasks: [{ id: 'b'.repeat(32), taskDefinition: 'nope:1', containers: [{ name: 'main' }] }] },
      { name: 'c3', tasks: [{ id: 'c'.repeat(32), service: 'ghost', taskDefinition: 'app:1', containers: [{ name: 'other' }] }] },
    ];
    expect(issuesOf(() => parseWorld(bad))).toEqual([
      'accounts.0.regions.0.clusters.0.tasks.0.taskDefinition: unknown "nope:1"',
      'accounts.0.regions.0.clusters.1.tasks.0.service: unknown service "ghost"',
      'accounts.0.regions.0.clusters.1.tasks.0.containers.0.name: "other" is not in app:1',
    ]);
  });

  it('checks container instances and IAM names across the world', () => {
    const bad = minimal();
    const account = (bad['accounts'] as Array<Record<string, unknown> & { regions: Array<Record<string, unknown>> }>)[0];
    if (!account) throw new Error('minimal world has an account');
    account['roles'] = [{ name: 'r' }, { name: 'r' }];
    account['mfaDevices'] = [{ name: 'me', code: '000000' }];
    const host = 'd'.repeat(32);
    account.regions[0]!['clusters'] = [
      {
        name: 'c1',
        containerInstances: [{ id: host }, { id: host }],
        tasks: [
          { id: 'a'.repeat(32), taskDefinition: 'app:1', launchType: 'EC2', containerInstance: 'e'.repeat(32), containers: [{ name: 'main' }] },
          { id: 'b'.repeat(32), taskDefinition: 'app:1', containerInstance: host, containers: [{ name: 'main' }] },
        ],
      },
    ];
    expect(issuesOf(() => parseWorld(bad))).toEqual([
      'accounts.0.roles.1.name: duplicate role "r"',
      'accounts.0.regions.0.clusters.0.containerInstances.1.id: duplicate container instance ' + host,
      `accounts.0.regions.0.clusters.0.tasks.0.containerInstance: unknown container instance "${'e'.repeat(32)}"`,
      'accounts.0.regions.0.clusters.0.tasks.1.containerInstance: Fargate tasks run on no container instance',
    ]);
  });

  it('names the file when it cannot be read or parsed', () => {
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, '{ not json');
    expect(() => loadWorldFile(file)).toThrow(/broken\.json[\s\S]*not valid JSON/);
    expect(() => loadWorldFile(path.join(dir, 'missing.json'))).toThrow(/cannot read file/);
  });
});
