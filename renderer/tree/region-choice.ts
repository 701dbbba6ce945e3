// Adding and removing a region under a profile: the choice is kept in settings (main persists it
// and reloads that profile's regions, so the tree's `changed` event shows the result).
import { RegionSchema } from '../../shared/contract/index.js';
import { NO_REGION_CHOICE, profileEntry, withRegionAdded, withRegionRemoved } from '../../shared/region-list.js';
import type { AppModel } from '../root/app-model.js';

/** A region code as typed, checked: the code, or the reason it is not one. */
export function parseRegion(text: string): { region: string } | { error: string } {
  const code = text.trim().toLowerCase();
  if (code === '') return { error: 'Type a region code, like eu-west-1.' };
  return RegionSchema.safeParse(code).success ? { region: code } : { error: `“${text.trim()}” is not an AWS region code like eu-west-1.` };
}

export async function addRegion(model: AppModel, profile: string, region: string): Promise<void> {
  const regions = model.settings.current.regions;
  await model.settings.update({ regions: { ...regions, [profile]: withRegionAdded(profileEntry(regions, profile) ?? NO_REGION_CHOICE, region) } });
}

export async function removeRegion(model: AppModel, profile: string, region: string): Promise<void> {
  const regions = model.settings.current.regions;
  await model.settings.update({ regions: { ...regions, [profile]: withRegionRemoved(profileEntry(regions, profile) ?? NO_REGION_CHOICE, region) } });
}
