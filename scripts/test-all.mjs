// `npm test` after the build: lint (ESLint with type information, zero warnings), unit +
// integration (vitest), then end-to-end (Playwright). Every suite always runs, so one failing
// suite never hides another's results; the exit code is non-zero when any failed.
//
// Lint runs at the same time as vitest: lint is one busy process for about a minute and a half on
// CI, while much of vitest's time is its integration tests waiting on sockets, ptys, paced
// sandbox agents and AWS CLI subprocesses, so the two overlap instead of adding up. Lint's output
// is held and printed once vitest has finished, so each suite's report stays in one piece. The
// end-to-end tests still run alone: their browsers and hosts want the machine to themselves.
import { spawn } from 'node:child_process';

const PARALLEL_WITH_UNIT = 'test:lint';
const SEQUENTIAL = ['test:unit', 'test:e2e'];
// The AWS SDK warns once per process that Node 20 support ends in 2027; every test process
// would print it. Users of the CLI still see it; the app runs on Electron's newer Node.
const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
const shell = process.platform === 'win32';

/**
 * Runs `npm run <suite>`. With `hold`, its stdout and stderr are kept (in the order they came)
 * instead of shown, for the caller to print later. Never rejects: a runner that cannot start
 * counts as a failed suite.
 */
function runSuite(suite, { hold = false } = {}) {
  const started = Date.now();
  const chunks = [];
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', suite], { stdio: hold ? ['ignore', 'pipe', 'pipe'] : 'inherit', env, shell });
    if (hold) {
      child.stdout.on('data', (c) => chunks.push(c));
      child.stderr.on('data', (c) => chunks.push(c));
    }
    child.once('error', (err) => {
      chunks.push(Buffer.from(`porthole: could not run ${suite}: ${err.message}\n`));
      resolve({ suite, status: null, signal: 'spawn error', seconds: 0, held: Buffer.concat(chunks) });
    });
    child.once('close', (status, signal) => {
      resolve({ suite, status, signal, seconds: Math.round((Date.now() - started) / 1000), held: Buffer.concat(chunks) });
    });
  });
}

const results = [];
const lint = runSuite(PARALLEL_WITH_UNIT, { hold: true });
results.push(await runSuite(SEQUENTIAL[0]));
const lintResult = await lint;
process.stdout.write(`\n> ${PARALLEL_WITH_UNIT} (ran alongside ${SEQUENTIAL[0]}; its output follows)\n`);
process.stdout.write(lintResult.held);
results.unshift(lintResult);
for (const suite of SEQUENTIAL.slice(1)) results.push(await runSuite(suite));

// Where the time went, so a CI run over its target says which suite to look at.
console.log(`\nporthole: suite times: ${results.map((r) => `${r.suite} ${r.seconds} s`).join(', ')} (${PARALLEL_WITH_UNIT} alongside ${SEQUENTIAL[0]})`);
const failed = results.filter((r) => r.status !== 0).map((r) => `${r.suite} (exit ${r.status ?? r.signal})`);
if (failed.length > 0) {
  console.error(`\nporthole: failed suites: ${failed.join(', ')}`);
  process.exit(1);
}
