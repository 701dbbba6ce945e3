// The `settings` service: get, update, rememberTarget and changeTree, with a `changed` event to every window.
import type { SettingsStore } from './settings-store.js';
import type { ServiceImpl } from './service.js';

export function createSettingsService(store: SettingsStore): ServiceImpl<'settings'> {
  return {
    get: async () => ({ settings: await store.get() }),
    update: async ({ patch }, ctx) => {
      const settings = await store.update(patch);
      ctx.broadcast('settings', 'changed', { settings });
      return { settings };
    },
    rememberTarget: async ({ entry }, ctx) => {
      const settings = await store.rememberTarget(entry);
      ctx.broadcast('settings', 'changed', { settings });
      return { settings };
    },
    changeTree: async ({ change }, ctx) => {
      const settings = await store.changeTree(change);
      ctx.broadcast('settings', 'changed', { settings });
      return { settings };
    },
  };
}
