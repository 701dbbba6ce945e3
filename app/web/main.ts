// `npm run web`: the whole app in a browser. Prints the tokenised URL to open.
//   node dist/app/web/main.js [--port N]     (or PORTHOLE_PORT=N; default: a free port)
import { PORTHOLE_VERSION } from '../../shared/version.js';
import { createHostRouter } from '../../main/ipc/host.js';
import { resolveDataDir } from '../host/data-dir.js';
import { startSandboxIfWanted } from '../host/sandbox.js';
import { rendererDistDir } from '../host/static-files.js';
import { startWebHost } from './server.js';

function portFromArgs(argv: readonly string[], env: NodeJS.ProcessEnv): number {
  const i = argv.indexOf('--port');
  const raw = i >= 0 ? argv[i + 1] : env['PORTHOLE_PORT'];
  if (raw === undefined) return 0;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${raw}`);
  return port;
}

async function main(): Promise<void> {
  const dataDir = resolveDataDir(process.env);
  const sandbox = await startSandboxIfWanted(process.env, dataDir, (line) => console.log(line));
  const { router } = await createHostRouter({ host: 'web', version: PORTHOLE_VERSION, platform: process.platform, dataDir, sandbox });
  const host = await startWebHost({ router, staticDir: rendererDistDir(import.meta.dirname), port: portFromArgs(process.argv, process.env) });
  console.log(`Porthole ${PORTHOLE_VERSION} web host is running. Open: ${host.url}`);
  const stop = (): void => {
    void Promise.all([host.close(), sandbox?.close()]).finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`porthole: the web host could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
