// `settings`: user preferences, persisted as JSON in the data directory by main.
import { z } from 'zod';
import { lazySchema } from './lazy.js';
import { EmptySchema, ProfileNameSchema, RegionSchema, TargetRefSchema, TextSchema } from './common.js';
import { NodeIdSchema } from './inventory.js';
import { defineService, method } from './define.js';

export const SETTINGS_BOUNDS = {
  /** Below 8 px text is unreadable; above 40 px a terminal shows too few columns to be useful. */
  FONT_SIZE_MIN: 8,
  FONT_SIZE_MAX: 40,
  /** xterm keeps scrollback in memory; 1M lines of 200 columns is already gigabytes. */
  SCROLLBACK_MAX: 1_000_000,
  /** A paste guard above this many lines would never fire. */
  PASTE_GUARD_MAX: 100_000,
  FONT_FAMILY_MAX: 256,
  SHELL_COMMAND_MAX: 1024,
  /** Quick open lists recent targets first; more than a screenful of them stops being "recent". */
  RECENT_TARGETS_MAX: 20,
  /** Open branches the tree remembers: far more than a person keeps open, and it bounds the file (ids are up to 2 KiB). */
  TREE_OPEN_MAX: 500,
} as const;

/** Limits of the user-shaped layout; the renderer narrows them further to the window it has. */
export const LAYOUT_BOUNDS = {
  /** Narrower than this, the tree's names are cut to a few letters. */
  TREE_WIDTH_MIN: 180,
  /** Wider than any screen's sensible tree; the renderer also keeps a usable terminal beside it. */
  TREE_WIDTH_MAX: 1200,
  /** The panel's tab row plus about four table rows: below this no panel is usable. */
  PANEL_HEIGHT_MIN: 120,
  PANEL_HEIGHT_MAX: 2000,
  /** In split view each terminal keeps at least a fifth of the width (about 30 columns at 1024 px). */
  SPLIT_RATIO_MIN: 0.2,
  SPLIT_RATIO_MAX: 0.8,
} as const;

export const LayoutSchema = lazySchema(() => z
  .object({
    /** Tree width in CSS pixels. */
    treeWidth: z.number().int().min(LAYOUT_BOUNDS.TREE_WIDTH_MIN).max(LAYOUT_BOUNDS.TREE_WIDTH_MAX),
    treeCollapsed: z.boolean(),
    /** Bottom panel height in CSS pixels when open. */
    panelHeight: z.number().int().min(LAYOUT_BOUNDS.PANEL_HEIGHT_MIN).max(LAYOUT_BOUNDS.PANEL_HEIGHT_MAX),
    /** Whether the bottom panel was left open; it still starts collapsed while it has nothing to show. */
    panelOpen: z.boolean(),
    /** The left terminal's share of the width in split view. */
    splitRatio: z.number().min(LAYOUT_BOUNDS.SPLIT_RATIO_MIN).max(LAYOUT_BOUNDS.SPLIT_RATIO_MAX),
  })
  .strict());
export type Layout = z.infer<typeof LayoutSchema>;

/**
 * What one window changed in the layout since it last saved: only those keys. Main merges them
 * into the saved layout, so two windows changing different sizes each keep theirs.
 */
export const LayoutChangeSchema = lazySchema(() => LayoutSchema.partial().strict());
export type LayoutChange = z.infer<typeof LayoutChangeSchema>;

export const DEFAULT_LAYOUT: Layout = { treeWidth: 300, treeCollapsed: false, panelHeight: 220, panelOpen: true, splitRatio: 0.5 };

/** AWS has about 35 regions; a list longer than this is not a person's choice. */
export const REGIONS_PER_PROFILE_MAX = 64;
const RegionListSchema = lazySchema(() => z.array(RegionSchema).max(REGIONS_PER_PROFILE_MAX));

/** The user's changes to a profile's default region list (its configured region plus regions opened before). */
export const RegionChoiceSchema = lazySchema(() => z.object({ added: RegionListSchema, removed: RegionListSchema }).strict());
export type RegionChoice = z.infer<typeof RegionChoiceSchema>;

/** One region added to or removed from a profile's list; main applies it to the choices as they are when it runs. */
export const RegionChangeSchema = lazySchema(() => z.object({ profile: ProfileNameSchema, region: RegionSchema, change: z.enum(['add', 'remove']) }).strict());
export type RegionChange = z.infer<typeof RegionChangeSchema>;

export const ThemeSchema = lazySchema(() => z.enum(['dark', 'light', 'system']));
export type Theme = z.infer<typeof ThemeSchema>;

/**
 * A target the person opened a shell or a forward on, newest first in `recentTargets`: enough to
 * show it and open it again without the tree having loaded it (quick open lists these first).
 */
export const RecentTargetSchema = lazySchema(() => z
  .object({
    /** The inventory node it was (main's id): the same target in the tree is not listed twice. */
    nodeId: NodeIdSchema,
    kind: z.enum(['container', 'instance']),
    /** What the tree shows for it: the container's or instance's name. */
    label: TextSchema.min(1),
    /** Where it is, in words: profile · region · cluster · service. */
    where: TextSchema,
    /** The tab title a shell on it gets. */
    title: TextSchema.min(1),
    target: TargetRefSchema,
  })
  .strict());
export type RecentTarget = z.infer<typeof RecentTargetSchema>;

/** A tree node with the node whose children it is among: restoring opens it once its parent's children are loaded, and forgets it when they are loaded without it. */
export const TreePlaceSchema = lazySchema(() => z.object({ id: NodeIdSchema, parent: NodeIdSchema }).strict());
export type TreePlace = z.infer<typeof TreePlaceSchema>;

/** What the target tree had open and selected, restored on the next load (reload or restart). */
export const TreeViewSchema = lazySchema(() => z
  .object({
    open: z.array(TreePlaceSchema).max(SETTINGS_BOUNDS.TREE_OPEN_MAX),
    selected: TreePlaceSchema.nullable(),
  })
  .strict());
export type TreeView = z.infer<typeof TreeViewSchema>;

/**
 * What one window changed in the tree's view since it last saved. Main merges it into the saved
 * view key by key (tree-view.ts), so two windows (or browser tabs) each keep what they opened
 * instead of the last one to save wiping the other's.
 */
export const TreeViewChangeSchema = lazySchema(() => z
  .object({
    /** Branches this window opened (or that moved to another parent). */
    opened: z.array(TreePlaceSchema).max(SETTINGS_BOUNDS.TREE_OPEN_MAX),
    /** Branches this window closed, or whose parent no longer holds them. */
    closed: z.array(NodeIdSchema).max(SETTINGS_BOUNDS.TREE_OPEN_MAX),
    /** The window's new selection (null: none); absent when its selection did not change. */
    selected: TreePlaceSchema.nullable().optional(),
  })
  .strict());
export type TreeViewChange = z.infer<typeof TreeViewChangeSchema>;

export const SettingsSchema = lazySchema(() => z.object({
  theme: ThemeSchema,
  /** Free text, as CSS font-family; the renderer keeps the usable names and adds a monospace fallback. */
  fontFamily: z
    .string()
    .trim()
    .min(1)
    .max(SETTINGS_BOUNDS.FONT_FAMILY_MAX)
    // eslint-disable-next-line no-control-regex -- refusing control characters is the point of this pattern
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'A font name has no control characters.'),
  fontSize: z.number().int().min(SETTINGS_BOUNDS.FONT_SIZE_MIN).max(SETTINGS_BOUNDS.FONT_SIZE_MAX),
  scrollback: z.number().int().min(0).max(SETTINGS_BOUNDS.SCROLLBACK_MAX),
  /** Ask before pasting more than this many lines into a terminal; 0 turns the guard off. */
  pasteGuardLines: z.number().int().min(0).max(SETTINGS_BOUNDS.PASTE_GUARD_MAX),
  /** Ask before closing a tab or window whose session is still connected. */
  confirmCloseLive: z.boolean(),
  /** Selecting text in a terminal copies it to the clipboard. */
  copyOnSelect: z.boolean(),
  /** Command run by ECS Exec when a shell is opened without one. */
  ecsShellCommand: z.string().trim().min(1).max(SETTINGS_BOUNDS.SHELL_COMMAND_MAX),
  /** Tree width, bottom panel height, split ratio and what is collapsed. */
  layout: LayoutSchema,
  /** Per profile: regions the user added to or removed from the tree. */
  regions: z.record(ProfileNameSchema, RegionChoiceSchema),
  /** Per profile: regions where the user opened a shell or a forward (main records them). */
  openedRegions: z.record(ProfileNameSchema, RegionListSchema),
  /** Targets opened lately, newest first (settings.rememberTarget keeps it ordered and bounded). */
  recentTargets: z.array(RecentTargetSchema).max(SETTINGS_BOUNDS.RECENT_TARGETS_MAX),
  /** The tree's open branches and selection; null until the tree was first shown (it then opens the first profile and region). */
  tree: TreeViewSchema.nullable(),
}));
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
  fontSize: 13,
  scrollback: 10_000,
  pasteGuardLines: 5,
  confirmCloseLive: true,
  copyOnSelect: false,
  ecsShellCommand: '/bin/sh',
  layout: DEFAULT_LAYOUT,
  regions: {},
  openedRegions: {},
  recentTargets: [],
  tree: null,
};

/** The list after opening `entry`: it goes first, an older entry for the same node goes, the oldest fall off. */
export function withRecentTarget(list: readonly RecentTarget[], entry: RecentTarget, max: number = SETTINGS_BOUNDS.RECENT_TARGETS_MAX): RecentTarget[] {
  return [entry, ...list.filter((r) => r.nodeId !== entry.nodeId)].slice(0, max);
}

/**
 * An update names only the fields it changes; unknown fields are an error, not ignored. The fields
 * a window would otherwise send whole from its own, possibly stale, copy change only as changes
 * main merges into the settings as they are: recent targets through rememberTarget, the tree's view
 * through changeTree, the layout through changeLayout and region choices through changeRegion, so
 * two windows cannot overwrite each other's.
 */
export const SettingsPatchSchema = lazySchema(() => SettingsSchema.omit({ recentTargets: true, tree: true, layout: true, regions: true }).partial().strict());
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

const SettingsResult = lazySchema(() => z.object({ settings: SettingsSchema }));

export const settingsService = defineService({
  methods: {
    get: method(() => EmptySchema, () => SettingsResult),
    update: method(() => z.object({ patch: SettingsPatchSchema }).strict(), () => SettingsResult),
    /** Puts a target first among the recent ones (quick open lists them first). */
    rememberTarget: method(() => z.object({ entry: RecentTargetSchema }).strict(), () => SettingsResult),
    /** Merges one window's change of the tree's open branches and selection into the saved view. */
    changeTree: method(() => z.object({ change: TreeViewChangeSchema }).strict(), () => SettingsResult),
    /** Merges the layout keys one window changed into the saved layout; the others stay as they are. */
    changeLayout: method(() => z.object({ change: LayoutChangeSchema }).strict(), () => SettingsResult),
    /** Adds a region to a profile's list or removes one, on the choices as they are when it runs. */
    changeRegion: method(() => RegionChangeSchema, () => SettingsResult),
  },
  events: {
    /** Sent to every window after any window changed settings (settings are not private data). */
    changed: SettingsResult,
  },
});
