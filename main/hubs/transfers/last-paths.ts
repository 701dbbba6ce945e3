// The last remote path used per target, so the path prompt starts where the user left off.
// Persisted in <dataDir>/transfer-paths.json through the atomic writer.
import { join } from 'node:path';
import { z } from 'zod';
import { RemotePathSchema, type ShellTarget } from '../../../shared/contract/index.js';
import { writeJsonAtomic } from '../../storage/atomic-writer.js';
import { loadJsonFile } from '../../storage/json-file.js';

export const LAST_PATHS = {
  FILE: 'transfer-paths.json',
  /** Targets remembered; the oldest are forgotten past this (tasks come and go). */
  MAX_TARGETS: 500,
} as const;

const FileSchema = z.object({ version: z.literal(1), paths: z.record(z.string().max(4096), RemotePathSchema) });

/** One key per container or instance (the ECS command is not part of it). */
export function targetKey(t: ShellTarget): string {
  return t.kind === 'instance' ? `${t.profile}|${t.region}|${t.instanceId}` : `${t.profile}|${t.region}|${t.taskArn}|${t.containerName}`;
}

export class LastPaths {
  readonly #file: string;
  #paths: Map<string, string> | undefined;

  constructor(dataDir: string, private readonly notice: (message: string) => void) {
    this.#file = join(dataDir, LAST_PATHS.FILE);
  }

  async get(target: ShellTarget): Promise<string | null> {
    return (await this.#load()).get(targetKey(target)) ?? null;
  }

  async set(target: ShellTarget, path: string): Promise<void> {
    const paths = await this.#load();
    const key = targetKey(target);
    paths.delete(key);
    paths.set(key, path);
    while (paths.size > LAST_PATHS.MAX_TARGETS) paths.delete(paths.keys().next().value ?? '');
    await writeJsonAtomic(this.#file, { version: 1, paths: Object.fromEntries(paths) });
  }

  async #load(): Promise<Map<string, string>> {
    if (this.#paths) return this.#paths;
    const data = await loadJsonFile(this.#file, (raw) => FileSchema.parse(raw), { setAside: (n) => this.notice(n.message) }).catch(() => undefined);
    this.#paths ??= new Map(Object.entries(data?.paths ?? {}));
    return this.#paths;
  }
}
