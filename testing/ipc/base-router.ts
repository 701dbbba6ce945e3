// The foundation's own router: only `app` and `settings`. The full app is composed by
// main/composition/porthole.ts (startPorthole), which the hosts call; this one serves tests of the
// router and of the hosts' boundaries, where the other areas should answer "not available yet".
import type { HostEnv } from '../../main/ipc/host-env.js';
import { createAppService } from '../../main/ipc/app.js';
import { Router } from '../../main/ipc/router.js';
import { createSettingsService } from '../../main/ipc/settings.js';
import { SettingsStore } from '../../main/ipc/settings-store.js';
import { Notices } from '../../main/hubs/notices.js';

export function createBaseRouter(env: HostEnv): { router: Router; settings: SettingsStore } {
  const router = new Router();
  const notices = new Notices((line) => console.warn(line), (n) => router.broadcast('app', 'notice', n));
  const settings = new SettingsStore(env.dataDir, (message) => notices.add(message));
  router.register('app', createAppService(env, notices));
  router.register('settings', createSettingsService(settings));
  return { router, settings };
}
