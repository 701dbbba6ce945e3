// The web host process: the whole app in a browser, serving a built renderer directory. Prints
// the tokenised URL to open. main.ts runs it with the product renderer (dist/renderer); the e2e
// tests run it with the test build (testing/web/test-host.ts).
//
// Start-up order (issue 16 §1): the host listens and prints its address first; the composition
// root (main/composition: AWS SDK, sandbox, sessions, forwards…) is imported and started after
// that, in the background (app/host/lazy-services.ts, shared with the Electron host). The page
// loads meanwhile, and its calls wait on the router until the services are there.
import { installSafetyNet } from '../../main/process/index.js';
import type { Router } from '../../main/ipc/router.js';
import { PORTHOLE_VERSION } from '../../shared/version.js';
import { resolveDataDir } from '../host/data-dir.js';
import { LazyServices, SERVICES_READY_LINE, type Services } from '../host/lazy-services.js';
import { listenFailureText, parseWebArgs, WEB_USAGE, WebArgsError } from './args.js';
import { startWebHost, type WebHost } from './server.js';
import type { PortholeOptions } from '../../main/composition/index.js';

export { SERVICES_READY_LINE, type Services };

/** A command line the host cannot run with, as CLIs say it (the CLI's usage errors exit 2 too). */
const EXIT_USAGE = 2;

export interface WebApp {
  readonly host: WebHost;
  /** Settles when the services behind the router are there (or could not start). */
  readonly services: Promise<Services>;
  close(): Promise<void>;
}

/**
 * Listens first, then starts the services with `compose` on the router the host already serves.
 * Calls from a page that connects meanwhile wait for them.
 */
export async function startWebApp(options: { readonly staticDir: string; readonly port: number; readonly compose: (router: Router) => Promise<Services> }): Promise<WebApp> {
  const lazy = new LazyServices(options.compose);
  const router = lazy.router;
  // The browser page opens links itself (window.open works there); the service only says so.
  router.register('links', { open: () => ({ opened: false, reason: 'the browser opens links itself' }) });
  // A browser page cannot open the computer's file manager: the page shows a recording's path only.
  router.register('files', { showInFolder: () => ({ shown: false, reason: 'the browser shows the path only' }) });
  let host: WebHost;
  try {
    host = await startWebHost({ router, staticDir: options.staticDir, port: options.port });
  } catch (err) {
    throw new Error(listenFailureText(err, options.port), { cause: err });
  } finally {
    // Started only once the host listens, so nothing of it delays the address.
    lazy.start();
  }
  return {
    host,
    services: lazy.services,
    close: () => Promise.allSettled([host.close(), lazy.close()]).then(() => undefined),
  };
}

/** What a host may choose besides its renderer: the sandbox's options (the test host lets the UI bench pick its pacing). */
export interface WebHostOptions {
  readonly staticDir: string;
  readonly sandbox?: PortholeOptions['sandbox'];
  /** Value options that host reads itself (the test host's --pacing), accepted by the command line. */
  readonly extraOptions?: readonly string[];
  /** The tree's background poll (the test host shortens its interval). */
  readonly live?: PortholeOptions['live'];
}

async function run({ staticDir, sandbox, extraOptions = [], live }: WebHostOptions): Promise<void> {
  let args;
  try {
    args = parseWebArgs(process.argv.slice(2), process.env, extraOptions);
  } catch (err) {
    if (!(err instanceof WebArgsError)) throw err;
    console.error(`porthole: ${err.message}\n${WEB_USAGE}`);
    process.exit(EXIT_USAGE);
  }
  if (args.help) {
    console.log(WEB_USAGE);
    return;
  }
  const port = args.port;
  // A bug that throws is logged; the host and every other session keep running.
  installSafetyNet({ name: 'web host' });
  const web = await startWebApp({
    staticDir,
    port,
    compose: async (router) => {
      const { startPorthole } = await import('../../main/composition/index.js');
      return startPorthole({ host: 'web', version: PORTHOLE_VERSION, dataDir: resolveDataDir(process.env), router, ...(sandbox ? { sandbox } : {}), ...(live ? { live } : {}) });
    },
  });
  console.log(`Porthole ${PORTHOLE_VERSION} web host is running. Open: ${web.host.url}`);
  web.services.then(
    () => console.log(SERVICES_READY_LINE),
    () => undefined,
  );
  web.services.catch((err: unknown) => {
    console.error(`porthole: the web host could not start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
  const stop = (): void => {
    void web.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Runs the host until SIGINT/SIGTERM; exits 1 with one line when it cannot start. */
export function runWebHost(options: WebHostOptions): void {
  run(options).catch((err: unknown) => {
    console.error(`porthole: the web host could not start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
