// Before there was one store, the app kept saved forwards in saved-forwards.json (contract specs
// under their own ids). Moved once into ForwardManager's forwards.json, with the contract target
// in the details file; the old file is then renamed, never deleted, so nothing is lost.
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { SavedForwardSchema, type SavedForward } from '../../../shared/contract/index.js';
import type { ForwardStore } from '../../sessions/forwards/store.js';
import { managerSpec } from './mapping.js';
import type { SavedDetails } from './saved-details.js';

export const LEGACY_SAVED_FILE = 'saved-forwards.json';
/** The old file is kept under this suffix after its entries moved. */
export const MIGRATED_SUFFIX = '.migrated';

const LegacyFileSchema = z.object({ version: z.literal(1), saved: z.array(z.unknown()) });

/** The old file's valid entries; null when there is no old file; an unreadable one is left alone and reported. */
async function readLegacy(file: string): Promise<SavedForward[] | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  let parsed: z.infer<typeof LegacyFileSchema>;
  try {
    parsed = LegacyFileSchema.parse(JSON.parse(text));
  } catch {
    console.warn(`porthole: ${file} is unreadable; its saved forwards were not moved (the file is left as it is).`);
    return null;
  }
  return parsed.saved.flatMap((raw) => {
    const entry = SavedForwardSchema.safeParse(raw);
    return entry.success ? [entry.data] : [];
  });
}

/** Moves the old file's saved forwards into the one store; returns how many moved. */
export async function migrateLegacySaved(dataDir: string, store: ForwardStore, details: SavedDetails): Promise<number> {
  const file = join(dataDir, LEGACY_SAVED_FILE);
  const legacy = await readLegacy(file);
  if (legacy === null) return 0;
  const existing = await store.load();
  const known = new Set(existing.map((f) => f.id));
  const moved = legacy.filter((s) => !known.has(s.savedId));
  await store.save([...existing, ...moved.map((s) => ({ id: s.savedId, spec: managerSpec(s.spec) }))]);
  for (const s of moved) await details.set(s.savedId, { target: s.spec.target, savedAt: s.savedAt });
  await rename(file, `${file}${MIGRATED_SUFFIX}`);
  return moved.length;
}
