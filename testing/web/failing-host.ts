// Test support: the web host serving the renderer's test build with services that cannot start
// (the composition throws the reason given after --reason), kept running so an e2e test can see
// what a page shows then. The product web host exits when its services fail; the Electron host
// keeps its window up and shows this, which the e2e tests cannot launch without an Electron binary.
//   node dist/testing/web/failing-host.js --reason "…"
import { join } from 'node:path';
import { startWebApp } from '../../app/web/run.js';

const i = process.argv.indexOf('--reason');
const reason = i >= 0 ? (process.argv[i + 1] ?? 'no reason given') : 'no reason given';
const web = await startWebApp({
  staticDir: join(import.meta.dirname, '..', 'renderer'),
  port: 0,
  compose: async () => {
    throw new Error(reason);
  },
});
web.services.catch(() => console.log('porthole: services failed, as asked.'));
console.log(`Open: ${web.host.url}`);
const stop = (): void => {
  void web.close().finally(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
