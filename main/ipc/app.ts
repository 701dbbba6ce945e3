// The `app` service: facts about this running Porthole.
import type { AppInfo } from '../../shared/contract/index.js';
import type { HostEnv } from './host-env.js';
import type { ServiceImpl } from './service.js';

export function createAppService(env: HostEnv): ServiceImpl<'app'> {
  const info: AppInfo = {
    version: env.version,
    host: env.host,
    platform: env.platform,
    sandbox: { active: env.sandbox !== null, endpoint: env.sandbox?.endpoint ?? null },
  };
  return { info: () => info };
}
