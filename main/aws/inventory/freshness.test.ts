// Freshness forgets a branch that leaves the tree (wired to NodeIndex as Inventory wires it), so
// tasks that come and go leave nothing behind; and a window showing a branch stale is told when
// its mark is dropped with it.
import { describe, expect, it } from 'vitest';
import type { InventoryNode, Stale } from '../../../shared/contract/inventory.js';
import { Freshness } from './freshness.js';
import { NodeIndex } from './node-index.js';
import { nodeId } from './node-ids.js';

const ARN = 'arn:aws:ecs:us-east-1:1:cluster/web';
const CLUSTER_ID = nodeId.cluster('p', 'us-east-1', ARN);
const region: InventoryNode = { kind: 'region', id: nodeId.region('p', 'us-east-1'), label: 'us-east-1', profile: 'p', region: 'us-east-1' };
const cluster: InventoryNode = { kind: 'cluster', id: CLUSTER_ID, label: 'web', profile: 'p', region: 'us-east-1', clusterArn: ARN, status: 'ACTIVE', runningTasks: 1, activeServices: 1 };
const THROTTLED = { message: 'AWS is throttling ECS calls.' };

function tree() {
  const told: Array<{ id: string; stale: Stale | null }> = [];
  // As Inventory builds them: what leaves the index leaves the freshness record.
  const freshness: Freshness = new Freshness(() => 1_000, (id, stale) => told.push({ id, stale }));
  const index = new NodeIndex((id) => freshness.forget(id));
  index.setChildren(region.id, [cluster]);
  freshness.listed(region.id);
  freshness.listed(CLUSTER_ID);
  return { told, freshness, index };
}

describe('Freshness', () => {
  it('forgets a branch a listing no longer holds: a later failure cannot mark it', () => {
    const { told, freshness, index } = tree();
    index.setChildren(region.id, []); // the cluster is gone from the region
    freshness.failed(CLUSTER_ID, THROTTLED);
    expect(freshness.of(CLUSTER_ID)).toBeUndefined();
    expect(told).toEqual([]);
  });

  it('tells the windows a stale branch is no longer stale when it is dropped', () => {
    const { told, freshness, index } = tree();
    freshness.failed(CLUSTER_ID, THROTTLED);
    expect(told).toEqual([{ id: CLUSTER_ID, stale: { since: 1_000, error: THROTTLED } }]);
    told.length = 0;
    index.setChildren(region.id, []);
    expect(told).toEqual([{ id: CLUSTER_ID, stale: null }]);
    expect(freshness.of(CLUSTER_ID)).toBeUndefined();
  });
});
