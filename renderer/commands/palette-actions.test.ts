// Revealing a recent target the tree has not loaded: what the toast says when the way ends (in
// words that fit the target; a failed load told apart from a target that went), and that a reveal
// finishing after the user selected or typed something else leaves the tree as they made it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EcsContainerRef, InstanceRef, InventoryNode } from '../../shared/contract/index.js';
import type { AppModel } from '../root/app-model.js';
import { TREE_ROOT, type Branch, type TreeState } from '../tree/tree-store.js';
import { revealTarget } from './palette-actions.js';

const R = { profile: 'sandbox', region: 'us-east-1' } as const;
const INSTANCE: InstanceRef = { kind: 'instance', ...R, instanceId: 'i-0a1b2c3d4e5f60001' };
const CONTAINER: EcsContainerRef = { kind: 'ecs-container', ...R, cluster: 'demo-web', taskArn: 'arn:aws:ecs:us-east-1:1:task/demo-web/gone', containerName: 'app', runtimeId: 'rt-app' };

const WORLD = new Map<string, InventoryNode[]>([
  [TREE_ROOT, [{ kind: 'profile', id: 'p', label: 'sandbox', profile: 'sandbox', source: 'sandbox' }]],
  ['p', [{ kind: 'region', id: 'r', label: 'us-east-1', ...R }]],
  ['r', [
    { kind: 'cluster', id: 'c', label: 'demo-web', ...R, clusterArn: 'arn:aws:ecs:us-east-1:1:cluster/demo-web', status: 'ACTIVE', runningTasks: 0, activeServices: 0 },
    { kind: 'instance', id: 'i', label: 'bastion', ...R, instanceId: INSTANCE.instanceId, name: 'bastion', pingStatus: 'Online', platform: 'Linux', state: 'running' },
  ]],
  ['c', []],
]);

const ready = (children: readonly InventoryNode[]): Branch => ({ status: 'ready', children, error: null, progress: null, problems: [], stale: null });

interface Options {
  /** Branches whose load fails. */
  readonly failing?: ReadonlySet<string>;
  /** Runs while a branch loads: the user doing something meanwhile. */
  readonly duringLoad?: (tree: FakeTree) => void;
}

type FakeTree = ReturnType<typeof fakeModel>['tree'];

/** The parts of the model a reveal uses: a tree that loads from WORLD, and the toasts. */
function fakeModel({ failing = new Set(), duringLoad }: Options = {}) {
  const toasts: { text: string; tone: string }[] = [];
  const tree = {
    state: { branches: new Map([[TREE_ROOT, ready(WORLD.get(TREE_ROOT) ?? [])]]), expanded: new Set<string>(), selected: 'elsewhere', query: '', visible: null } as unknown as TreeState,
    branch: (id: string) => tree.state.branches.get(id),
    load: async (id: string) => {
      await Promise.resolve();
      duringLoad?.(tree);
      const branch: Branch = failing.has(id) ? { ...ready([]), status: 'error', error: { message: 'Rate exceeded' } } : ready(WORLD.get(id) ?? []);
      tree.state = { ...tree.state, branches: new Map([...tree.state.branches, [id, branch]]) };
    },
    select: (id: string | null) => { tree.state = { ...tree.state, selected: id }; },
    setQuery: (query: string) => { tree.state = { ...tree.state, query }; },
    expand: (id: string) => { tree.state = { ...tree.state, expanded: new Set([...tree.state.expanded, id]) }; return Promise.resolve(); },
  };
  const model = { tree, toasts: { show: (text: string, tone = 'info') => { toasts.push({ text, tone }); } } };
  return { tree, toasts, model: model as unknown as AppModel };
}

beforeEach(() => {
  // No document here: the row is scrolled into view on the next frame, which these tests do not need.
  vi.stubGlobal('requestAnimationFrame', () => 0);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('revealing a recent target the tree has not loaded', () => {
  it('selects it with its ancestors open when nothing changed meanwhile', async () => {
    const { tree, toasts, model } = fakeModel();
    await revealTarget(model, INSTANCE, { focus: false });
    expect(tree.state.selected).toBe('i');
    expect([...tree.state.expanded]).toEqual(['p', 'r']);
    expect(toasts).toEqual([]);
  });

  it('says an instance no longer listed is gone from its region, with no word of a task', async () => {
    const { toasts, model } = fakeModel();
    await revealTarget(model, { ...INSTANCE, instanceId: 'i-0a1b2c3d4e5f69999' }, { focus: false });
    expect(toasts).toEqual([{ text: 'Not shown in the tree: the instance is no longer listed in its region.', tone: 'info' }]);
  });

  it('says a container no longer listed may have had its task stop', async () => {
    const { toasts, model } = fakeModel();
    await revealTarget(model, CONTAINER, { focus: false });
    expect(toasts).toEqual([{ text: 'Not shown in the tree: the container is no longer listed there (its task may have stopped).', tone: 'info' }]);
  });

  it('says a list on the way failed to load, not that the target is gone', async () => {
    const { tree, toasts, model } = fakeModel({ failing: new Set(['r']) });
    await revealTarget(model, INSTANCE, { focus: false });
    expect(toasts).toEqual([{ text: 'Not shown in the tree: a list on the way to it could not be loaded (Rate exceeded).', tone: 'error' }]);
    expect(toasts[0]?.text).not.toMatch(/no longer listed|task/);
    expect(tree.state.selected).toBe('elsewhere');
  });

  it('leaves the selection alone when the user selected something else while the way loaded', async () => {
    const { tree, model } = fakeModel({ duringLoad: (t) => t.select('picked-meanwhile') });
    await revealTarget(model, INSTANCE, { focus: false });
    expect(tree.state.selected).toBe('picked-meanwhile');
    expect(tree.state.expanded.size).toBe(0);
  });

  it('leaves the filter alone when the user typed in it while the way loaded', async () => {
    const { tree, model } = fakeModel({
      duringLoad: (t) => {
        t.state = { ...t.state, query: 'web', visible: new Set(['c']) };
      },
    });
    await revealTarget(model, INSTANCE, { focus: false });
    expect(tree.state.query).toBe('web');
    expect(tree.state.selected).toBe('elsewhere');
  });
});
