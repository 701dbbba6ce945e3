// Issue 8, the target tree: filter, copy an id, and a profile whose credentials fail says so in
// plain words on the node instead of showing nothing.
import { join } from 'node:path';
import { expect, repoRoot, test } from '../fixtures/web-host.js';
import { expand, openDemo, SHELL_TIMEOUT_MS, treeRow } from './porthole-ui.js';

test.use({ sandbox: true });
test.describe.configure({ timeout: 120_000 });

test('filter, copy an instance id, and a failing profile explained on its node', async ({ page, webHost, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: webHost.origin });
  await page.emulateMedia({ colorScheme: 'light' });
  await openDemo(page, webHost.url);

  // Filter: only matches and their ancestors stay.
  await page.getByLabel('Filter targets').fill('lost');
  await expect(treeRow(page, 'instance', 'lost-contact')).toBeVisible();
  await expect(treeRow(page, 'instance', 'bastion')).toBeHidden();
  await expect(treeRow(page, 'cluster', 'demo-web')).toBeHidden();
  await expect(treeRow(page, 'instance', 'lost-contact').locator('.tree-badge')).toHaveText('lost');
  await page.getByLabel('Filter targets').press('Escape');
  await expect(treeRow(page, 'instance', 'bastion')).toBeVisible();
  // The hybrid node (mi-…, known to SSM only) is listed with the instances, its ping status its badge.
  await expect(treeRow(page, 'instance', 'onprem-build')).toHaveAttribute('title', /^mi-0a1b2c3d4e5f60006\n/);
  await expect(treeRow(page, 'instance', 'onprem-build').locator('.tree-badge')).toHaveText('online');

  // Copy the instance id from the context menu.
  await treeRow(page, 'instance', 'bastion').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Copy instance ID' }).click();
  await expect(page.locator('.toast')).toContainText('Copied instance ID');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('i-0a1b2c3d4e5f60001');

  // The expired profile: its region cannot load, and the node says why and what to do.
  const expired = treeRow(page, 'profile', 'porthole-sandbox-expired');
  await expand(expired);
  const region = page.locator('li', { has: expired }).last().locator('.tree-row[data-node-kind="region"]');
  await expand(region);
  const error = page.locator('.tree-error').filter({ hasText: 'porthole-sandbox-expired' });
  await expect(error).toContainText('have expired', { timeout: SHELL_TIMEOUT_MS });
  await expect(error).toContainText('Refresh the credentials');
  await expect(error.getByRole('button', { name: 'Retry' })).toBeVisible();
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'ui8-tree-light.png') });

  // Settings from the status bar are saved by main.
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Font size').fill('15');
  await settings.getByLabel('Font size').press('Enter');
  await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'ui8-settings.png') });
  await page.reload();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('dialog', { name: 'Settings' }).getByLabel('Font size')).toHaveValue('15');
});
