// The shapes saved forwards had before the one store, read once to move them in:
//  - forwards.json version 1: the forward manager's own specs ({ id, spec }), which cannot hold an
//    ECS container's name or its task ARN;
//  - saved-forward-details.json: those targets and the save dates, keyed by id;
//  - saved-forwards.json: the app's first file (contract specs), and its `.migrated` copy.
// Nothing else reads these shapes; the files are deleted once their forwards are in the store.
import { z } from 'zod';
import { SavedForwardSchema, TargetRefSchema, type SavedForward, type TargetRef } from '../../../shared/contract/index.js';
import { ManagerSpecSchema } from '../../sessions/forwards/spec.js';
import { contractSpec } from './mapping.js';

export const OLD_FORWARD_FILES = {
  DETAILS: 'saved-forward-details.json',
  LEGACY: 'saved-forwards.json',
  /** The first migration kept the legacy file under this name; its forwards are in forwards.json. */
  LEGACY_MIGRATED: 'saved-forwards.json.migrated',
} as const;

export const V1StoreSchema = z.object({ version: z.literal(1), forwards: z.array(z.object({ id: z.string().min(1), spec: z.unknown() })) });
export type V1Store = z.infer<typeof V1StoreSchema>;

const DetailSchema = z.object({ target: TargetRefSchema, savedAt: z.number().int().nonnegative() });
type Detail = z.infer<typeof DetailSchema>;
export const DetailsFileSchema = z.object({ version: z.literal(1), details: z.record(z.string(), z.unknown()) });
export const LegacyFileSchema = z.object({ version: z.literal(1), saved: z.array(z.unknown()) });

/** The valid details by id (an invalid entry only loses its container name and date). */
export function detailsById(file: z.infer<typeof DetailsFileSchema> | undefined): Map<string, Detail> {
  const out = new Map<string, Detail>();
  for (const [id, raw] of Object.entries(file?.details ?? {})) {
    const d = DetailSchema.safeParse(raw);
    if (d.success) out.set(id, d.data);
  }
  return out;
}

export interface Converted {
  readonly saved: SavedForward[];
  /** One line per forward that could not be carried over, for the person. */
  readonly dropped: string[];
}

/** Version-1 entries as contract saved forwards, with the target and date the details file kept. */
export function fromV1(store: V1Store, details: ReadonlyMap<string, Detail>): Converted {
  const saved: SavedForward[] = [];
  const dropped: string[] = [];
  for (const { id, spec: raw } of store.forwards) {
    const spec = ManagerSpecSchema.safeParse(raw);
    const detail = details.get(id);
    const target: TargetRef | undefined = detail?.target;
    const contract = spec.success ? contractSpec(spec.data, target) : null;
    if (contract === null) dropped.push(`saved forward ${id} (${spec.success ? 'it names no profile and region' : 'its spec is invalid'})`);
    else saved.push({ savedId: id, spec: contract, savedAt: detail?.savedAt ?? 0 });
  }
  return { saved, dropped };
}

/** The legacy file's valid entries. */
export function fromLegacy(file: z.infer<typeof LegacyFileSchema>): Converted {
  const saved: SavedForward[] = [];
  const dropped: string[] = [];
  file.saved.forEach((raw, i) => {
    const entry = SavedForwardSchema.safeParse(raw);
    if (entry.success) saved.push(entry.data);
    else dropped.push(`entry ${i + 1} of ${OLD_FORWARD_FILES.LEGACY} (invalid)`);
  });
  return { saved, dropped };
}
