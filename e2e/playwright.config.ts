// Playwright: the `web` project drives Debian's Chromium against the real web host (started by
// the fixture in fixtures/web-host.ts); the `electron` project launches the desktop app when an
// Electron binary is installed and otherwise reports its tests as skipped with "NOT RUN".
import { defineConfig } from '@playwright/test';
import { join } from 'node:path';

const repoRoot = join(import.meta.dirname, '..');

export const CHROMIUM = {
  /** Debian's chromium package; Playwright's own browser download is not available here. */
  executablePath: process.env['PORTHOLE_CHROMIUM'] ?? '/usr/bin/chromium',
  // Containers have no user namespaces for Chromium's sandbox and no GPU; the rest stop
  // Chromium phoning home or updating during a run.
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
} as const;

/** Specs that load the whole machine (see the `web-flood` project). */
const FLOOD_SPECS = 'web/flood-*.spec.ts';

export const WEB_USE = {
  browserName: 'chromium' as const,
  launchOptions: { executablePath: CHROMIUM.executablePath, args: [...CHROMIUM.args] },
  viewport: { width: 1280, height: 800 },
};

/** The fixture's worker option (fixtures/web-host.ts). */
interface WebHostWorkerOptions {
  readonly prestartHosts: boolean;
}

export default defineConfig<object, WebHostWorkerOptions>({
  testDir: '.',
  outputDir: join(repoRoot, 'e2e', 'artifacts', 'test-output'),
  // Each test starts its own host process; a generous bound for a 2-core machine, not a target.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 2,
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: join(repoRoot, 'test-results', 'playwright.json') }]],
  projects: [
    {
      name: 'web',
      testMatch: 'web/**/*.spec.ts',
      testIgnore: FLOOD_SPECS,
      use: WEB_USE,
    },
    {
      // The flood tests measure responsiveness (Ctrl-C within a second, eight flooding tabs): on a
      // 2-core machine they run after everything else and one at a time, so no other browser or
      // host competes with the figures they take.
      name: 'web-flood',
      testMatch: FLOOD_SPECS,
      dependencies: ['web'],
      workers: 1,
      // …and no host starts ahead for the next test while one runs (fixtures/web-host.ts HostPool).
      use: { ...WEB_USE, prestartHosts: false },
    },
    { name: 'electron', testMatch: 'electron/**/*.spec.ts' },
  ],
});
