/**
 * A profile's children in the tree: the regions chosen for it (settings, through `regionsFor`, or
 * its configured one) and the ones added by hand, each once. No AWS call beyond opening the profile.
 */
import type { InventoryNode } from '../../../shared/contract/inventory.js';
import type { AwsWorkspace } from '../workspace.js';
import { regionNode } from './nodes.js';

export type RegionsFor = (profile: string, configured: string | null) => Promise<readonly string[]>;

export async function profileRegions(workspace: AwsWorkspace, profile: string, extra: readonly string[], regionsFor: RegionsFor | undefined): Promise<InventoryNode[]> {
  const session = await workspace.open(profile);
  const configured = session.profile.region ?? null;
  const chosen = regionsFor ? await regionsFor(profile, configured) : configured ? [configured] : [];
  const regions = [...new Set([...chosen, ...extra])];
  // No region configured and none chosen: the plain "no region" error. One the user removed shows an empty profile.
  if (regions.length === 0 && configured === null) session.region();
  return regions.map((r) => regionNode(profile, r, r === session.profile.region && session.profile.regionFromEnv));
}
