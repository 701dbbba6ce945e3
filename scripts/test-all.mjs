// `npm test` after the build: lint (ESLint with type information, zero warnings), unit +
// integration (vitest), then end-to-end (Playwright). Every suite always runs, so one failing
// suite never hides another's results; the exit code is non-zero when any failed.
import { spawnSync } from 'node:child_process';

const suites = ['test:lint', 'test:unit', 'test:e2e'];
// The AWS SDK warns once per process that Node 20 support ends in 2027; every test process
// would print it. Users of the CLI still see it; the app runs on Electron's newer Node.
const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
let failed = [];
const took = [];
for (const suite of suites) {
  const started = Date.now();
  const res = spawnSync('npm', ['run', suite], { stdio: 'inherit', env, shell: process.platform === 'win32' });
  took.push(`${suite} ${Math.round((Date.now() - started) / 1000)} s`);
  if (res.status !== 0) failed.push(`${suite} (exit ${res.status ?? res.signal})`);
}
// Where the time went, so a CI run over its target says which suite to look at.
console.log(`\nporthole: suite times: ${took.join(', ')}`);
if (failed.length > 0) {
  console.error(`\nporthole: failed suites: ${failed.join(', ')}`);
  process.exit(1);
}
