import { describe, expect, it } from 'vitest';
import type { InventoryNode, RecentTarget } from '../../shared/contract/index.js';
import { quickOpenAction } from './quick-open-action.js';
import type { TargetItem } from './quick-open-items.js';

const R = { profile: 'sandbox', region: 'us-east-1' } as const;
const ARN = 'arn:aws:ecs:us-east-1:1:cluster/demo-workers';
const TASK = 'arn:aws:ecs:us-east-1:1:task/demo-workers/abc0012';

const container = (execAgentStatus: string): InventoryNode => ({ kind: 'container', id: `k-${execAgentStatus}`, label: 'worker', ...R, clusterArn: ARN, taskArn: TASK, name: 'worker', runtimeId: 'rt-worker', lastStatus: 'RUNNING', execAgentStatus, image: null });
const instance = (pingStatus: string): InventoryNode => ({ kind: 'instance', id: `i-${pingStatus}`, label: 'app-server', ...R, instanceId: 'i-00000000000000001', name: 'app-server', pingStatus, platform: 'Linux', state: 'running' });
const cluster: InventoryNode = { kind: 'cluster', id: 'c', label: 'demo-workers', ...R, clusterArn: ARN, status: 'ACTIVE', runningTasks: 1, activeServices: 0 };

const item = (node: InventoryNode | null, recent: RecentTarget | null = null): TargetItem => ({ id: node?.id ?? 'gone', kind: node?.kind ?? 'container', label: 'x', where: '', node, recent, labelHits: [], whereHits: [] });
const remembered: RecentTarget = {
  nodeId: 'gone',
  kind: 'container',
  label: 'worker',
  where: 'sandbox · us-east-1 · demo-workers',
  title: 'worker · abc0012',
  target: { kind: 'ecs-container', ...R, cluster: 'demo-workers', taskArn: TASK, containerName: 'worker', runtimeId: 'rt-worker' },
};

describe('quick open: what Enter and Ctrl+Enter do on a row', () => {
  it('a ready target: Enter opens a shell, Ctrl+Enter the forward form', () => {
    for (const node of [container('RUNNING'), instance('Online')]) {
      expect(quickOpenAction(item(node), false)).toBe('shell');
      expect(quickOpenAction(item(node), true)).toBe('forward');
    }
  });

  it('a target known not to take a session diagnoses on both keys, never a forward that would fail', () => {
    for (const node of [container('STOPPED'), instance('ConnectionLost')]) {
      expect(quickOpenAction(item(node), false)).toBe('diagnose');
      expect(quickOpenAction(item(node), true)).toBe('diagnose');
    }
  });

  it('an agent still starting gets its chance, as in the tree', () => {
    expect(quickOpenAction(item(container('PENDING')), true)).toBe('forward');
  });

  it('a node that is not a target is shown in the tree on Enter; Ctrl+Enter does nothing', () => {
    expect(quickOpenAction(item(cluster), false)).toBe('reveal');
    expect(quickOpenAction(item(cluster), true)).toBe('none');
  });

  it('a recent target the tree has not loaded is taken as it was remembered', () => {
    expect(quickOpenAction(item(null, remembered), false)).toBe('shell');
    expect(quickOpenAction(item(null, remembered), true)).toBe('forward');
  });
});
