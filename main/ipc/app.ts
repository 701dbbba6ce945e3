// The `app` service: facts about this running Porthole, and its notices for the person.
import type { AppInfo } from '../../shared/contract/index.js';
import type { Notices } from '../hubs/notices.js';
import type { HostEnv } from './host-env.js';
import type { ServiceImpl } from './service.js';

export function createAppService(env: HostEnv, notices: Pick<Notices, 'list'>): ServiceImpl<'app'> {
  const info: AppInfo = {
    version: env.version,
    host: env.host,
    platform: env.platform,
    sandbox: { active: env.sandbox !== null, endpoint: env.sandbox?.endpoint ?? null, shells: env.sandbox ? (env.sandbox.shellsConfined ? 'confined' : 'unconfined') : null },
  };
  return { info: () => info, notices: () => ({ notices: notices.list() }) };
}
