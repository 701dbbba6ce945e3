// Test support: the web host serving the renderer's test build (dist/testing/renderer, built by
// `npm run build` with `vite --mode test`), the only build that carries the read-only test hook
// (window.__portholeTest) the e2e tests read xterm's buffer through. Same flags as the product
// host, plus two for its sandbox:
//   node dist/testing/web/test-host.js [--port N] [--pacing faithful|unpaced] [--shell-first-output-delay-ms MS] [--task-deprovision-ms MS] [--live-tree-interval-ms MS]
// --pacing picks the sandbox agent's pacing (default faithful, as `npm run web`); the UI bench
// floods with `unpaced` to find the renderer's own limits rather than the agent's 1 MB/s.
// --shell-first-output-delay-ms sets how long the sandbox agent holds a new shell's output
// (default the real agent's 1 s, GatewayOptions.shellFirstOutputDelayMs): the e2e fixture
// shortens it, as a suite opening ~90 shells would otherwise wait a second for each.
// --task-deprovision-ms sets how long an awsvpc task the sandbox's ECS StopTask stopped stays
// DEPROVISIONING after its containers exit (SandboxOptions.taskStopping; default TASK_STOPPING's):
// the e2e fixture lengthens it so a stopped task is certainly still stopping when Porthole asks.
// --live-tree-interval-ms sets how often the tree's open nodes are polled (default LIVE_TREE's
// 30 s): a spec about the live tree shortens it to see a change without waiting half a minute.
import { join } from 'node:path';
import { runWebHost } from '../../app/web/run.js';

function valueOf(argv: readonly string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  return i < 0 ? undefined : String(argv[i + 1]);
}

function pacingFromArgs(argv: readonly string[]): 'faithful' | 'unpaced' | undefined {
  const value = valueOf(argv, '--pacing');
  if (value === undefined) return undefined;
  if (value !== 'faithful' && value !== 'unpaced') throw new Error(`--pacing must be faithful or unpaced, got ${value}`);
  return value;
}

function msFromArgs(argv: readonly string[], flag: string): number | undefined {
  const value = valueOf(argv, flag);
  if (value === undefined) return undefined;
  if (!/^\d{1,7}$/.test(value)) throw new Error(`${flag} must be a whole number of milliseconds (0-9999999), got ${value}`);
  return Number(value);
}

const pacing = pacingFromArgs(process.argv);
const shellFirstOutputDelayMs = msFromArgs(process.argv, '--shell-first-output-delay-ms');
const taskDeprovisionMs = msFromArgs(process.argv, '--task-deprovision-ms');
const liveTreeIntervalMs = msFromArgs(process.argv, '--live-tree-interval-ms');
runWebHost({
  staticDir: join(import.meta.dirname, '..', 'renderer'),
  extraOptions: ['pacing', 'shell-first-output-delay-ms', 'task-deprovision-ms', 'live-tree-interval-ms'],
  ...(liveTreeIntervalMs === undefined ? {} : { live: { intervalMs: liveTreeIntervalMs } }),
  sandbox: {
    ...(pacing ? { pacing } : {}),
    ...(taskDeprovisionMs === undefined ? {} : { taskStopping: { deprovisionMs: taskDeprovisionMs } }),
    ...(shellFirstOutputDelayMs === undefined ? {} : { gateway: { shellFirstOutputDelayMs } }),
  },
});
