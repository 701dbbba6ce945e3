// A refresh reports the branches it reloaded that failed (count and the first one's error), so
// "Refresh everything" does not say "Refreshed" while every region shows an error: the region's
// listings are refused by the sandbox (api-faults), as a denied or unreachable AWS would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX } from '../../sandbox/index.js';
import { nodeId } from './node-ids.js';
import { sandboxInventory, type SandboxInventory } from '../../../testing/aws/inventory/test-sandbox.js';

const REGION_ID = nodeId.region(SANDBOX.profile, 'us-east-1');
const CLUSTER_ID = nodeId.cluster(SANDBOX.profile, 'us-east-1', 'arn:aws:ecs:us-east-1:123456789012:cluster/demo-web');

let t: SandboxInventory;
beforeAll(async () => {
  t = await sandboxInventory();
});
afterAll(async () => {
  await t.close();
});

describe('Inventory.refresh reports the reloads that failed', () => {
  it('none when everything reloads; the count and the first error when the region cannot be listed', async () => {
    await t.inventory.children(nodeId.profile(SANDBOX.profile));
    await t.inventory.children(REGION_ID);
    await t.inventory.children(CLUSTER_ID);
    expect(await t.inventory.refresh(null)).toBeUndefined();

    // Both of the region's listings refused: the region fails outright, and the cluster under it is gone with it.
    t.sandbox.apiFaults.set({ rules: [{ operation: 'ecs.ListClusters', answer: 'access-denied' }, { operation: 'ssm.DescribeInstanceInformation', answer: 'access-denied' }] });
    t.events.errors.length = 0;
    const failures = await t.inventory.refresh(null);
    expect(failures?.count).toBe(1);
    const shown = t.events.errors.find((e) => e.nodeId === REGION_ID);
    expect(shown).toBeDefined();
    expect(failures?.first.message).toBe(shown?.message);
    expect(failures?.first.nextStep).toBe(shown?.nextStep);

    // A refresh of just the region says the same; once AWS answers again, no failures.
    expect((await t.inventory.refresh(REGION_ID))?.count).toBe(1);
    t.sandbox.apiFaults.set({ rules: [] });
    expect(await t.inventory.refresh(REGION_ID)).toBeUndefined();
  });
});
