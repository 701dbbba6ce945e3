// Adding and removing a region under a profile: the choice is kept in settings (main applies it to
// the saved choices, persists them and reloads that profile's regions, so the tree's `changed`
// event shows the result).
import { KNOWN_AWS_REGIONS } from '../../shared/aws-regions.js';
import { RegionSchema } from '../../shared/contract/index.js';
import type { AppModel } from '../root/app-model.js';

/** A region code as typed, checked: the code, or the reason it is not one. */
export function parseRegion(text: string): { region: string } | { error: string } {
  const code = text.trim().toLowerCase();
  if (code === '') return { error: 'Type a region code, like eu-west-1.' };
  return RegionSchema.safeParse(code).success ? { region: code } : { error: `“${text.trim()}” is not an AWS region code like eu-west-1.` };
}

/** At most this many single-letter edits (or one swap of neighbours) from a known region reads as a typo of it: eu-wset-1, us-est-1. */
const TYPO_DISTANCE = 2;

/** Edit distance where swapping two neighbouring letters counts as one edit (optimal string alignment). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * A well-formed code that is not a region Porthole knows: a typo (then the region it is closest
 * to), or a region newer than the list, GovCloud or China (then no suggestion). Null for a known one.
 */
export function unknownRegion(region: string): { suggestion: string | null } | null {
  if (KNOWN_AWS_REGIONS.includes(region)) return null;
  let suggestion: string | null = null;
  let best = TYPO_DISTANCE + 1;
  for (const known of KNOWN_AWS_REGIONS) {
    const d = distance(region, known);
    if (d < best) [best, suggestion] = [d, known];
  }
  return { suggestion };
}

/** The question asked before a region Porthole does not know is added: adding it anyway is one more press. */
export function unknownRegionText(region: string, suggestion: string | null): string {
  const guess = suggestion === null ? '' : ` Did you mean ${suggestion}?`;
  return `${region} is not a region Porthole knows.${guess} Press Add region again to add it anyway (a region newer than Porthole, GovCloud or China).`;
}

/** Main applies it to the choices as they are when it runs, so another window's change in between is kept. */
export async function addRegion(model: AppModel, profile: string, region: string): Promise<void> {
  await model.settings.changeRegion({ profile, region, change: 'add' });
}

export async function removeRegion(model: AppModel, profile: string, region: string): Promise<void> {
  await model.settings.changeRegion({ profile, region, change: 'remove' });
}
