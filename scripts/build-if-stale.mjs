// The build entry points:
//   node scripts/build-if-stale.mjs          builds only when a build input changed since the last
//                                            successful build (`npm run web`, `npm start`, ...)
//   node scripts/build-if-stale.mjs --force  always builds (`npm run build`)
// Either way a successful build records the fingerprint of its inputs (see build-stamp.mjs), so
// starting an up-to-date checkout costs a directory walk instead of tsc -b plus two vite builds.
// The build itself is `npm run build:all`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fingerprint, staleReason, writeStamp } from './build-stamp.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const force = process.argv.includes('--force');
const print = fingerprint(root);
const reason = force ? 'asked to' : staleReason(root, print);
if (reason === null) {
  process.stderr.write('porthole: build is up to date (no source changed since the last build).\n');
} else {
  if (!force) process.stderr.write(`porthole: building (${reason}).\n`);
  const res = spawnSync('npm', ['run', 'build:all'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (res.status !== 0) process.exit(res.status ?? 1);
  writeStamp(root, print);
}
