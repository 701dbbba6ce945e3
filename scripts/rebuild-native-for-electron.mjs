// node-pty is native. Inside Electron it must match Electron's ABI, so on a user's machine we
// rebuild it with electron-builder's install-app-deps. Where no Electron binary was downloaded
// (CI and this project's build machines set ELECTRON_SKIP_BINARY_DOWNLOAD=1) there is nothing
// to rebuild for: say so and leave the Node build in place for tests and the web host.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const pkgDir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(pkgDir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const bin = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

const bin = electronBinary();
if (!bin) {
  console.log('porthole: no Electron binary present; skipped rebuilding node-pty for Electron (tests and the web host use the Node build).');
  process.exit(0);
}
const res = spawnSync('npx', ['--no-install', 'electron-builder', 'install-app-deps'], { stdio: 'inherit' });
process.exit(res.status ?? 1);
