// `npm run soak`: the long fault soak — 100 MB each way through a shell and through an
// 8-connection forward, the issue's link faults, a websocket kill every 20 s, 300 ms stalls.
// Prints progress every 10 s and the report; exits 1 if any byte, hash or session was lost.
//   node dist/testing/hardening/soak/cli.js [--mb 100] [--connections 8] [--kill-every-ms 20000] [--seed N] [--pacing unpaced|faithful]
import { parseArgs } from 'node:util';
import { formatSoakReport, runSoak, soakFailures, SOAK_FAULTS, type SoakOptions } from './soak.js';

/** The issue's size: 100 MB each way per stream. */
const DEFAULT_MB = 100;
const DEFAULT_CONNECTIONS = 8;

const { values } = parseArgs({ options: { mb: { type: 'string' }, connections: { type: 'string' }, 'kill-every-ms': { type: 'string' }, 'stall-every-ms': { type: 'string' }, 'drop-to-client': { type: 'string' }, seed: { type: 'string' }, pacing: { type: 'string' } } });
const mb = Number(values.mb ?? DEFAULT_MB);
const pacing = values.pacing ?? 'unpaced';
if (pacing !== 'unpaced' && pacing !== 'faithful') throw new Error(`--pacing must be unpaced or faithful, got ${pacing}`);
const options: SoakOptions = {
  shellBytes: Math.round(mb * 1024 * 1024),
  forwardBytes: Math.round(mb * 1024 * 1024),
  connections: Number(values.connections ?? DEFAULT_CONNECTIONS),
  faults: {
    ...SOAK_FAULTS,
    killEveryMs: Number(values['kill-every-ms'] ?? SOAK_FAULTS.killEveryMs),
    stallEveryMs: Number(values['stall-every-ms'] ?? SOAK_FAULTS.stallEveryMs),
    seed: Number(values.seed ?? SOAK_FAULTS.seed),
    ...(values['drop-to-client'] === undefined ? {} : { dropToClient: Number(values['drop-to-client']) }),
  },
  log: (line) => process.stderr.write(`${line}\n`),
  pacing,
};
if (!(options.shellBytes > 0) || !(options.connections > 0)) throw new Error('--mb and --connections must be positive numbers');
process.stderr.write(`soak: ${mb} MB each way, ${options.connections} forward connections, link ${JSON.stringify(options.faults.link)}${options.faults.dropToClient === undefined ? '' : ` (drop toward the client ${options.faults.dropToClient})`}, kill every ${options.faults.killEveryMs} ms, ${options.faults.stallMs} ms stall every ${options.faults.stallEveryMs} ms, seed ${options.faults.seed}, ${pacing} agent\n`);
const report = await runSoak(options);
process.stdout.write(`${formatSoakReport(report)}\n`);
const failures = soakFailures(report, options);
for (const f of failures) process.stdout.write(`FAILED: ${f}\n`);
process.exit(failures.length > 0 ? 1 : 0);
