// Builds the router a host serves: `app` and `settings` here, every other area from its own
// module by convention, so each area's owner plugs in without editing this file:
//   main/ipc/<area>.ts exports `createService(env: HostEnv): ServiceImpl<'<area>'> | Promise<…>`
// An area whose module does not exist yet answers "not available yet".
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SERVICE_NAMES, type ServiceName } from '../../shared/contract/index.js';
import { createAppService } from './app.js';
import type { HostEnv } from './host-env.js';
import { Router } from './router.js';
import type { ServiceImpl } from './service.js';
import { createSettingsService } from './settings.js';
import { SettingsStore } from './settings-store.js';

/** Areas implemented in this folder by the foundation; the rest load by convention. */
const BUILT_IN: readonly ServiceName[] = ['app', 'settings'];

export interface AreaLoad {
  readonly area: ServiceName;
  readonly status: 'registered' | 'absent' | 'failed';
  readonly detail?: string;
}

function areaModuleExists(area: ServiceName): boolean {
  // Compiled hosts load .js from dist; vitest runs the .ts sources.
  return ['.js', '.ts'].some((ext) => existsSync(fileURLToPath(new URL(`./${area}${ext}`, import.meta.url))));
}

async function loadArea(router: Router, area: ServiceName, env: HostEnv): Promise<AreaLoad> {
  if (!areaModuleExists(area)) return { area, status: 'absent' };
  try {
    const mod = (await import(/* @vite-ignore */ `./${area}.js`)) as { createService?: unknown };
    if (typeof mod.createService !== 'function') return { area, status: 'failed', detail: `main/ipc/${area} does not export createService(env)` };
    const impl = (await (mod.createService as (env: HostEnv) => unknown)(env)) as ServiceImpl<typeof area>;
    router.register(area, impl);
    return { area, status: 'registered' };
  } catch (err) {
    return { area, status: 'failed', detail: err instanceof Error ? err.message : String(err) };
  }
}

export interface HostRouter {
  readonly router: Router;
  readonly settings: SettingsStore;
  readonly areas: readonly AreaLoad[];
}

export async function createHostRouter(env: HostEnv): Promise<HostRouter> {
  const router = new Router();
  const settings = new SettingsStore(env.dataDir);
  router.register('app', createAppService(env));
  router.register('settings', createSettingsService(settings));
  const areas: AreaLoad[] = [];
  for (const area of SERVICE_NAMES) {
    if (BUILT_IN.includes(area)) continue;
    const load = await loadArea(router, area, env);
    if (load.status === 'failed') console.error(`porthole: the ${area} service failed to load and will answer "not available": ${load.detail}`);
    areas.push(load);
  }
  return { router, settings, areas };
}
