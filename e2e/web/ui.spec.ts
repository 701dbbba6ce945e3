// The UI loads from the web host, shows real app info, and breaks no CSP rule.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';

const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

test('the UI loads with the layout skeleton and real app info', async ({ page, webHost }) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));

  // The icon's fetches that reached the host (not the browser's cache): the page drops the token from
  // its address once loaded, and Chromium asks for the icon again for the new address.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const fromCache = new Set<string>();
  const iconFetches: string[] = [];
  cdp.on('Network.requestServedFromCache', (e) => fromCache.add(e.requestId));
  cdp.on('Network.responseReceived', (e) => {
    if (/favicon/.test(e.response.url) && !e.response.fromDiskCache && !fromCache.has(e.requestId)) iconFetches.push(e.response.url);
  });

  // The default theme follows the system; ask for dark to see the dark tokens.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(webHost.url);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByTestId('app-version')).toHaveText(`Porthole ${version}`);
  await expect(page.getByTestId('app-host')).toContainText('web');
  await expect(page.getByRole('navigation', { name: 'Targets' })).toBeVisible();
  await expect(page.getByTestId('terminal-host')).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Forwards' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Inspector' })).toBeVisible();
  // Real answers, no made-up content: the fixture's host sees no AWS config and runs no sandbox.
  await expect(page.getByTestId('tree')).toHaveText('No AWS profiles found.');
  await expect(page.getByTestId('terminal-host')).toContainText('No open sessions.');
  // No tabs, no tab strip: the empty state owns the pane from its top (no empty 33 px bar above it).
  await expect(page.getByRole('tablist', { name: 'Sessions' })).toHaveCount(0);
  const pane = await page.getByRole('region', { name: 'Terminals' }).boundingBox();
  const host = await page.getByTestId('terminal-host').boundingBox();
  expect(host?.y).toBe(pane?.y);
  await expect(page.getByTestId('app-sandbox')).toHaveText('AWS');
  // The token leaves the address bar once read.
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
  // …and the icon came from the host once: asked again for the address without the token, the browser has it.
  expect(iconFetches).toHaveLength(1);
  // The toasts' live region is in the page before any toast, so a screen reader announces the first one.
  await expect(page.locator('.toasts[role="status"][aria-live="polite"]')).toBeAttached();

  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'ui-dark.png') });
  expect(problems).toEqual([]);
});
