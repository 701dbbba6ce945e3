import { describe, expect, it } from 'vitest';
import type { InventoryNode, TreeView, TreeViewChange } from '../../shared/contract/index.js';
import { withTreeViewChange } from '../../shared/tree-view.js';
import { PortholeClient } from '../bridge/client.js';
import { fakeBridge, settle } from '../../testing/renderer/fake-bridge.js';
import { TREE_ROOT, TreeStore } from './tree-store.js';

const profile = (name: string): InventoryNode => ({ kind: 'profile', id: `p:${name}`, label: name, profile: name, source: 'config' });
const region = (p: string, r: string): InventoryNode => ({ kind: 'region', id: `r:${p}/${r}`, label: r, profile: p, region: r });
const cluster = (p: string, r: string, c: string): InventoryNode => ({
  kind: 'cluster',
  id: `c:${p}/${r}/${c}`,
  label: c,
  profile: p,
  region: r,
  clusterArn: `arn:aws:ecs:${r}:1:cluster/${c}`,
  status: 'ACTIVE',
  runningTasks: 1,
  activeServices: 0,
});

/** prod → us-east-1 → web, api; dev → eu-west-1. Everything below the clusters is empty. */
const WORLD: ReadonlyMap<string, readonly InventoryNode[]> = new Map([
  [TREE_ROOT, [profile('prod'), profile('dev')]],
  ['p:prod', [region('prod', 'us-east-1')]],
  ['p:dev', [region('dev', 'eu-west-1')]],
  ['r:prod/us-east-1', [cluster('prod', 'us-east-1', 'web'), cluster('prod', 'us-east-1', 'api')]],
]);

/** What main keeps for every window: the saved view, each window's change merged into it as main merges it. */
interface Saved {
  view: TreeView | null;
  readonly changes: TreeViewChange[];
}
const savedView = (view: TreeView | null): Saved => ({ view, changes: [] });

/**
 * A window on a host answering from WORLD; records which children were asked for (each would be AWS calls).
 * `profiles`: what the profiles call waits for (its answer is held until it settles; a rejection fails the call).
 */
function world(saved: Saved, profiles: Promise<void> = Promise.resolve(), keeps: () => boolean = () => true) {
  const asked: string[] = [];
  const filtered: string[] = [];
  const watches: Array<{ nodeIds: string[]; visible: boolean }> = [];
  const { bridge } = fakeBridge(async (method, params) => {
    if (method === 'watch') watches.push(params as { nodeIds: string[]; visible: boolean });
    if (method === 'filter') {
      // Clusters whose name holds the query, with their profile and region as ancestors.
      const { query } = params as { query: string };
      filtered.push(query);
      const clusters = [...WORLD.values()].flat().filter((n) => n.kind === 'cluster' && n.label.includes(query));
      return { matches: clusters.map((node) => ({ node, ancestors: [`p:${node.profile}`, `r:${node.profile}/${node.kind === 'cluster' ? node.region : ''}`] })) };
    }
    if (method === 'profiles') {
      await profiles;
      return { profiles: [], credentialsFound: true, sandboxOffered: false };
    }
    if (method === 'children') {
      const { parentId } = params as { parentId: string };
      asked.push(parentId);
      return { nodes: WORLD.get(parentId) ?? [] };
    }
    return {};
  });
  const memory = {
    saved: () => Promise.resolve(saved.view),
    save: (change: TreeViewChange) => {
      if (!keeps()) return Promise.resolve(false);
      saved.changes.push(change);
      saved.view = withTreeViewChange(saved.view, change);
      return Promise.resolve(true);
    },
  };
  const tree = new TreeStore(new PortholeClient(bridge), memory);
  return { tree, asked, filtered, watches };
}

describe('TreeStore: the first load', () => {
  it('asks for the profiles\' nodes beside the profiles, without waiting for their answer', async () => {
    let answer: () => void = () => undefined;
    const { tree, asked } = world(savedView(null), new Promise<void>((resolve) => (answer = resolve)));
    tree.start();
    await settle();
    expect(asked).toEqual([TREE_ROOT]);
    // Applied only once the profiles answered: nothing shows or opens before.
    expect(tree.branch(TREE_ROOT)).toBeUndefined();
    answer();
    await settle();
    expect(tree.branch(TREE_ROOT)?.children.map((n) => n.id)).toEqual(['p:prod', 'p:dev']);
    expect([...tree.state.expanded]).toEqual(['p:prod', 'r:prod/us-east-1']);
  });

  it('a failed profiles call shows the root error and no tree', async () => {
    const { tree } = world(savedView(null), Promise.reject(new Error('no config')));
    tree.start();
    await settle();
    expect(tree.state.rootError).toMatch(/no config/);
    expect(tree.branch(TREE_ROOT)).toBeUndefined();
    expect(tree.state.expanded.size).toBe(0);
  });
});

describe('TreeStore: open branches and selection across a reload', () => {
  it('a first start opens the first profile and its first region', async () => {
    const { tree } = world(savedView(null));
    tree.start();
    await settle();
    expect([...tree.state.expanded]).toEqual(['p:prod', 'r:prod/us-east-1']);
  });

  it('a reload opens what was open (and only asks for that), selects what was selected, and forgets what is gone', async () => {
    const disk = savedView(null);
    const first = world(disk);
    first.tree.start();
    await settle();
    await first.tree.expand('c:prod/us-east-1/web');
    first.tree.select('c:prod/us-east-1/api');
    first.tree.flushView();
    const saved = disk.view;
    if (saved === null) throw new Error('nothing was saved');
    // A cluster deleted since, and its region, were open too: both go quietly.
    const stale = savedView({ ...saved, open: [...saved.open, { id: 'c:prod/us-east-1/gone', parent: 'r:prod/us-east-1' }, { id: 'r:prod/gone-1', parent: 'p:prod' }] });

    const { tree, asked } = world(stale);
    tree.start();
    await settle();
    expect(new Set(tree.state.expanded)).toEqual(new Set(['p:prod', 'r:prod/us-east-1', 'c:prod/us-east-1/web']));
    expect(tree.state.selected).toBe('c:prod/us-east-1/api');
    // Root, then each open branch once: dev was closed, api selected but not open.
    expect(asked.sort()).toEqual([TREE_ROOT, 'c:prod/us-east-1/web', 'p:prod', 'r:prod/us-east-1'].sort());
    tree.flushView();
    expect(stale.changes.at(-1)).toEqual({ opened: [], closed: ['c:prod/us-east-1/gone', 'r:prod/gone-1'] });
    expect(stale.view?.open.map((p) => p.id).sort()).toEqual(['c:prod/us-east-1/web', 'p:prod', 'r:prod/us-east-1']);
  });

  it('a saved view with nothing open stays closed (no first-start opening)', async () => {
    const { tree, asked } = world(savedView({ open: [], selected: null }));
    tree.start();
    await settle();
    expect(tree.state.expanded.size).toBe(0);
    expect(asked).toEqual([TREE_ROOT]);
  });

  it('a branch remembered open under a closed one is kept, and opens when its parent does', async () => {
    // prod's region is remembered as open, but prod itself was closed: nothing loads it, and it is still saved.
    const disk = savedView({ open: [{ id: 'r:prod/us-east-1', parent: 'p:prod' }], selected: null });
    const { tree } = world(disk);
    tree.start();
    await settle();
    tree.select('p:dev');
    tree.flushView();
    expect(disk.changes).toEqual([{ opened: [], closed: [], selected: { id: 'p:dev', parent: TREE_ROOT } }]);
    expect(disk.view).toEqual({ open: [{ id: 'r:prod/us-east-1', parent: 'p:prod' }], selected: { id: 'p:dev', parent: TREE_ROOT } });
    // Opening prod brings its region back open.
    await tree.expand('p:prod');
    await settle();
    expect(tree.state.expanded.has('r:prod/us-east-1')).toBe(true);
  });
});

describe('TreeStore: two windows (or browser tabs) on one saved view', () => {
  it('each keeps what it opened; a branch closes only where it is closed; the selection is the one picked last', async () => {
    const disk = savedView(null);
    const a = world(disk);
    const b = world(disk);
    a.tree.start();
    b.tree.start();
    await settle();
    a.tree.flushView();
    b.tree.flushView();
    // A opens the web cluster, B opens dev; B saves last, and A's web cluster is still kept.
    await a.tree.expand('c:prod/us-east-1/web');
    await b.tree.expand('p:dev');
    b.tree.select('p:dev');
    a.tree.flushView();
    b.tree.flushView();
    const openIds = (): string[] => (disk.view?.open ?? []).map((p) => p.id).sort();
    expect(openIds()).toEqual(['c:prod/us-east-1/web', 'p:dev', 'p:prod', 'r:prod/us-east-1']);
    expect(disk.view?.selected).toEqual({ id: 'p:dev', parent: TREE_ROOT });

    // A window opened now (or after a restart) opens what was open in both.
    const c = world(disk);
    c.tree.start();
    await settle();
    expect(new Set(c.tree.state.expanded)).toEqual(new Set(['c:prod/us-east-1/web', 'p:dev', 'p:prod', 'r:prod/us-east-1']));
    expect(c.tree.state.selected).toBe('p:dev');

    // A closes web and saves: web goes, B's dev stays, and B's selection is not A's to change.
    a.tree.collapse('c:prod/us-east-1/web');
    a.tree.flushView();
    expect(disk.changes.at(-1)).toEqual({ opened: [], closed: ['c:prod/us-east-1/web'] });
    expect(openIds()).toEqual(['p:dev', 'p:prod', 'r:prod/us-east-1']);
    expect(disk.view?.selected).toEqual({ id: 'p:dev', parent: TREE_ROOT });
    // Nothing changed in B since its save: it sends nothing (and does not reopen web).
    const sent = disk.changes.length;
    b.tree.flushView();
    expect(disk.changes).toHaveLength(sent);
  });
});

describe('TreeStore: a save that could not be kept', () => {
  it('goes again with the next save instead of being forgotten', async () => {
    const disk = savedView(null);
    let up = true;
    const { tree } = world(disk, Promise.resolve(), () => up);
    tree.start();
    await settle();
    tree.flushView();
    up = false; // the host link is lost
    await tree.expand('p:dev');
    tree.flushView();
    await settle();
    expect(disk.view?.open.map((p) => p.id)).not.toContain('p:dev');
    up = true;
    tree.flushView();
    await settle();
    expect(disk.view?.open.map((p) => p.id)).toContain('p:dev');
  });
});

describe('TreeStore: ↓ or Enter typed faster than the filter', () => {
  it('settleFilter asks for the last query at once, skips the ones typed over, and the tree then shows its matches', async () => {
    const { tree, filtered } = world(savedView(null));
    tree.start();
    await settle();
    tree.setQuery('a');
    tree.setQuery('ap');
    // The debounce holds the request back: what the tree marks is not this query's yet.
    expect(tree.filterPending).toBe(true);
    expect(filtered).toEqual([]);
    await tree.settleFilter();
    expect(filtered).toEqual(['ap']);
    expect([...tree.state.matches]).toEqual(['c:prod/us-east-1/api']);
    expect(tree.filterPending).toBe(false);
    // A new query is pending again until asked for; an empty one never is.
    tree.setQuery('we');
    expect(tree.filterPending).toBe(true);
    tree.setQuery('');
    expect(tree.filterPending).toBe(false);
    await settle();
    tree.stop();
  });
});

describe('TreeStore: what main keeps live', () => {
  it('tells main the open branches a person can see, and whether the window is shown, only when that changes', async () => {
    const { tree, watches } = world(savedView(null));
    tree.start();
    await settle();
    expect(watches.at(-1)).toEqual({ nodeIds: ['p:prod', 'r:prod/us-east-1'], visible: true });
    const told = watches.length;
    tree.select('c:prod/us-east-1/web');
    tree.setFocused(true);
    await settle();
    expect(watches).toHaveLength(told); // the same open branches: nothing new to say

    // A branch under a closed one is out of sight: not watched, though it stays expanded.
    tree.collapse('p:prod');
    await settle();
    expect(watches.at(-1)).toEqual({ nodeIds: [], visible: true });
    void tree.expand('p:prod');
    await settle();
    expect(watches.at(-1)).toEqual({ nodeIds: ['p:prod', 'r:prod/us-east-1'], visible: true });

    tree.setVisible(false);
    await settle();
    expect(watches.at(-1)).toEqual({ nodeIds: ['p:prod', 'r:prod/us-east-1'], visible: false });
    tree.stop();
  });
});

describe('TreeStore.refresh(null): Refresh everything', () => {
  it('loads again the open branches that had failed (main never loaded them), and counts those still failing', async () => {
    let down = true;
    const asked: string[] = [];
    const { bridge } = fakeBridge(async (method, params) => {
      if (method === 'profiles') return { profiles: [], credentialsFound: true, sandboxOffered: false };
      if (method === 'children') {
        const { parentId } = params as { parentId: string };
        asked.push(parentId);
        if (down && parentId === 'r:prod/us-east-1') throw new Error('The credentials of profile "prod" have expired.');
        return { nodes: WORLD.get(parentId) ?? [] };
      }
      return {};
    });
    const tree = new TreeStore(new PortholeClient(bridge), { saved: () => Promise.resolve(null), save: () => Promise.resolve(true) });
    tree.start();
    await settle();
    expect(tree.branch('r:prod/us-east-1')?.status).toBe('error');
    asked.length = 0;
    const answer = await tree.refresh(null);
    expect(asked).toContain('r:prod/us-east-1');
    expect(answer).toEqual({ failures: { count: 1, first: expect.objectContaining({ message: expect.stringContaining('have expired') }) } });
    down = false;
    expect(await tree.refresh(null)).toBeNull();
    expect(tree.branch('r:prod/us-east-1')?.status).toBe('ready');
  });
});
