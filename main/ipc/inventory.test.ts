// The inventory and diagnostics areas through the router against the sandbox's demo world.
import { beforeAll, describe, expect, it } from 'vitest';
import type { InventoryNode } from '../../shared/contract/index.js';
import { SANDBOX } from '../sandbox/index.js';
import { sandboxAppPerFile } from '../../testing/composition/app-per-file.js';
import { DEMO_APP } from '../../testing/composition/sandbox-app.js';
import type { TestClient } from '../../testing/composition/test-client.js';
import { INVENTORY_ROOT_ID } from './inventory.js';

const app = sandboxAppPerFile();
let c: TestClient;
beforeAll(() => {
  c = app.window();
});

const byLabel = (nodes: InventoryNode[], label: string): InventoryNode => {
  const n = nodes.find((x) => x.label === label);
  if (n === undefined) throw new Error(`no node ${label} among ${nodes.map((x) => x.label).join(', ')}`);
  return n;
};

describe('inventory service', () => {
  it('offers the sandbox when it runs, and lists its profiles as sandbox profiles', async () => {
    const r = await c.call('inventory', 'profiles', {});
    expect(r).toEqual({
      profiles: [
        { name: SANDBOX.profile, source: 'sandbox', defaultRegion: 'us-east-1', needsMfa: false },
        { name: SANDBOX.expiredProfile, source: 'sandbox', defaultRegion: 'us-east-1', needsMfa: false },
        { name: SANDBOX.ssoProfile, source: 'sandbox', defaultRegion: 'us-east-1', needsMfa: false },
      ],
      credentialsFound: false,
      sandboxOffered: true,
    });
    expect(await c.call('app', 'info', {})).toMatchObject({ sandbox: { active: true, endpoint: app.porthole.sandbox?.endpoint } });
  });

  it('walks the demo world from the root to a container that a shell can open', async () => {
    const root = await c.call('inventory', 'children', { parentId: INVENTORY_ROOT_ID });
    // The sandbox's own config files are well-formed: no config notice above its profiles.
    expect(root.configFindings).toBeUndefined();
    const roots = root.nodes;
    expect(roots.map((n) => [n.kind, n.label, n.kind === 'profile' && n.source])).toEqual([
      ['profile', SANDBOX.profile, 'sandbox'],
      ['profile', SANDBOX.expiredProfile, 'sandbox'],
      ['profile', SANDBOX.ssoProfile, 'sandbox'],
    ]);
    const regions = (await c.call('inventory', 'children', { parentId: byLabel(roots, SANDBOX.profile).id })).nodes;
    const region = (await c.call('inventory', 'children', { parentId: byLabel(regions, 'us-east-1').id })).nodes;
    expect(region.filter((n) => n.kind === 'cluster').map((n) => n.label)).toEqual(['demo-secure', 'demo-web', 'demo-workers']);
    expect(region.some((n) => n.kind === 'instance')).toBe(true);
    const services = (await c.call('inventory', 'children', { parentId: byLabel(region, 'demo-web').id })).nodes;
    const tasks = (await c.call('inventory', 'children', { parentId: byLabel(services, 'web').id })).nodes;
    expect(tasks).toHaveLength(2);
    const containers = (await c.call('inventory', 'children', { parentId: tasks[0]?.id ?? '' })).nodes;
    const app = byLabel(containers, 'app');
    if (app.kind !== 'container') throw new Error('expected a container');
    expect(app).toMatchObject({ profile: SANDBOX.profile, region: 'us-east-1', execAgentStatus: 'RUNNING' });
    expect(c.eventsOf('inventory', 'progress').length).toBeGreaterThan(0);

    const { matches } = await c.call('inventory', 'filter', { query: 'log-router' });
    expect(matches.length).toBeGreaterThan(0);
    expect(matches[0]?.ancestors[0]).toBe(byLabel(roots, SANDBOX.profile).id);
  });

  it('refreshes a node and tells every window what changed', async () => {
    const roots = (await c.call('inventory', 'children', { parentId: INVENTORY_ROOT_ID })).nodes;
    const profileId = byLabel(roots, SANDBOX.profile).id;
    await c.call('inventory', 'children', { parentId: profileId });
    await c.call('inventory', 'refresh', { nodeId: profileId });
    expect(c.eventsOf('inventory', 'changed')).toContainEqual(expect.objectContaining({ parentId: profileId }));
    await c.call('inventory', 'refresh', { nodeId: null });
    const rootChange = c.eventsOf('inventory', 'changed').find((e) => (e as { parentId: string }).parentId === INVENTORY_ROOT_ID) as { nodes: InventoryNode[] } | undefined;
    expect(rootChange?.nodes.map((n) => n.id)).toEqual(roots.map((n) => n.id));
  });

  it('answers a refresh with the branches that failed to reload, through the contract', async () => {
    const roots = (await c.call('inventory', 'children', { parentId: INVENTORY_ROOT_ID })).nodes;
    const regionId = (await c.call('inventory', 'children', { parentId: byLabel(roots, SANDBOX.profile).id })).nodes[0]?.id ?? '';
    await c.call('inventory', 'children', { parentId: regionId });
    expect(await c.call('inventory', 'refresh', { nodeId: null })).toEqual({});
    const faults = app.porthole.sandbox?.apiFaults;
    faults?.set({ rules: [{ operation: 'ecs.ListClusters', answer: 'access-denied' }, { operation: 'ssm.DescribeInstanceInformation', answer: 'access-denied' }] });
    try {
      const reply = await c.call('inventory', 'refresh', { nodeId: null });
      expect(reply.failures?.count).toBe(1);
      const shown = c.eventsOf('inventory', 'error').filter((e) => (e as { nodeId: string }).nodeId === regionId).at(-1) as { error: { message: string } } | undefined;
      expect(reply.failures?.first.message).toBe(shown?.error.message);
    } finally {
      faults?.set({ rules: [] });
    }
    expect(await c.call('inventory', 'refresh', { nodeId: regionId })).toEqual({});
  });

  it('reports expired credentials on the node, in plain words', async () => {
    const roots = (await c.call('inventory', 'children', { parentId: INVENTORY_ROOT_ID })).nodes;
    const regions = (await c.call('inventory', 'children', { parentId: byLabel(roots, SANDBOX.expiredProfile).id })).nodes;
    const regionId = regions[0]?.id ?? '';
    await expect(c.call('inventory', 'children', { parentId: regionId })).rejects.toMatchObject({ code: 'failed', message: expect.stringMatching(/expired/) });
    expect(c.eventsOf('inventory', 'error')).toContainEqual(expect.objectContaining({ nodeId: regionId }));
  });

  it('refuses a node id it never minted', async () => {
    await expect(c.call('inventory', 'children', { parentId: 'not-a-node' })).rejects.toMatchObject({ code: 'failed', message: expect.stringMatching(/no longer in the tree/) });
  });
});

describe('diagnostics service', () => {
  it('names the cause for a broken demo container', async () => {
    const { checks } = await c.call('diagnostics', 'run', { target: DEMO_APP.brokenAgent });
    const agent = checks.find((x) => x.id === 'exec-agent');
    expect(agent).toMatchObject({ status: 'fail', cause: 'The ECS Exec agent is stopped: ExecuteCommandAgent exited: failed to register with the SSM service' });
    expect(agent?.nextStep.length).toBeGreaterThan(10);
  });

  it('passes a healthy container', async () => {
    const { checks } = await c.call('diagnostics', 'run', { target: DEMO_APP.web });
    expect(checks.filter((x) => x.status === 'fail')).toEqual([]);
  });
});
