// What ForwardManager's saved-forwards file (forwards.json, the one store of saved forwards)
// cannot hold: the contract target as the tree gave it (an ECS container's name and its task
// ARN) and when it was saved, keyed by the saved forward's id. Never decides what is saved:
// entries whose forward is no longer saved are pruned. Read forgivingly, written atomically.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { TargetRefSchema } from '../../../shared/contract/index.js';
import { writeJsonAtomic } from '../../storage/atomic-writer.js';

export const SAVED_DETAILS_FILE = 'saved-forward-details.json';

const DetailSchema = z.object({ target: TargetRefSchema, savedAt: z.number().int().nonnegative() });
export type SavedDetail = z.infer<typeof DetailSchema>;

const FileSchema = z.object({ version: z.literal(1), details: z.record(z.string(), z.unknown()) });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export class SavedDetails {
  readonly file: string;
  #items: Map<string, SavedDetail> | undefined;

  constructor(dataDir: string) {
    this.file = join(dataDir, SAVED_DETAILS_FILE);
  }

  async get(id: string): Promise<SavedDetail | undefined> {
    return (await this.#all()).get(id);
  }

  async set(id: string, detail: SavedDetail): Promise<void> {
    (await this.#all()).set(id, detail);
    await this.#persist();
  }

  async delete(id: string): Promise<void> {
    if ((await this.#all()).delete(id)) await this.#persist();
  }

  /** Drops the details of forwards that are no longer saved. */
  async prune(savedIds: ReadonlySet<string>): Promise<void> {
    const items = await this.#all();
    const stale = [...items.keys()].filter((id) => !savedIds.has(id));
    if (stale.length === 0) return;
    for (const id of stale) items.delete(id);
    await this.#persist();
  }

  async #all(): Promise<Map<string, SavedDetail>> {
    this.#items ??= await this.#load();
    return this.#items;
  }

  async #load(): Promise<Map<string, SavedDetail>> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw err;
    }
    const file = FileSchema.safeParse(parseJson(text));
    if (!file.success) {
      console.warn(`porthole: ${this.file} is unreadable; saved ECS forwards show their runtime id until saved again.`);
      return new Map();
    }
    const out = new Map<string, SavedDetail>();
    for (const [id, raw] of Object.entries(file.data.details)) {
      const d = DetailSchema.safeParse(raw);
      if (d.success) out.set(id, d.data);
    }
    return out;
  }

  #persist(): Promise<void> {
    const details = Object.fromEntries(this.#items ?? []);
    return writeJsonAtomic(this.file, { version: 1, details });
  }
}

