// Which regions the tree shows under a profile. The default list is the profile's configured
// region plus every region where the user opened a shell or a forward before; the user's own
// choices (regions added, default ones removed) apply on top and are kept in settings.
import { REGIONS_PER_PROFILE_MAX, type RegionChoice } from './contract/settings.js';

export const NO_REGION_CHOICE: RegionChoice = { added: [], removed: [] };

/**
 * A profile's entry in a per-profile settings record, own keys only: profile names are the
 * user's text, and one named `constructor`, `toString` or `__proto__` is not an Object member.
 */
export function profileEntry<T>(record: Readonly<Record<string, T>>, profile: string): T | undefined {
  return Object.hasOwn(record, profile) ? record[profile] : undefined;
}

/** The profile's default regions, configured one first, each once. */
export function defaultRegions(configured: string | null, opened: readonly string[] = []): string[] {
  return [...new Set([...(configured ? [configured] : []), ...opened])];
}

/** What the tree shows: the defaults not removed, then the added ones, each once, in that order. */
export function shownRegions(defaults: readonly string[], choice: RegionChoice = NO_REGION_CHOICE): string[] {
  const removed = new Set(choice.removed);
  return [...new Set([...defaults, ...choice.added])].filter((r) => !removed.has(r));
}

/** The choice after adding a region: shown from now on, even if it was removed before. */
export function withRegionAdded(choice: RegionChoice, region: string): RegionChoice {
  const removed = choice.removed.filter((r) => r !== region);
  if (choice.added.includes(region)) return { added: choice.added, removed };
  return { added: [...choice.added, region].slice(-REGIONS_PER_PROFILE_MAX), removed };
}

/** The choice after removing a region: hidden from now on, whether it was added or a default one. */
export function withRegionRemoved(choice: RegionChoice, region: string): RegionChoice {
  const added = choice.added.filter((r) => r !== region);
  if (choice.removed.includes(region)) return { added, removed: choice.removed };
  return { added, removed: [...choice.removed, region].slice(-REGIONS_PER_PROFILE_MAX) };
}

/** The opened-regions list after opening something in `region` (unchanged when already there). */
export function withRegionOpened(opened: readonly string[], region: string): readonly string[] {
  return opened.includes(region) ? opened : [...opened, region].slice(-REGIONS_PER_PROFILE_MAX);
}
