// Settings persisted as JSON in the data directory. Reads are forgiving (a hand-edited or older
// file keeps its valid fields; one that is not a JSON object is set aside as corrupt and told);
// writes go through the atomic writer (storage/atomic-writer).
import { join } from 'node:path';
import { DEFAULT_SETTINGS, SettingsSchema, withRecentTarget, type RecentTarget, type Settings, type SettingsPatch } from '../../shared/contract/index.js';
import { profileEntry, withRegionOpened } from '../../shared/region-list.js';
import { writeJsonAtomic, loadJsonFile } from '../storage/index.js';

export const SETTINGS_FILE_NAME = 'settings.json';

export interface SettingsLoad {
  readonly settings: Settings;
  /** Fields that were present but invalid and fell back to defaults, for a log line. */
  readonly ignored: readonly string[];
}

/** Keeps each valid field of whatever the file holds and defaults the rest. */
export function mergeStoredSettings(stored: unknown): SettingsLoad {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return { settings: { ...DEFAULT_SETTINGS }, ignored: stored === undefined ? [] : ['(whole file)'] };
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const ignored: string[] = [];
  const shape = SettingsSchema.shape;
  for (const [key, value] of Object.entries(stored)) {
    if (!Object.hasOwn(shape, key)) continue; // a field from a newer or older version: drop quietly
    const parsed = shape[key as keyof typeof shape].safeParse(value);
    if (parsed.success) settings[key] = parsed.data;
    else ignored.push(key);
  }
  return { settings: SettingsSchema.parse(settings), ignored };
}

export class SettingsStore {
  readonly file: string;
  #current: Settings | undefined;
  readonly #listeners = new Set<(next: Settings, previous: Settings) => void>();

  constructor(
    dataDir: string,
    /** Told, in a sentence for the person, when the file was set aside. */
    private readonly notice: (message: string) => void = (message) => console.warn(`porthole: ${message}`),
  ) {
    this.file = join(dataDir, SETTINGS_FILE_NAME);
  }

  async get(): Promise<Settings> {
    if (this.#current === undefined) this.#current = (await this.load()).settings;
    return this.#current;
  }

  async load(): Promise<SettingsLoad> {
    const stored = await loadJsonFile(
      this.file,
      (raw) => {
        if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('not a JSON object');
        return raw;
      },
      { setAside: (n) => this.notice(n.message) },
    );
    const loaded = mergeStoredSettings(stored);
    if (loaded.ignored.length > 0) console.warn(`porthole: ignored invalid settings in ${this.file}: ${loaded.ignored.join(', ')}`);
    return loaded;
  }

  /** Applies an already-validated patch and persists the result before resolving. */
  async update(patch: SettingsPatch): Promise<Settings> {
    const previous = await this.get();
    return this.#save(SettingsSchema.parse({ ...previous, ...patch }), previous);
  }

  /** Puts an already-validated target first among the recent ones and persists the result. */
  async rememberTarget(entry: RecentTarget): Promise<Settings> {
    const previous = await this.get();
    return this.#save({ ...previous, recentTargets: withRecentTarget(previous.recentTargets, entry) }, previous);
  }

  async #save(next: Settings, previous: Settings): Promise<Settings> {
    this.#current = next;
    await writeJsonAtomic(this.file, next);
    for (const listener of this.#listeners) listener(next, previous);
    return next;
  }

  /** Called after every persisted change, with the settings before it. Returns the unsubscribe. */
  onChange(listener: (next: Settings, previous: Settings) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Remembers that the user opened something in a profile's region; null when it was known already. */
  async noteOpenedRegion(profile: string, region: string): Promise<Settings | null> {
    const current = await this.get();
    const opened = profileEntry(current.openedRegions, profile) ?? [];
    const next = withRegionOpened(opened, region);
    if (next === opened) return null;
    return this.update({ openedRegions: { ...current.openedRegions, [profile]: [...next] } });
  }
}
