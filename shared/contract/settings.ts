// `settings`: user preferences, persisted as JSON in the data directory by main.
import { z } from 'zod';
import { EmptySchema } from './common.js';
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
} as const;

export const ThemeSchema = z.enum(['dark', 'light', 'system']);
export type Theme = z.infer<typeof ThemeSchema>;

export const SettingsSchema = z.object({
  theme: ThemeSchema,
  fontFamily: z.string().min(1).max(SETTINGS_BOUNDS.FONT_FAMILY_MAX),
  fontSize: z.number().int().min(SETTINGS_BOUNDS.FONT_SIZE_MIN).max(SETTINGS_BOUNDS.FONT_SIZE_MAX),
  scrollback: z.number().int().min(0).max(SETTINGS_BOUNDS.SCROLLBACK_MAX),
  /** Ask before pasting more than this many lines into a terminal; 0 turns the guard off. */
  pasteGuardLines: z.number().int().min(0).max(SETTINGS_BOUNDS.PASTE_GUARD_MAX),
  /** Ask before closing a tab or window whose session is still connected. */
  confirmCloseLive: z.boolean(),
  /** Command run by ECS Exec when a shell is opened without one. */
  ecsShellCommand: z.string().trim().min(1).max(SETTINGS_BOUNDS.SHELL_COMMAND_MAX),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
  fontSize: 13,
  scrollback: 10_000,
  pasteGuardLines: 5,
  confirmCloseLive: true,
  ecsShellCommand: '/bin/sh',
};

/** An update names only the fields it changes; unknown fields are an error, not ignored. */
export const SettingsPatchSchema = SettingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

const SettingsResult = z.object({ settings: SettingsSchema });

export const settingsService = defineService({
  methods: {
    get: method(EmptySchema, SettingsResult),
    update: method(z.object({ patch: SettingsPatchSchema }).strict(), SettingsResult),
  },
  events: {
    /** Sent to every window after any window changed settings (settings are not private data). */
    changed: SettingsResult,
  },
});
