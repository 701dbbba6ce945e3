/** Saved forwards: a JSON file under the app's data directory, written atomically. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeJsonAtomic } from '../../storage/atomic-writer.js';
import { FORWARDS } from './constants.js';
import type { ForwardSpec } from './types.js';

const targetSchema = z.union([
  z.object({ kind: z.literal('instance'), instanceId: z.string().min(1) }),
  z.object({ kind: z.literal('ecs'), cluster: z.string().min(1), taskId: z.string().min(1), runtimeId: z.string().min(1) }),
]);

const specSchema = z.object({
  name: z.string().optional(),
  target: targetSchema,
  remotePort: z.number().int().min(1).max(65_535),
  remoteHost: z.string().min(1).optional(),
  ssh: z.boolean().optional(),
  localAddress: z.string().min(1).optional(),
  localPort: z.number().int().min(0).max(65_535).optional(),
  autoRestart: z.boolean().optional(),
  profile: z.string().min(1).optional(),
  region: z.string().min(1).optional(),
});

const fileSchema = z.object({
  version: z.literal(1),
  forwards: z.array(z.object({ id: z.string().min(1), spec: specSchema })),
});

export interface SavedForward {
  id: string;
  spec: ForwardSpec;
}

export function parseSpec(input: unknown): ForwardSpec {
  return specSchema.parse(input) as ForwardSpec;
}

export class ForwardStore {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, FORWARDS.STORE_FILE);
  }

  /** Saved forwards; none when the file does not exist yet. A corrupt file is an error, not data loss. */
  async load(): Promise<SavedForward[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return fileSchema.parse(JSON.parse(text)).forwards as SavedForward[];
  }

  async save(forwards: SavedForward[]): Promise<void> {
    await writeJsonAtomic(this.file, { version: 1, forwards });
  }
}
