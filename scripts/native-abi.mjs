// node-pty is native and must match the runtime that loads it: Electron's ABI inside the app,
// Node's for the tests, the web host, the sandbox and the CLI. This script makes node-pty's build
// match the runtime named on the command line, rebuilding only when the recorded one differs.
//
//   node scripts/native-abi.mjs electron   (postinstall and `npm start`: users' machines)
//   node scripts/native-abi.mjs node       (before tests, the web host, the sandbox, benches)
//
// Where no Electron binary was downloaded (CI and build machines here set
// ELECTRON_SKIP_BINARY_DOWNLOAD=1) there is nothing to build for Electron: it says so and keeps
// the Node build.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { atLeast, electronToolsMessage, NODE_FOR } from './node-version.mjs';

const require = createRequire(import.meta.url);
const want = process.argv[2];
if (want !== 'node' && want !== 'electron') {
  console.error('usage: node scripts/native-abi.mjs node|electron');
  process.exit(2);
}

function packageDir(name) {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    return undefined;
  }
}

const ptyDir = packageDir('node-pty');
if (!ptyDir) {
  console.log('porthole: node-pty is not installed; nothing to build.');
  process.exit(0);
}
// Records which runtime the current build/Release/pty.node was built for. npm ci builds for Node.
const marker = join(ptyDir, 'build', '.porthole-runtime');
const current = existsSync(marker) ? readFileSync(marker, 'utf8').trim() : 'node';

function electronBinary() {
  const dir = packageDir('electron');
  if (!dir) return undefined;
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const bin = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : undefined;
}

function run(cmd, args) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (res.status !== 0) {
    console.error(`porthole: '${cmd} ${args.join(' ')}' failed (exit ${res.status}).`);
    process.exit(res.status ?? 1);
  }
}

if (want === 'electron') {
  if (!electronBinary()) {
    console.log('porthole: no Electron binary present; skipped rebuilding node-pty for Electron (Node build kept for tests and the web host).');
    process.exit(0);
  }
  if (current === 'electron') process.exit(0);
  if (!atLeast(NODE_FOR.electronTools)) {
    // At install time this is a warning (the Node build stays, so web mode and tests work);
    // `npm start` needs the Electron build and stops here.
    console.error(electronToolsMessage());
    process.exit(process.env.npm_lifecycle_event === 'postinstall' ? 0 : 1);
  }
  console.log('porthole: rebuilding node-pty for Electron (electron-builder install-app-deps)…');
  run('npx', ['--no-install', 'electron-builder', 'install-app-deps']);
  writeFileSync(marker, 'electron\n');
} else {
  if (current === 'node') process.exit(0);
  console.log('porthole: rebuilding node-pty for Node…');
  run('npm', ['rebuild', 'node-pty']);
  writeFileSync(marker, 'node\n');
}
