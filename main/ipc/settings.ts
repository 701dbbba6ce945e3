// The `settings` service: get, update, and the changes merged into the settings as they are
// (rememberTarget, changeTree, changeLayout, changeRegion), with a `changed` event to every window.
import type { Settings } from '../../shared/contract/index.js';
import type { SettingsStore } from './settings-store.js';
import type { CallContext, ServiceImpl } from './service.js';

/** Tells every window the settings a change left, and answers the caller with them. */
async function told(change: Promise<Settings>, ctx: CallContext): Promise<{ settings: Settings }> {
  const settings = await change;
  ctx.broadcast('settings', 'changed', { settings });
  return { settings };
}

export function createSettingsService(store: SettingsStore): ServiceImpl<'settings'> {
  return {
    get: async () => ({ settings: await store.get() }),
    update: ({ patch }, ctx) => told(store.update(patch), ctx),
    rememberTarget: ({ entry }, ctx) => told(store.rememberTarget(entry), ctx),
    changeTree: ({ change }, ctx) => told(store.changeTree(change), ctx),
    changeLayout: ({ change }, ctx) => told(store.changeLayout(change), ctx),
    changeRegion: (params, ctx) => told(store.changeRegion(params), ctx),
  };
}
