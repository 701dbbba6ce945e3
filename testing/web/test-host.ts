// Test support: the web host serving the renderer's test build (dist/testing/renderer, built by
// `npm run build` with `vite --mode test`), the only build that carries the read-only test hook
// (window.__portholeTest) the e2e tests read xterm's buffer through. Same flags as the product
// host: node dist/testing/web/test-host.js [--port N] [--pacing faithful|unpaced]
// --pacing picks the sandbox agent's pacing (default faithful, as `npm run web`); the UI bench
// floods with `unpaced` to find the renderer's own limits rather than the agent's 1 MB/s.
import { join } from 'node:path';
import { runWebHost } from '../../app/web/run.js';

function pacingFromArgs(argv: readonly string[]): 'faithful' | 'unpaced' | undefined {
  const i = argv.indexOf('--pacing');
  if (i < 0) return undefined;
  const value = argv[i + 1];
  if (value !== 'faithful' && value !== 'unpaced') throw new Error(`--pacing must be faithful or unpaced, got ${String(value)}`);
  return value;
}

const pacing = pacingFromArgs(process.argv);
runWebHost({ staticDir: join(import.meta.dirname, '..', 'renderer'), extraOptions: ['pacing'], ...(pacing ? { sandbox: { pacing } } : {}) });
