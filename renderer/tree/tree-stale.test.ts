// A branch main could not refresh in the background carries its stale mark (inventory.stale) until
// main says it is fresh again; a change to its rows meanwhile (one task's state) keeps the mark; a
// window that loads the branch later gets the mark with the children. The tooltip's words name
// the last good refresh in local time, and the error.
import { describe, expect, it } from 'vitest';
import type { InventoryNode, Stale } from '../../shared/contract/index.js';
import { PortholeClient } from '../bridge/client.js';
import { fakeBridge, settle } from '../../testing/renderer/fake-bridge.js';
import { staleText } from './stale-text.js';
import { TREE_ROOT, TreeStore } from './tree-store.js';

const PROFILE: InventoryNode = { kind: 'profile', id: 'p:prod', label: 'prod', profile: 'prod', source: 'config' };
const REGION: InventoryNode = { kind: 'region', id: 'r:prod/us-east-1', label: 'us-east-1', profile: 'prod', region: 'us-east-1' };
const cluster = (running: number): InventoryNode => ({
  kind: 'cluster', id: 'c:web', label: 'web', profile: 'prod', region: 'us-east-1', clusterArn: 'arn:aws:ecs:us-east-1:1:cluster/web', status: 'ACTIVE', runningTasks: running, activeServices: 1,
});
/** 03:12 local time, as the person's clock reads it. */
const SINCE = new Date(2026, 11, 7, 3, 12).getTime();
const THROTTLED: Stale = { since: SINCE, error: { message: 'AWS is throttling ECS calls.', nextStep: 'Wait a minute, then refresh.' } };

function window(answers: ReadonlyMap<string, Answer>) {
  const { bridge, emit } = fakeBridge((method, params) => {
    if (method === 'profiles') return { profiles: [], credentialsFound: true, sandboxOffered: false };
    if (method === 'children') return answers.get((params as { parentId: string }).parentId) ?? { nodes: [] };
    return {};
  });
  return { tree: new TreeStore(new PortholeClient(bridge)), emit };
}

type Answer = { nodes: InventoryNode[]; stale?: Stale };
const WORLD = new Map<string, Answer>([[TREE_ROOT, { nodes: [PROFILE] }], [PROFILE.id, { nodes: [REGION] }], [REGION.id, { nodes: [cluster(2)] }]]);

describe('a stale branch in the tree', () => {
  it('is marked from main\'s stale event, keeps the mark through a change, and loses it when main says fresh', async () => {
    const { tree, emit } = window(WORLD);
    tree.start();
    await settle();
    expect(tree.branch(REGION.id)?.stale).toBeNull();
    emit('stale', { parentId: REGION.id, stale: THROTTLED });
    expect(tree.branch(REGION.id)?.stale).toEqual(THROTTLED);
    emit('changed', { parentId: REGION.id, nodes: [cluster(1)] });
    expect(tree.branch(REGION.id)?.children).toEqual([cluster(1)]);
    expect(tree.branch(REGION.id)?.stale).toEqual(THROTTLED);
    emit('stale', { parentId: REGION.id, stale: null });
    expect(tree.branch(REGION.id)?.stale).toBeNull();
  });

  it('comes with the children to a window that loads the branch after it turned stale', async () => {
    const { tree } = window(new Map<string, Answer>([...WORLD, [REGION.id, { nodes: [cluster(2)], stale: THROTTLED }]]));
    tree.start();
    await settle();
    expect(tree.branch(REGION.id)?.stale).toEqual(THROTTLED);
  });

  it('says since when, in local hours and minutes, and why', () => {
    expect(staleText(THROTTLED)).toBe('Not refreshed since 03:12 — AWS is throttling ECS calls.');
  });
});
