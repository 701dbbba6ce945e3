// The web host process: the whole app in a browser, serving a built renderer directory. Prints
// the tokenised URL to open. main.ts runs it with the product renderer (dist/renderer); the e2e
// tests run it with the test build (testing/web/test-host.ts).
// The composition root (main/composition) decides sandbox or real AWS and builds every service.
import { startPorthole } from '../../main/composition/index.js';
import { installSafetyNet } from '../../main/process/index.js';
import { PORTHOLE_VERSION } from '../../shared/version.js';
import { resolveDataDir } from '../host/data-dir.js';
import { startWebHost } from './server.js';

function portFromArgs(argv: readonly string[], env: NodeJS.ProcessEnv): number {
  const i = argv.indexOf('--port');
  const raw = i >= 0 ? argv[i + 1] : env['PORTHOLE_PORT'];
  if (raw === undefined) return 0;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${raw}`);
  return port;
}

async function run(staticDir: string): Promise<void> {
  // A bug that throws is logged; the host and every other session keep running.
  installSafetyNet({ name: 'web host' });
  const port = portFromArgs(process.argv, process.env);
  const app = await startPorthole({ host: 'web', version: PORTHOLE_VERSION, dataDir: resolveDataDir(process.env) });
  // The browser page opens links itself (window.open works there); the service only says so.
  app.router.register('links', { open: () => ({ opened: false, reason: 'the browser opens links itself' }) });
  const host = await startWebHost({ router: app.router, staticDir, port });
  console.log(`Porthole ${PORTHOLE_VERSION} web host is running. Open: ${host.url}`);
  const stop = (): void => {
    void Promise.allSettled([host.close(), app.close()]).finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Runs the host until SIGINT/SIGTERM; exits 1 with one line when it cannot start. */
export function runWebHost(options: { readonly staticDir: string }): void {
  run(options.staticDir).catch((err: unknown) => {
    console.error(`porthole: the web host could not start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
