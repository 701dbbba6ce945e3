// The `forwards` service: local port forwards across profiles and regions (main/hubs'
// ForwardsHub over main/sessions/forwards). Its events go to every window.
import type { ForwardsHub } from '../hubs/forwards/forwards-hub.js';
import { plainly } from './plain-error.js';
import type { ServiceImpl } from './service.js';

export interface ForwardsServiceDeps {
  readonly hub: ForwardsHub;
}

export function createForwardsService({ hub }: ForwardsServiceDeps): ServiceImpl<'forwards'> {
  return {
    create: ({ spec }) => plainly(async () => ({ forward: await hub.create(spec) })),
    list: () => plainly(() => ({ forwards: hub.list(), stats: hub.stats() })),
    stop: ({ id }) => plainly(async () => ({ forward: await hub.stop(id) })),
    restart: ({ id }) => plainly(async () => ({ forward: await hub.restart(id) })),
    remove: ({ id }) =>
      plainly(async () => {
        await hub.remove(id);
        return {};
      }),
    edit: ({ id, spec }) => plainly(async () => ({ forward: await hub.edit(id, spec) })),
    setAutoRestart: ({ id, enabled }) => plainly(async () => ({ forward: await hub.setAutoRestart(id, enabled) })),
    save: ({ id }) => plainly(async () => ({ saved: await hub.save(id) })),
    saved: () => plainly(async () => ({ saved: await hub.saved.list() })),
    restore: ({ savedId }) => plainly(async () => ({ forward: await hub.restore(savedId) })),
    forget: ({ savedId }) =>
      plainly(async () => {
        await hub.forget(savedId);
        return {};
      }),
  };
}
