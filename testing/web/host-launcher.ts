// Test support: one Node process that starts and stops whole web hosts on request, for the e2e
// fixture (e2e/fixtures/web-host.ts). Each host it starts is what test-host.ts runs — the product
// web host (app/web/run.ts startWebApp + the composition root) serving the renderer's test build —
// with its own port, token, router, services, data folder, environment and sandbox; only the
// process, and so the modules it has loaded, is shared. Importing the composition root (the AWS
// SDK, zod schemas, the sandbox) is about 2.5 s of CPU per process and starting one host on it
// about 0.05 s: a process per test spent that import once per e2e test, around 120 times a run.
//
//   node dist/testing/web/host-launcher.js   (spawned with an IPC channel; see LauncherRequest)
//
// A test that ends its host's process or starts it again (kill()/restart()) still gets a process
// of its own (test-host.ts), as a person stopping the host would.
import { installSafetyNet } from '../../main/process/index.js';
import { startPorthole } from '../../main/composition/index.js';
import { PORTHOLE_VERSION } from '../../shared/version.js';
import { resolveDataDir } from '../../app/host/data-dir.js';
import { SERVICES_READY_LINE, startWebApp, type WebApp } from '../../app/web/run.js';
import { join } from 'node:path';
import { processWideDifferences } from './host-env.js';

/** What the fixture asks. `env` is the host's whole environment (as a host process would get it). */
export type LauncherRequest =
  | { readonly type: 'start'; readonly id: number; readonly env: Record<string, string>; readonly taskDeprovisionMs: number; readonly shellFirstOutputDelayMs?: number; readonly liveTreeIntervalMs?: number }
  | { readonly type: 'stop'; readonly id: number };

/** What the launcher answers; `log` lines are the host's own output (what its process would print). */
export type LauncherReply =
  | { readonly type: 'ready' }
  | { readonly type: 'started'; readonly id: number; readonly url: string }
  | { readonly type: 'failed'; readonly id: number; readonly message: string }
  | { readonly type: 'log'; readonly id: number; readonly line: string }
  | { readonly type: 'stopped'; readonly id: number };

/** Requests sent before the launcher listens are lost (IPC drops messages nobody listens for): the fixture waits for `ready`. */

const STATIC_DIR = join(import.meta.dirname, '..', 'renderer');

const apps = new Map<number, Promise<WebApp | null>>();

function send(reply: LauncherReply): void {
  process.send?.(reply);
}

/**
 * Starts one host as app/web/run.ts does, its services composed with this host's environment.
 * Refused when that environment differs from this process's in anything but the host-scoped
 * variables: the AWS SDK would read this process's (HOME for the SSO token cache, the AWS files,
 * env credentials), so such a host needs a process of its own (test-host.ts).
 */
async function start(id: number, env: Record<string, string>, taskDeprovisionMs: number, shellFirstOutputDelayMs: number | undefined, liveTreeIntervalMs: number | undefined): Promise<WebApp | null> {
  const log = (line: string): void => send({ type: 'log', id, line });
  const differing = processWideDifferences(env, process.env);
  if (differing.length > 0) {
    send({ type: 'failed', id, message: `its environment differs from the launcher's in ${differing.join(', ')}, which the AWS SDK reads from the process: start it in a process of its own` });
    return null;
  }
  try {
    const web = await startWebApp({
      staticDir: STATIC_DIR,
      port: 0,
      compose: async (router) =>
        startPorthole({
          host: 'web',
          version: PORTHOLE_VERSION,
          dataDir: resolveDataDir(env),
          env,
          router,
          log,
          ...(liveTreeIntervalMs === undefined ? {} : { live: { intervalMs: liveTreeIntervalMs } }),
          sandbox: {
            taskStopping: { deprovisionMs: taskDeprovisionMs },
            ...(shellFirstOutputDelayMs === undefined ? {} : { gateway: { shellFirstOutputDelayMs } }),
          },
        }),
    });
    log(`Porthole ${PORTHOLE_VERSION} web host is running. Open: ${web.host.url}`);
    await web.services;
    log(SERVICES_READY_LINE);
    send({ type: 'started', id, url: web.host.url });
    return web;
  } catch (err) {
    send({ type: 'failed', id, message: err instanceof Error ? err.message : String(err) });
    return null;
  }
}

async function stop(id: number): Promise<void> {
  const web = await apps.get(id);
  apps.delete(id);
  await web?.close();
  send({ type: 'stopped', id });
}

installSafetyNet({ name: 'web host launcher' });
process.on('message', (request: LauncherRequest) => {
  if (request.type === 'start') apps.set(request.id, start(request.id, request.env, request.taskDeprovisionMs, request.shellFirstOutputDelayMs, request.liveTreeIntervalMs));
  else void stop(request.id);
});
// The fixture going away (its IPC channel closing) or SIGTERM ends every host, then the process.
const stopAll = (): void => {
  void Promise.allSettled([...apps.keys()].map((id) => stop(id))).finally(() => process.exit(0));
};
process.once('disconnect', stopAll);
process.once('SIGTERM', stopAll);
send({ type: 'ready' });
