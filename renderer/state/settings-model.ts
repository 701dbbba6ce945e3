// The current settings, kept fresh by `settings.changed`, and a way to update them.
import { DEFAULT_SETTINGS, type LayoutChange, type RecentTarget, type RegionChange, type Settings, type SettingsPatch, type TreeViewChange } from '../../shared/contract/index.js';
import { errorText, type PortholeClient } from '../bridge/client.js';
import { Store } from './store.js';

export interface SettingsView {
  /** null until main answered; callers that need values now use `current`. */
  readonly settings: Settings | null;
  readonly error: string | null;
}

export class SettingsModel extends Store<SettingsView> {
  #started = false;
  #answered: (settings: Settings | null) => void = () => undefined;
  /** Main's first answer; null when it failed (the defaults are then in force). */
  readonly loaded: Promise<Settings | null>;

  constructor(private readonly client: PortholeClient) {
    super({ settings: null, error: null });
    this.loaded = new Promise((resolve) => (this.#answered = resolve));
  }

  /** The settings in force: main's, or the contract's defaults until main answers. */
  get current(): Settings {
    return this.state.settings ?? DEFAULT_SETTINGS;
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.client.on('settings', 'changed', ({ settings }) => this.set({ settings, error: null }));
    this.client
      .call('settings', 'get', {})
      .then(({ settings }) => {
        this.set({ settings, error: null });
        this.#answered(settings);
      })
      .catch((err: unknown) => {
        this.set({ ...this.state, error: errorText(err) });
        this.#answered(null);
      });
  }

  /** Puts a target first among the recent ones; a failure only costs the ordering, so it is not shown. */
  async rememberTarget(entry: RecentTarget): Promise<void> {
    try {
      const { settings } = await this.client.call('settings', 'rememberTarget', { entry });
      this.set({ settings, error: this.state.error });
    } catch (err) {
      console.warn(`porthole: could not remember a recent target: ${errorText(err)}`);
    }
  }

  /**
   * What this window changed in the tree's open branches and selection, merged by main into the
   * saved view. True once kept. A failure (the host link lost, say) is logged rather than shown as a
   * settings error: the tree sends the change again with its next save.
   */
  async changeTree(change: TreeViewChange): Promise<boolean> {
    return this.#kept(this.client.call('settings', 'changeTree', { change }), "the tree's open branches");
  }

  /**
   * The layout keys this window changed, merged by main into the saved layout. True once kept. A
   * failure is logged, as the tree's is: the layout sends the keys again with its next save.
   */
  async changeLayout(change: LayoutChange): Promise<boolean> {
    return this.#kept(this.client.call('settings', 'changeLayout', { change }), 'the layout');
  }

  /** A change the window sends again when it was not kept: true once kept; a failure is logged, not shown as a settings error. */
  async #kept(call: Promise<{ settings: Settings }>, what: string): Promise<boolean> {
    try {
      const { settings } = await call;
      this.set({ settings, error: this.state.error });
      return true;
    } catch (err) {
      console.warn(`porthole: could not keep ${what}: ${errorText(err)}`);
      return false;
    }
  }

  async update(patch: SettingsPatch): Promise<void> {
    await this.#shown(this.client.call('settings', 'update', { patch }));
  }

  /** Adds a region to a profile's list or removes one; main applies it to the choices as they are then. */
  async changeRegion(change: RegionChange): Promise<void> {
    await this.#shown(this.client.call('settings', 'changeRegion', change));
  }

  /** Takes the settings a person's change left, or shows why it failed. */
  async #shown(call: Promise<{ settings: Settings }>): Promise<void> {
    try {
      const { settings } = await call;
      this.set({ settings, error: null });
    } catch (err) {
      this.set({ ...this.state, error: errorText(err) });
    }
  }
}
