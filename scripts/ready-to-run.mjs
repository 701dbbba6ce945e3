// What `npm run web` and `npm start` do before starting, in one Node process instead of two
// (each Node start costs ~0.1 s idle and several times that on a loaded machine, issue 16 §1):
// build when a source changed (build-if-stale.mjs's check, run here), and make node-pty match
// the runtime (native-abi.mjs, started only when its record says a rebuild may be needed).
//
//   node scripts/ready-to-run.mjs node --run dist/app/web/main.js [args…]   checks, then runs that module here
//   node scripts/ready-to-run.mjs electron                                  checks only (npm start then runs electron)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { staleReason } from './build-stamp.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/**
 * True when native-abi.mjs would have nothing to do: node-pty's recorded runtime (`recorded`,
 * null when there is no record: npm ci builds for Node) is the one wanted, and for Electron a
 * binary is there to have built it for.
 */
export function abiAlreadyMatches(want, recorded, electronPresent) {
  const current = recorded ?? 'node';
  if (want === 'node') return current === 'node';
  return electronPresent && current === 'electron';
}

function packageDir(name) {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    return undefined;
  }
}

function runScript(script, args) {
  const res = spawnSync(process.execPath, [join(root, 'scripts', script), ...args], { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) process.exit(res.status ?? 1);
}

async function main() {
  const want = process.argv[2];
  if (want !== 'node' && want !== 'electron') {
    console.error('usage: node scripts/ready-to-run.mjs node|electron [--run module args…]');
    process.exit(2);
  }
  // Up to date: one directory walk here. Stale: the same build as `npm run build`.
  if (staleReason(root) === null) process.stderr.write('porthole: build is up to date (no source changed since the last build).\n');
  else runScript('build-if-stale.mjs', []);

  const ptyDir = packageDir('node-pty');
  const marker = ptyDir && join(ptyDir, 'build', '.porthole-runtime');
  const recorded = marker && existsSync(marker) ? readFileSync(marker, 'utf8').trim() : null;
  const electronDir = packageDir('electron');
  const electronPresent = electronDir !== undefined && existsSync(join(electronDir, 'path.txt'));
  // Anything else (no node-pty, a rebuild, no Electron binary to build for) is native-abi.mjs's to say and do.
  if (!ptyDir || !abiAlreadyMatches(want, recorded, electronPresent)) runScript('native-abi.mjs', [want]);

  const i = process.argv.indexOf('--run');
  if (i < 0) return;
  const entry = process.argv[i + 1];
  if (entry === undefined) throw new Error('--run needs a module path');
  // The module reads its own options from process.argv (e.g. --port): they follow it, as they did on its own command line.
  process.argv.splice(1, i);
  await import(pathToFileURL(resolve(root, entry)).href);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(`porthole: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
