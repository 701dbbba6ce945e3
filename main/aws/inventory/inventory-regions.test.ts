// The regions under a profile come from regionsFor (settings in the app): asked at each load of
// the profile's children, and reloadRegions replaces just that list (emitting `changed`) while
// what was loaded under a region that stays is kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX } from '../../sandbox/index.js';
import { nodeId } from './node-ids.js';
import { sandboxInventory, type SandboxInventory } from '../../../testing/aws/inventory/test-sandbox.js';

let t: SandboxInventory;
let chosen: Record<string, string[]> = {};
const asked: Array<[string, string | null]> = [];
beforeAll(async () => {
  t = await sandboxInventory({
    inventory: {
      regionsFor: async (profile, configured) => {
        asked.push([profile, configured]);
        return chosen[profile] ?? (configured ? [configured] : []);
      },
    },
  });
});
afterAll(async () => {
  await t.close();
});

describe('inventory regions per profile', () => {
  it('lists the regions regionsFor gives, told the configured one, and reloads them on demand', async () => {
    const profile = nodeId.profile(SANDBOX.profile);
    expect((await t.inventory.children(profile)).map((r) => r.label)).toEqual(['us-east-1']);
    expect(asked).toContainEqual([SANDBOX.profile, 'us-east-1']);
    const usEast = nodeId.region(SANDBOX.profile, 'us-east-1');
    await t.inventory.children(usEast);
    const requests = t.sandbox.stats.requests;

    chosen = { [SANDBOX.profile]: ['us-east-1', 'eu-west-1'] };
    await t.inventory.reloadRegions(SANDBOX.profile);
    expect(t.events.changed).toContain(profile);
    expect((await t.inventory.children(profile)).map((r) => r.label)).toEqual(['us-east-1', 'eu-west-1']);
    // us-east-1's clusters were kept: listing them again asks AWS nothing.
    expect((await t.inventory.children(usEast)).some((n) => n.label === 'demo-web')).toBe(true);
    expect(t.sandbox.stats.requests).toBe(requests);
    const eu = await t.inventory.children(nodeId.region(SANDBOX.profile, 'eu-west-1'));
    expect(eu.map((n) => n.label)).toEqual(['eu-web', 'eu-bastion (i-0e1b2c3d4e5f60001)']);

    // Every region removed: an empty profile, not the "no region" error (the profile has one configured).
    chosen = { [SANDBOX.profile]: [] };
    await t.inventory.reloadRegions(SANDBOX.profile);
    expect(await t.inventory.children(profile)).toEqual([]);
  });
});
