// The desktop app, launched through Playwright's Electron support. Runs only when an Electron
// binary is installed; otherwise each test is reported as skipped with "NOT RUN" — never passed.
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const repoRoot = join(import.meta.dirname, '..', '..');

function electronBinary(): string | undefined {
  try {
    const pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const bin = join(pkgDir, 'dist', readFileSync(join(pkgDir, 'path.txt'), 'utf8').trim());
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

const binary = electronBinary();
const NOT_RUN = 'NOT RUN: no Electron binary in node_modules/electron (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1). This test did not run and did not pass.';

test('the desktop window loads the renderer over the preload bridge', async () => {
  test.skip(binary === undefined, NOT_RUN);
  const dataDir = await mkdtemp(join(tmpdir(), 'porthole-electron-'));
  const app = await electron.launch({
    executablePath: binary,
    // Root in a container has no user namespaces for Chromium's sandbox.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), repoRoot],
    env: { ...process.env, PORTHOLE_DATA_DIR: dataDir, PORTHOLE_SANDBOX: '0' },
  });
  try {
    const win = await app.firstWindow();
    await expect(win.getByTestId('app-host')).toContainText('desktop');
    expect(await win.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    await win.getByTestId('theme-select').selectOption('light');
    await expect(win.locator('html')).toHaveAttribute('data-theme', 'light');
    await win.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'electron.png') });
  } finally {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
