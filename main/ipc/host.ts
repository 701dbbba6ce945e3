// The foundation's own router: only `app` and `settings`. The full app is composed by
// main/app/porthole.ts (startPorthole), which the hosts call; this one serves tests of the
// router and of the hosts' boundaries, where the other areas should answer "not available yet".
import type { HostEnv } from './host-env.js';
import { createAppService } from './app.js';
import { Router } from './router.js';
import { createSettingsService } from './settings.js';
import { SettingsStore } from './settings-store.js';

export function createBaseRouter(env: HostEnv): { router: Router; settings: SettingsStore } {
  const router = new Router();
  const settings = new SettingsStore(env.dataDir);
  router.register('app', createAppService(env));
  router.register('settings', createSettingsService(settings));
  return { router, settings };
}
