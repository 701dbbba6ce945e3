// Forwards the person saved to restore in a later run, kept as contract specs in a JSON file
// of the data directory (written atomically, read forgivingly: a bad entry is skipped).
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { SavedForwardSchema, type ForwardSpec, type SavedForward } from '../../../shared/contract/index.js';

export const SAVED_FORWARDS_FILE = 'saved-forwards.json';

const FileSchema = z.object({ version: z.literal(1), saved: z.array(z.unknown()) });

export class SavedForwards {
  readonly file: string;
  #items: SavedForward[] | undefined;
  #writing: Promise<void> = Promise.resolve();

  constructor(dataDir: string) {
    this.file = join(dataDir, SAVED_FORWARDS_FILE);
  }

  async list(): Promise<SavedForward[]> {
    this.#items ??= await this.#load();
    return [...this.#items];
  }

  async get(savedId: string): Promise<SavedForward | undefined> {
    return (await this.list()).find((s) => s.savedId === savedId);
  }

  async add(spec: ForwardSpec): Promise<SavedForward> {
    const saved: SavedForward = { savedId: `saved-${randomUUID()}`, spec, savedAt: Date.now() };
    this.#items = [...(await this.list()), saved];
    await this.#persist();
    return saved;
  }

  /** False when no such saved forward existed. */
  async remove(savedId: string): Promise<boolean> {
    const before = await this.list();
    this.#items = before.filter((s) => s.savedId !== savedId);
    if (this.#items.length === before.length) return false;
    await this.#persist();
    return true;
  }

  async #load(): Promise<SavedForward[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    let parsed: z.infer<typeof FileSchema>;
    try {
      parsed = FileSchema.parse(JSON.parse(text));
    } catch {
      console.warn(`porthole: ${this.file} is unreadable; starting with no saved forwards (it is replaced on the next save).`);
      return [];
    }
    return parsed.saved.flatMap((raw) => {
      const entry = SavedForwardSchema.safeParse(raw);
      return entry.success ? [entry.data] : [];
    });
  }

  #persist(): Promise<void> {
    const items = this.#items ?? [];
    const write = this.#writing.then(async () => {
      await mkdir(dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      await writeFile(tmp, `${JSON.stringify({ version: 1, saved: items }, null, 2)}\n`, { mode: 0o600 });
      await rename(tmp, this.file);
    });
    this.#writing = write.catch(() => undefined);
    return write;
  }
}
