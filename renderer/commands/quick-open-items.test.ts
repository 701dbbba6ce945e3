import { describe, expect, it } from 'vitest';
import type { InventoryNode, RecentTarget } from '../../shared/contract/index.js';
import type { Branch } from '../tree/tree-store.js';
import { indexNodes, quickOpenItems, recentEntryOf, whereOf } from './quick-open-items.js';

const R = { profile: 'sandbox', region: 'us-east-1' } as const;
const ARN = 'arn:aws:ecs:us-east-1:1:cluster/demo-web';
const TASK = 'arn:aws:ecs:us-east-1:1:task/demo-web/abc0001';

const profile: InventoryNode = { kind: 'profile', id: 'p', label: 'sandbox', profile: 'sandbox', source: 'sandbox' };
const region: InventoryNode = { kind: 'region', id: 'r', label: 'us-east-1', ...R };
const cluster: InventoryNode = { kind: 'cluster', id: 'c', label: 'demo-web', ...R, clusterArn: ARN, status: 'ACTIVE', runningTasks: 1, activeServices: 0 };
const task: InventoryNode = { kind: 'task', id: 't', label: 'abc0001', ...R, clusterArn: ARN, taskArn: TASK, lastStatus: 'RUNNING', desiredStatus: 'RUNNING', launchType: 'FARGATE', execEnabled: true, platformVersion: null, startedAt: null };
const container = (name: string): Extract<InventoryNode, { kind: 'container' }> => ({ kind: 'container', id: `k-${name}`, label: name, ...R, clusterArn: ARN, taskArn: TASK, name, runtimeId: `rt-${name}`, lastStatus: 'RUNNING', execAgentStatus: 'RUNNING', image: null });
const instance = (name: string): InventoryNode => ({ kind: 'instance', id: `i-${name}`, label: name, ...R, instanceId: `i-0000000000000${name.length}`, name, pingStatus: 'Online', platform: 'Linux', state: 'running' });

const ready = (children: InventoryNode[]): Branch => ({ status: 'ready', children, error: null, progress: null, problems: [], stale: null });
const index = indexNodes(
  new Map([
    ['root', ready([profile])],
    ['p', ready([region])],
    ['r', ready([cluster, instance('bastion'), instance('app-server')])],
    ['c', ready([task])],
    ['t', ready([container('app'), container('log-router')])],
  ]),
);

function recent(node: InventoryNode): RecentTarget {
  const entry = recentEntryOf(index, node);
  if (entry === null) throw new Error('not a target');
  return entry;
}

const labels = (query: string, recents: RecentTarget[] = []) => quickOpenItems(index, recents, query).map((i) => i.label);

describe('quick open items', () => {
  it('says where a node is, down to its task (containers of one service share names)', () => {
    expect(whereOf(index, 'k-app')).toBe('sandbox · us-east-1 · demo-web · abc0001');
  });

  it('lists recent targets first, most recent first, then the loaded targets', () => {
    const recents = [recent(instance('bastion')), recent(container('log-router'))];
    // Then the tree's order: the region's instances were loaded before the task's containers.
    expect(labels('', recents)).toEqual(['bastion', 'log-router', 'app-server', 'app']);
  });

  it('keeps a matching recent target above better-scoring ones', () => {
    // "app" matches "app" best, but app-server was opened lately.
    expect(labels('app', [recent(instance('app-server'))])).toEqual(['app-server', 'app']);
    expect(labels('app')).toEqual(['app', 'app-server']);
  });

  it('puts a recent target the query names above one it matched only by where it is', () => {
    // "work" names the worker; the reporter, opened more lately, only sits in demo-workers.
    const where = 'sandbox · us-east-1 · demo-workers';
    const reporter: RecentTarget = { ...recent(container('app')), nodeId: 'k-reporter', label: 'reporter', where };
    const worker: RecentTarget = { ...recent(container('app')), nodeId: 'k-worker', label: 'worker', where };
    expect(labels('work', [reporter, worker])).toEqual(['worker', 'reporter']);
    // Matched the same way, they keep the most recent first.
    expect(labels('demo-workers', [reporter, worker])).toEqual(['reporter', 'worker']);
  });

  it('puts a never-opened target the query names above recent ones it matched only by where they are', () => {
    // Shells opened on reporter and batch (in demo-workers): "work" still lists the workers first.
    const where = 'sandbox · us-east-1 · demo-workers';
    const reporter: RecentTarget = { ...recent(container('app')), nodeId: 'k-reporter', label: 'reporter', where };
    const batch: RecentTarget = { ...recent(container('app')), nodeId: 'k-batch', label: 'batch', where };
    const workers = indexNodes(new Map([['root', ready([profile])], ['p', ready([region])], ['r', ready([instance('worker-a'), instance('bastion')])]]));
    const items = quickOpenItems(workers, [reporter, batch], 'work').map((i) => i.label);
    expect(items).toEqual(['worker-a', 'reporter', 'batch']);
    // A recent target named by the query still comes before the never-opened ones.
    const worker: RecentTarget = { ...reporter, nodeId: 'k-worker', label: 'worker' };
    expect(quickOpenItems(workers, [reporter, worker], 'work').map((i) => i.label)).toEqual(['worker', 'worker-a', 'reporter']);
  });

  it('leaves out recent targets that do not match', () => {
    expect(labels('log', [recent(instance('bastion'))])).toEqual(['log-router']);
  });

  it('lists a recent target the tree has not loaded, as it was remembered', () => {
    const gone: RecentTarget = { ...recent(container('app')), nodeId: 'k-elsewhere', label: 'worker', where: 'sandbox · us-east-1 · demo-workers' };
    const items = quickOpenItems(index, [gone], 'wrk');
    expect(items.map((i) => [i.label, i.where, i.node])).toEqual([['worker', 'sandbox · us-east-1 · demo-workers', null]]);
  });

  it('matches every term, in the name or else where the target is', () => {
    // app-server is an instance of the region, not in demo-web.
    expect(labels('demo-web app')).toEqual(['app']);
    expect(labels('web rtr')).toEqual(['log-router']);
    expect(labels('nothing-like-it')).toEqual([]);
  });

  it('matches a term within one name of where a target is, not scattered across them', () => {
    // b·a·s·t are all in "sandbox · us-east-1", in order, but in no one name of it: only bastion matches.
    expect(labels('bast')).toEqual(['bastion']);
    // "dw" is in "demo-web" itself: its task and containers still match by where they are.
    expect(labels('dw')).toEqual(['demo-web', 'app', 'log-router', 'abc0001']);
    const [app] = quickOpenItems(index, [], 'app dmweb');
    expect(app?.where.slice(app.whereHits[0], (app.whereHits.at(-1) ?? 0) + 1)).toBe('demo-web');
  });

  it('finds every kind by name with a query, targets first at equal score', () => {
    // The cluster by its name first; its containers and task match only by where they are.
    expect(labels('demo')).toEqual(['demo-web', 'app', 'log-router', 'abc0001']);
    // The region by name; below it, everything by where it is: targets (shorter names first) before the task and cluster.
    expect(labels('us-east')).toEqual(['us-east-1', 'app', 'bastion', 'app-server', 'log-router', 'abc0001', 'demo-web']);
  });

  it('lists a target that can take a shell before a same-named one that cannot', () => {
    const down: InventoryNode = { ...container('app'), id: 'k-down', execAgentStatus: 'STOPPED' };
    const withDown = indexNodes(new Map([['root', ready([profile])], ['p', ready([region])], ['r', ready([cluster])], ['c', ready([task])], ['t', ready([down, container('app')])]]));
    expect(quickOpenItems(withDown, [], 'app').map((i) => i.id)).toEqual(['k-app', 'k-down']);
  });

  it('ranks a container the query points at above its task, which holds every term in its own name', () => {
    // Tasks of one service, as the sandbox has them: "worker 0011" is all in the task's row name
    // ("0e1f0011 · worker:2") but only "worker" in the container's ("0011" is in where it is).
    const workerTask = (suffix: string): Extract<InventoryNode, { kind: 'task' }> => ({ ...task, id: `t${suffix}`, label: suffix, taskArn: `arn:aws:ecs:us-east-1:1:task/demo-web/0e1f${suffix}`, taskDefinition: 'worker:2' });
    const worker = (suffix: string): InventoryNode => ({ ...container('worker'), id: `k${suffix}`, taskArn: `arn:aws:ecs:us-east-1:1:task/demo-web/0e1f${suffix}` });
    const workers = indexNodes(
      new Map([
        ['root', ready([profile])],
        ['p', ready([region])],
        ['r', ready([cluster])],
        ['c', ready([workerTask('0010'), workerTask('0011'), task])],
        ['t0010', ready([worker('0010')])],
        ['t0011', ready([worker('0011'), { ...container('log-router'), id: 'k0011-log' }])],
        ['t', ready([container('app'), container('log-router')])],
      ]),
    );
    const ids = (query: string) => quickOpenItems(workers, [], query).map((i) => i.id);
    // The container named comes first; its sidecar, matched only by where it is, stays below the task.
    expect(ids('worker 0011')).toEqual(['k0011', 't0011', 'k0011-log']);
    // A task's name alone: its only container, the shell target, first.
    expect(ids('0e1f0010')).toEqual(['k0010', 't0010']);
    // A task of two containers named alone lists the task first: which container was meant is not known.
    expect(ids('0e1f0011')).toEqual(['t0011', 'k0011', 'k0011-log']);
    expect(ids('abc0001')).toEqual(['t', 'k-app', 'k-log-router']);
  });

  it('remembers only shell targets', () => {
    expect(recentEntryOf(index, cluster)).toBeNull();
    expect(recent(container('app'))).toMatchObject({ kind: 'container', label: 'app', title: 'app · abc0001', target: { kind: 'ecs-container', cluster: 'demo-web', containerName: 'app' } });
  });
});
