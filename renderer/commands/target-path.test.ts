// The way down the tree to a target it has not loaded: each branch on the way loaded once, the
// services of a cluster tried in turn for a service's task, no way ('gone') to a task that went,
// and a branch that failed to load told apart from one that loaded without the target.
import { describe, expect, it } from 'vitest';
import type { EcsContainerRef, InstanceRef, InventoryNode } from '../../shared/contract/index.js';
import type { Branch } from '../tree/tree-store.js';
import { TREE_ROOT } from '../tree/tree-store.js';
import { loadPathTo } from './target-path.js';

const R = { profile: 'sandbox', region: 'us-east-1' } as const;
const ARN = 'arn:aws:ecs:us-east-1:1:cluster/demo-web';
const TASK = 'arn:aws:ecs:us-east-1:1:task/demo-web/abc0001';
const STANDALONE = 'arn:aws:ecs:us-east-1:1:task/demo-web/abc0009';

const task = (id: string, taskArn: string): InventoryNode => ({ kind: 'task', id, label: id, ...R, clusterArn: ARN, taskArn, lastStatus: 'RUNNING', desiredStatus: 'RUNNING', launchType: 'FARGATE', execEnabled: true, platformVersion: null, startedAt: null });
const service = (id: string): InventoryNode => ({ kind: 'service', id, label: id, ...R, clusterArn: ARN, serviceArn: `${ARN}/${id}`, status: 'ACTIVE', desiredCount: 1, runningCount: 1, launchType: 'FARGATE', execEnabled: true });
const container = (id: string, taskArn: string, name: string): InventoryNode => ({ kind: 'container', id, label: name, ...R, clusterArn: ARN, taskArn, name, runtimeId: `rt-${name}`, lastStatus: 'RUNNING', execAgentStatus: 'RUNNING', image: null });

/** What main would list under each node. */
const WORLD = new Map<string, InventoryNode[]>([
  [TREE_ROOT, [{ kind: 'profile', id: 'p', label: 'sandbox', profile: 'sandbox', source: 'sandbox' }]],
  ['p', [{ kind: 'region', id: 'r', label: 'us-east-1', ...R }]],
  ['r', [{ kind: 'cluster', id: 'c', label: 'demo-web', ...R, clusterArn: ARN, status: 'ACTIVE', runningTasks: 2, activeServices: 2 }, { kind: 'instance', id: 'i', label: 'bastion', ...R, instanceId: 'i-0a1b2c3d4e5f60001', name: 'bastion', pingStatus: 'Online', platform: 'Linux', state: 'running' }]],
  ['c', [service('api'), service('web'), task('t9', STANDALONE)]],
  ['api', []],
  ['web', [task('t1', TASK)]],
  ['t1', [container('k-app', TASK, 'app')]],
  ['t9', [container('k-job', STANDALONE, 'job')]],
]);

/** A tree that has loaded only the root, and records what it is asked to load. */
function fakeTree(failing: ReadonlySet<string> = new Set()) {
  const branches = new Map<string, Branch>([[TREE_ROOT, { status: 'ready', children: WORLD.get(TREE_ROOT) ?? [], error: null, progress: null, problems: [], stale: null }]]);
  const loads: string[] = [];
  return {
    loads,
    branch: (id: string) => branches.get(id),
    load: (id: string) => {
      loads.push(id);
      branches.set(id, failing.has(id)
        ? { status: 'error', children: [], error: { message: 'Rate exceeded' }, progress: null, problems: [], stale: null }
        : { status: 'ready', children: WORLD.get(id) ?? [], error: null, progress: null, problems: [], stale: null });
      return Promise.resolve();
    },
  };
}

const ecs = (taskArn: string, containerName: string): EcsContainerRef => ({ kind: 'ecs-container', ...R, cluster: 'demo-web', taskArn, containerName, runtimeId: `rt-${containerName}` });

describe('the way down to a target the tree has not loaded', () => {
  it('loads profile, region, cluster, the services in turn, the task, and ends at the container', async () => {
    const tree = fakeTree();
    expect(await loadPathTo(tree, ecs(TASK, 'app'))).toEqual({ kind: 'found', path: ['p', 'r', 'c', 'web', 't1', 'k-app'] });
    expect(tree.loads).toEqual(['p', 'r', 'c', 'api', 'web', 't1']);
  });

  it('finds a task straight under its cluster without opening a service', async () => {
    const tree = fakeTree();
    expect(await loadPathTo(tree, ecs(STANDALONE, 'job'))).toEqual({ kind: 'found', path: ['p', 'r', 'c', 't9', 'k-job'] });
    expect(tree.loads).toEqual(['p', 'r', 'c', 't9']);
  });

  it('reaches an instance under its region', async () => {
    const instance: InstanceRef = { kind: 'instance', ...R, instanceId: 'i-0a1b2c3d4e5f60001' };
    expect(await loadPathTo(fakeTree(), instance)).toEqual({ kind: 'found', path: ['p', 'r', 'i'] });
  });

  it('has no way to a task that is no longer listed, or a container its task does not have', async () => {
    expect(await loadPathTo(fakeTree(), ecs('arn:aws:ecs:us-east-1:1:task/demo-web/gone', 'app'))).toEqual({ kind: 'gone' });
    expect(await loadPathTo(fakeTree(), ecs(TASK, 'sidecar'))).toEqual({ kind: 'gone' });
  });

  it('says a list on the way failed to load, not that the target is gone, and stops there', async () => {
    const tree = fakeTree(new Set(['c']));
    expect(await loadPathTo(tree, ecs(TASK, 'app'))).toEqual({ kind: 'failed', message: 'Rate exceeded' });
    expect(tree.loads).toEqual(['p', 'r', 'c']);
    const instance: InstanceRef = { kind: 'instance', ...R, instanceId: 'i-0a1b2c3d4e5f60001' };
    expect(await loadPathTo(fakeTree(new Set(['r'])), instance)).toEqual({ kind: 'failed', message: 'Rate exceeded' });
  });
});
