// `npm run fuzz`: the long fuzz run (10^6+ inputs in all); exits 1 on any crash or hang.
//   node dist/testing/hardening/fuzz/cli.js [--inputs-per-target 200000] [--seed N]
import { parseArgs } from 'node:util';
import { allTargets } from './all-targets.js';
import { formatFuzzReport, runFuzz } from './runner.js';

/** Per target; seven targets make 1.4 million inputs, a few minutes on a loaded 2-core machine. */
const DEFAULT_INPUTS_PER_TARGET = 200_000;

const { values } = parseArgs({ options: { 'inputs-per-target': { type: 'string' }, seed: { type: 'string' } } });
const inputs = Number(values['inputs-per-target'] ?? DEFAULT_INPUTS_PER_TARGET);
const seed = Number(values.seed ?? Date.now() % 1_000_000_000);
if (!Number.isSafeInteger(inputs) || inputs <= 0) throw new Error(`--inputs-per-target must be a positive integer, got ${values['inputs-per-target']}`);
process.stderr.write(`fuzz: ${allTargets().length} targets × ${inputs} inputs, seed ${seed} (re-run with --seed ${seed} to replay)\n`);
const reports = runFuzz({
  inputsPerTarget: inputs,
  seed,
  onTarget: (r) => process.stderr.write(`fuzz: ${r.name}: ${r.crashes} crashes, ${r.hangs} hangs in ${r.seconds.toFixed(0)} s\n`),
});
process.stdout.write(`${formatFuzzReport(reports, seed)}\n`);
process.exitCode = reports.some((r) => r.crashes > 0 || r.hangs > 0) ? 1 : 0;
