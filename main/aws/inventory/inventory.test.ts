// The tree of the sandbox's demo world, read over HTTP through the real SDK clients.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryNode } from '../../../shared/contract/inventory.js';
import { SANDBOX } from '../../sandbox/index.js';
import { AwsError } from '../errors.js';
import { nodeId } from './node-ids.js';
import { sandboxInventory, type SandboxInventory } from '../../../testing/aws/inventory/test-sandbox.js';

let t: SandboxInventory;
beforeAll(async () => {
  t = await sandboxInventory();
});
afterAll(async () => {
  await t.close();
});

const byLabel = (nodes: InventoryNode[], label: string) => {
  const n = nodes.find((x) => x.label === label);
  if (!n) throw new Error(`no node labelled ${label} in ${nodes.map((x) => x.label).join(', ')}`);
  return n;
};

describe('inventory over the sandbox demo world', () => {
  it('lists the sandbox profiles from its written files, with no secrets', async () => {
    const { profiles, nodes } = await t.inventory.profiles();
    expect(profiles.map((p) => p.name)).toEqual([SANDBOX.profile, SANDBOX.expiredProfile, SANDBOX.ssoProfile]);
    expect(nodes.map((n) => n.kind)).toEqual(['profile', 'profile', 'profile']);
    expect(profiles[0]?.endpoints.ecs?.url).toBe(t.sandbox.endpoint);
    expect(JSON.stringify(profiles)).not.toContain(t.sandbox.secretAccessKey);
  });

  it('walks profile → region → clusters and instances → services → tasks → containers', async () => {
    const regions = await t.inventory.children(nodeId.profile(SANDBOX.profile));
    expect(regions.map((r) => r.label)).toEqual(['us-east-1']);
    const regionChildren = await t.inventory.children(regions[0]!.id);
    expect(regionChildren.filter((n) => n.kind === 'cluster').map((n) => n.label)).toEqual(['demo-secure', 'demo-web', 'demo-workers']);
    const instances = regionChildren.filter((n) => n.kind === 'instance');
    expect(instances.map((n) => n.kind === 'instance' && [n.name, n.pingStatus, n.platform])).toEqual([
      ['app-server', 'Online', 'Linux'],
      ['bastion', 'Online', 'Linux'],
      ['encrypted-shell', 'Online', 'Linux'],
      ['legacy-agent', 'Online', 'Linux'],
      ['lost-contact', 'ConnectionLost', 'Linux'],
      ['onprem-build', 'Online', 'Linux'],
    ]);
    // The hybrid node (SSM only, no EC2 record): named by SSM, its ping status shown, its state 'managed'.
    expect(instances.find((n) => n.kind === 'instance' && n.instanceId.startsWith('mi-'))).toMatchObject({
      kind: 'instance', instanceId: 'mi-0a1b2c3d4e5f60006', label: 'onprem-build (mi-0a1b2c3d4e5f60006)', pingStatus: 'Online', state: 'managed',
    });

    const web = await t.inventory.children(byLabel(regionChildren, 'demo-web').id);
    expect(web.map((n) => [n.kind, n.label])).toEqual([['service', 'api'], ['service', 'web']]);
    const webService = byLabel(web, 'web');
    expect(webService).toMatchObject({ kind: 'service', execEnabled: true, desiredCount: 2 });
    const tasks = await t.inventory.children(webService.id);
    expect(tasks).toHaveLength(2);
    expect(tasks[0]).toMatchObject({ kind: 'task', lastStatus: 'RUNNING', launchType: 'FARGATE', platformVersion: '1.4.0', execEnabled: true });
    const containers = await t.inventory.children(tasks[0]!.id);
    expect(containers.map((c) => c.label).sort()).toEqual(['app', 'log-router']);
    for (const c of containers) {
      expect(c).toMatchObject({ kind: 'container', execAgentStatus: 'RUNNING', lastStatus: 'RUNNING' });
      if (c.kind === 'container') expect(c.runtimeId).toMatch(/^[0-9a-f]{32}-\d{10}$/);
    }
  });

  it('puts standalone tasks directly under their cluster, stopped ones included', async () => {
    const region = nodeId.region(SANDBOX.profile, 'us-east-1');
    const workers = byLabel(await t.inventory.children(region), 'demo-workers');
    const children = await t.inventory.children(workers.id);
    expect(children.every((n) => n.kind === 'task')).toBe(true);
    expect(children).toHaveLength(9);
    const statuses = children.map((n) => (n.kind === 'task' ? n.lastStatus : ''));
    expect(statuses.filter((s) => s === 'STOPPED')).toHaveLength(1);
    expect(statuses.at(-1)).toBe('STOPPED'); // running tasks sort first
    const launchTypes = new Set(children.map((n) => (n.kind === 'task' ? n.launchType : null)));
    expect(launchTypes).toEqual(new Set(['FARGATE', 'EC2']));
  });

  it('filters loaded nodes by name or id and returns the path to reveal them', async () => {
    // Only what is loaded is searched: one web task's containers so far, then both.
    expect(t.inventory.filter('LOG-ROUTER')).toHaveLength(1);
    const webTasks = await t.inventory.children(nodeId.service(SANDBOX.profile, 'us-east-1', 'arn:aws:ecs:us-east-1:123456789012:cluster/demo-web', 'web'));
    for (const task of webTasks) await t.inventory.children(task.id);
    const matches = t.inventory.filter('LOG-ROUTER');
    expect(matches.length).toBe(2);
    for (const m of matches) {
      expect(m.node.kind).toBe('container');
      expect(m.ancestors[0]).toBe(nodeId.profile(SANDBOX.profile));
      expect(m.ancestors).toHaveLength(5); // profile, region, cluster, service, task
    }
    expect(t.inventory.filter('lost-contact').map((m) => m.node.kind)).toEqual(['instance']);
    expect(t.inventory.filter('i-0a1b2c3d4e5f60004').map((m) => m.node.label)).toEqual(['lost-contact (i-0a1b2c3d4e5f60004)']);
    expect(t.inventory.filter('no-such-thing')).toEqual([]);
  });

  it('shows extra regions and refreshes a node, emitting changed', async () => {
    t.inventory.addRegion(SANDBOX.profile, 'eu-west-1');
    const regions = await t.inventory.children(nodeId.profile(SANDBOX.profile));
    expect(regions.map((r) => r.label)).toEqual(['us-east-1', 'eu-west-1']);
    const eu = await t.inventory.children(nodeId.region(SANDBOX.profile, 'eu-west-1'));
    expect(eu.map((n) => n.label)).toEqual(['eu-web', 'eu-bastion (i-0e1b2c3d4e5f60001)']);
    const before = t.sandbox.stats.requests;
    await t.inventory.refresh(nodeId.region(SANDBOX.profile, 'eu-west-1'));
    expect(t.sandbox.stats.requests).toBeGreaterThan(before);
    expect(t.events.changed).toContain(nodeId.region(SANDBOX.profile, 'eu-west-1'));
  });

  it('refreshes a task by reloading its cluster, and refresh(null) reloads every open node', async () => {
    const cluster = 'arn:aws:ecs:us-east-1:123456789012:cluster/demo-web';
    const taskArn = 'arn:aws:ecs:us-east-1:123456789012:task/demo-web/5e1f4a2b9c3d4e5f6a7b8c9d0e1f0001';
    expect(t.inventory.task(SANDBOX.profile, 'us-east-1', taskArn)?.containers.map((c) => c.name)).toEqual(['app', 'log-router']);
    const calls = () => t.workspace.get(SANDBOX.profile)?.stats.get('ecs:DescribeTasks').calls ?? 0;
    const before = calls();
    t.events.changed.length = 0;
    await t.inventory.refresh(nodeId.task(SANDBOX.profile, 'us-east-1', cluster, taskArn));
    expect(calls()).toBe(before + 1);
    expect(t.events.changed).toContain(nodeId.cluster(SANDBOX.profile, 'us-east-1', cluster));
    expect(t.events.changed).toContain(nodeId.task(SANDBOX.profile, 'us-east-1', cluster, taskArn));
    t.events.changed.length = 0;
    await t.inventory.refresh(null);
    expect(t.events.changed[0]).toBe(nodeId.profile(SANDBOX.profile));
    expect(t.events.changed).toContain(nodeId.task(SANDBOX.profile, 'us-east-1', cluster, taskArn));
    expect(t.inventory.filter('log-router')).toHaveLength(2); // what was open is open again
  });

  it('turns expired credentials into a plain error on the node, not an empty tree', async () => {
    const region = nodeId.region(SANDBOX.expiredProfile, 'us-east-1');
    const err = await t.inventory.children(region).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AwsError);
    expect((err as AwsError).code).toBe('expired-credentials');
    expect((err as AwsError).message).toBe(`The credentials of profile "${SANDBOX.expiredProfile}" have expired.`);
    expect(t.events.errors.find((e) => e.nodeId === region)?.nextStep).toContain('Refresh the credentials');
  });

  it('counts in its progress messages agree with their nouns (1 service, 2 tasks)', async () => {
    const region = nodeId.region(SANDBOX.profile, 'us-east-1');
    for (const c of (await t.inventory.children(region)).filter((n) => n.kind === 'cluster')) await t.inventory.children(c.id);
    const loaded = t.events.progress.filter((m) => m.startsWith('Loaded '));
    expect(loaded.length).toBeGreaterThan(1);
    expect(loaded.filter((m) => /\b1 (items|services|tasks)\b|\b(0|[2-9]|\d\d+) (item|service|task)\b/.test(m))).toEqual([]);
  });

  it('rejects ids it did not mint with a plain error', async () => {
    await expect(t.inventory.children('bogus')).rejects.toMatchObject({ code: 'not-found' });
  });
});
