// Settings persisted as JSON in the data directory. Reads are forgiving (a hand-edited or older
// file keeps its valid fields; one that is not a JSON object is set aside as corrupt and told);
// writes go through the atomic writer (storage/atomic-writer).
import { join } from 'node:path';
import { DEFAULT_SETTINGS, SettingsSchema, withRecentTarget, type LayoutChange, type RecentTarget, type RegionChange, type Settings, type SettingsPatch, type TreeViewChange } from '../../shared/contract/index.js';
import { NO_REGION_CHOICE, profileEntry, withRegionAdded, withRegionOpened, withRegionRemoved } from '../../shared/region-list.js';
import { withTreeViewChange } from '../../shared/tree-view.js';
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
  /** The settings in force: the file's once read (#reading), then every change applied in turn. */
  #current: Settings = DEFAULT_SETTINGS;
  #reading: Promise<void> | undefined;
  readonly #listeners = new Set<(next: Settings, previous: Settings) => void>();

  constructor(
    dataDir: string,
    /** Told, in a sentence for the person, when the file was set aside. */
    private readonly notice: (message: string) => void = (message) => console.warn(`porthole: ${message}`),
  ) {
    this.file = join(dataDir, SETTINGS_FILE_NAME);
  }

  async get(): Promise<Settings> {
    await this.#read();
    return this.#current;
  }

  /** Reads the file once, however many calls ask at the same time (a second read would undo changes made after the first). */
  #read(): Promise<void> {
    this.#reading ??= this.load().then(
      ({ settings }) => void (this.#current = settings),
      (err: unknown) => {
        this.#reading = undefined; // the next call tries again
        throw err;
      },
    );
    return this.#reading;
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
    return this.#change((previous) => SettingsSchema.parse({ ...previous, ...patch }));
  }

  /** Puts an already-validated target first among the recent ones and persists the result. */
  async rememberTarget(entry: RecentTarget): Promise<Settings> {
    return this.#change((previous) => ({ ...previous, recentTargets: withRecentTarget(previous.recentTargets, entry) }));
  }

  /** Merges one window's already-validated change of the tree's view into the saved one and persists the result. */
  async changeTree(change: TreeViewChange): Promise<Settings> {
    return this.#change((previous) => ({ ...previous, tree: withTreeViewChange(previous.tree, change) }));
  }

  /** Merges the layout keys one window changed (already validated) into the saved layout, key by key, and persists the result. */
  async changeLayout(change: LayoutChange): Promise<Settings> {
    return this.#change((previous) => ({ ...previous, layout: { ...previous.layout, ...change } }));
  }

  /** Adds a region to a profile's choices or removes one (already validated), on the choices as they are now, and persists the result. */
  async changeRegion({ profile, region, change }: RegionChange): Promise<Settings> {
    const apply = change === 'add' ? withRegionAdded : withRegionRemoved;
    return this.#change((previous) => ({ ...previous, regions: { ...previous.regions, [profile]: apply(profileEntry(previous.regions, profile) ?? NO_REGION_CHOICE, region) } }));
  }

  /**
   * Applies a change to the settings as they are when it runs, not as they were when it was asked
   * for: changes asked for together (two windows) each see the one before, and none is lost.
   * The file is then written through the atomic writer's queue (the newest state wins on disk).
   */
  async #change(apply: (current: Settings) => Settings): Promise<Settings> {
    await this.#read();
    // Nothing awaits between reading #current and setting it, so no other change can come between.
    const previous = this.#current;
    const next = apply(previous);
    this.#current = next;
    let unsaved: string | null = null;
    try {
      await writeJsonAtomic(this.file, next);
    } catch (err) {
      unsaved = err instanceof Error ? err.message : String(err);
    }
    // In force either way (later changes build on it): listeners and other windows hear of it, and the
    // next write that succeeds carries it to disk.
    for (const listener of this.#listeners) listener(next, previous);
    if (unsaved !== null) {
      throw new Error(`The change is in use but could not be saved to ${this.file} (${unsaved}); it is saved with the next change that can be.`);
    }
    return next;
  }

  /** Called after every change (saved, or in force and waiting for a write that can succeed), with the settings before it. Returns the unsubscribe. */
  onChange(listener: (next: Settings, previous: Settings) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Remembers that the user opened something in a profile's region; null when it was known already. */
  async noteOpenedRegion(profile: string, region: string): Promise<Settings | null> {
    await this.#read();
    const opened = profileEntry(this.#current.openedRegions, profile) ?? [];
    if (withRegionOpened(opened, region) === opened) return null;
    // Worked out again from the settings as they are when the change runs (another region may have come first).
    return this.#change((previous) => {
      const list = withRegionOpened(profileEntry(previous.openedRegions, profile) ?? [], region);
      return SettingsSchema.parse({ ...previous, openedRegions: { ...previous.openedRegions, [profile]: [...list] } });
    });
  }
}
