// The layout the user shapes: tree width (and whether the tree is collapsed), bottom panel height
// (and whether it was left open), split ratio. Held here, applied as CSS variables on the
// document, persisted through settings (main's atomic writer) a moment after the last change:
// only the keys this window changed, which main merges into the saved layout (layout-changes.ts).
import { DEFAULT_LAYOUT, LAYOUT_BOUNDS, type Layout } from '../../shared/contract/index.js';
import type { SettingsModel } from '../state/settings-model.js';
import { Store } from '../state/store.js';
import { LayoutChanges } from './layout-changes.js';
import { pageStorage, readCachedLayout, writeCachedLayout } from './layout-cache.js';

export const LAYOUT = {
  /** Persist this long after the last change: holding an arrow key on a separator repeats ~30×/s, one settings write each would be a storm. */
  PERSIST_DELAY_MS: 400,
  /**
   * A save main could not keep (the host link down, a failed write) is tried again this long after:
   * the call fails at once while the link is down, so retrying costs nothing, and a change is not
   * left unsaved until the user happens to move a separator again.
   */
  RESEND_DELAY_MS: 5_000,
  /** The terminal area keeps at least this width beside the tree (about 40 columns at 13 px). */
  TERMINAL_MIN_WIDTH: 360,
  /** ...and at least this height above the bottom panel (tabs plus about six rows). */
  TERMINAL_MIN_HEIGHT: 140,
  /** Keyboard steps: a small one per arrow key, a big one with Shift. */
  STEP_PX: 10,
  BIG_STEP_PX: 50,
  STEP_PERCENT: 2,
  BIG_STEP_PERCENT: 10,
} as const;

/** The CSS variable each size is applied through (styles/shell.css, bottom-panel.css and terminal.css read them). */
export const LAYOUT_VARS = { treeWidth: '--tree-width', panelHeight: '--panel-height', splitRatio: '--split-ratio' } as const;
export type SizeKey = keyof typeof LAYOUT_VARS;

export function cssValue(key: SizeKey, value: number): string {
  return key === 'splitRatio' ? String(value) : `${value}px`;
}

/** The largest tree width the window leaves room for (the terminal keeps its minimum). */
export function treeWidthMax(windowWidth: number): number {
  return Math.max(LAYOUT_BOUNDS.TREE_WIDTH_MIN, Math.min(LAYOUT_BOUNDS.TREE_WIDTH_MAX, windowWidth - LAYOUT.TERMINAL_MIN_WIDTH));
}

/** The largest panel height the work area leaves room for (the terminal keeps its minimum). */
export function panelHeightMax(workAreaHeight: number): number {
  return Math.max(LAYOUT_BOUNDS.PANEL_HEIGHT_MIN, Math.min(LAYOUT_BOUNDS.PANEL_HEIGHT_MAX, workAreaHeight - LAYOUT.TERMINAL_MIN_HEIGHT));
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export class LayoutStore extends Store<Layout> {
  #timer: ReturnType<typeof setTimeout> | null = null;
  readonly #changes: LayoutChanges;

  constructor(private readonly settings: SettingsModel) {
    super(readCachedLayout(pageStorage()) ?? DEFAULT_LAYOUT);
    this.#changes = new LayoutChanges(
      (change) => settings.changeLayout(change),
      () => this.#timer ??= setTimeout(() => this.flush(), LAYOUT.RESEND_DELAY_MS),
    );
    this.#apply();
    settings.subscribe(() => this.#adopt());
  }

  /** Shows a size while it is being dragged, without a render or a save. */
  preview(key: SizeKey, value: number): void {
    document.documentElement.style.setProperty(LAYOUT_VARS[key], cssValue(key, value));
  }

  update(patch: Partial<Layout>): void {
    this.set({ ...this.state, ...patch });
    this.#changes.note(patch);
    this.#apply();
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.flush(), LAYOUT.PERSIST_DELAY_MS);
  }

  /** Saves what this window changed now (and what an earlier save could not keep). */
  flush(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#changes.save();
  }

  /** Takes main's layout (another window's sizes, or this one's echo), keeping the keys this window changed and main does not have yet. */
  #adopt(): void {
    const stored = this.settings.state.settings?.layout;
    if (stored === undefined) return;
    const shown = this.#changes.shown(stored);
    if ((Object.keys(shown) as Array<keyof Layout>).every((key) => shown[key] === this.state[key])) return;
    this.set(shown);
    this.#apply();
  }

  #apply(): void {
    writeCachedLayout(pageStorage(), this.state);
    for (const key of Object.keys(LAYOUT_VARS) as SizeKey[]) document.documentElement.style.setProperty(LAYOUT_VARS[key], cssValue(key, this.state[key]));
  }
}
