// The one store of saved forwards: forwards.json in the data directory, holding the contract's
// SavedForward (spec as the person made it, target as the tree gave it, when it was saved).
// Written through the atomic writer; read once, and on that first read the older shapes
// (old-forward-files.ts) are moved in and deleted. A corrupt file is set aside and reported.
//   const store = new ForwardStore(dataDir, (message) => notices.add(message));
//   await store.list(); await store.put(saved); await store.delete(savedId);
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { SavedForwardSchema, type SavedForward } from '../../../shared/contract/index.js';
import { hostWithPort, savedHostWithPortText } from '../../../shared/messages/remote-host.js';
import { writeJsonAtomic, loadJsonFile, type SetAside } from '../../storage/index.js';
import { DetailsFileSchema, detailsById, fromLegacy, fromV1, LegacyFileSchema, OLD_FORWARD_FILES, V1StoreSchema, type V1Store } from './old-forward-files.js';

export const FORWARD_STORE = {
  FILE: 'forwards.json',
  /** 1 was the forward manager's own spec; 2 is the contract's saved forward. */
  VERSION: 2,
} as const;

const StoreSchema = z.object({ version: z.literal(FORWARD_STORE.VERSION), saved: z.array(SavedForwardSchema) });

type StoreFile = { readonly kind: 'current'; readonly saved: SavedForward[] } | { readonly kind: 'v1'; readonly store: V1Store };

function parseStore(raw: unknown): StoreFile {
  const version = typeof raw === 'object' && raw !== null ? (raw as { version?: unknown }).version : undefined;
  if (version === 1) return { kind: 'v1', store: V1StoreSchema.parse(raw) };
  return { kind: 'current', saved: StoreSchema.parse(raw).saved };
}

/**
 * Why a saved forward cannot start as saved, in words for its row; undefined when it can. Forwards
 * saved before a remote host with a port in it (db.internal:5432) was refused still hold one.
 */
export function savedForwardProblem(saved: SavedForward): string | undefined {
  const split = saved.spec.remoteHost === undefined ? null : hostWithPort(saved.spec.remoteHost);
  return split === null ? undefined : savedHostWithPortText(split);
}

export class ForwardStore {
  readonly file: string;
  #items: Promise<Map<string, SavedForward>> | undefined;

  constructor(
    private readonly dataDir: string,
    /** Told, in a sentence for the person, about anything set aside or not carried over. */
    private readonly notice: (message: string) => void = (message) => console.warn(`porthole: ${message}`),
  ) {
    this.file = join(dataDir, FORWARD_STORE.FILE);
  }

  /**
   * Saved forwards in the order they were saved, each that cannot start as saved (see
   * savedForwardProblem) with its `problem` said, for its row; the file itself is left as it is.
   */
  async list(): Promise<SavedForward[]> {
    return [...(await this.#all()).values()].map((saved) => {
      const problem = savedForwardProblem(saved);
      return problem === undefined ? saved : { ...saved, problem };
    });
  }

  async get(savedId: string): Promise<SavedForward | undefined> {
    return (await this.#all()).get(savedId);
  }

  /** Adds a saved forward, or replaces the one with its id (keeping its place). */
  async put(saved: SavedForward): Promise<void> {
    (await this.#all()).set(saved.savedId, saved);
    await this.#persist();
  }

  /** False when there was no such saved forward. */
  async delete(savedId: string): Promise<boolean> {
    const deleted = (await this.#all()).delete(savedId);
    if (deleted) await this.#persist();
    return deleted;
  }

  #all(): Promise<Map<string, SavedForward>> {
    this.#items ??= this.#load().then((saved) => new Map(saved.map((s) => [s.savedId, s])));
    return this.#items;
  }

  async #persist(): Promise<void> {
    await writeJsonAtomic(this.file, { version: FORWARD_STORE.VERSION, saved: [...(await this.#all()).values()] });
  }

  /** The saved forwards, with any older files moved in (then deleted) on the way. */
  async #load(): Promise<SavedForward[]> {
    const setAside = (n: SetAside): void => this.notice(n.message);
    const old = (name: string): string => join(this.dataDir, name);
    const current = await loadJsonFile(this.file, parseStore, { setAside });
    const details = await loadJsonFile(old(OLD_FORWARD_FILES.DETAILS), (raw) => DetailsFileSchema.parse(raw), { setAside });
    const legacy = await loadJsonFile(old(OLD_FORWARD_FILES.LEGACY), (raw) => LegacyFileSchema.parse(raw), { setAside });

    const dropped: string[] = [];
    let saved: SavedForward[] = [];
    if (current?.kind === 'current') saved = current.saved;
    else if (current?.kind === 'v1') {
      const moved = fromV1(current.store, detailsById(details));
      saved = moved.saved;
      dropped.push(...moved.dropped);
    }
    if (legacy !== undefined) {
      const moved = fromLegacy(legacy);
      const known = new Set(saved.map((s) => s.savedId));
      saved.push(...moved.saved.filter((s) => !known.has(s.savedId)));
      dropped.push(...moved.dropped);
    }
    if (current?.kind === 'v1' || legacy !== undefined) await writeJsonAtomic(this.file, { version: FORWARD_STORE.VERSION, saved });
    // Only once the store holds their forwards: the old shapes go.
    for (const name of Object.values(OLD_FORWARD_FILES)) await rm(old(name), { force: true });
    if (dropped.length > 0) this.notice(`These saved forwards could not be carried over to ${this.file}: ${dropped.join('; ')}.`);
    return saved;
  }
}
